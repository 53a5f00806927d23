package provider_test

import (
	"context"
	"errors"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// createVMOutside makes a VM (with its NIC) on the device as another user
// would, outside Terraform, and returns its ID.
func createVMOutside(t *testing.T, d *acctest.Device, name, size string) string {
	t.Helper()
	id, err := createVMOutsideAt(t, d, name, size, "")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// createVMOutsideWithIP is createVMOutside with a static address, on a
// general-purpose size (it holds no GPU).
func createVMOutsideWithIP(t *testing.T, d *acctest.Device, name, ip string) string {
	t.Helper()
	id, err := createVMOutsideAt(t, d, name, "Standard_D2_v2", ip)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// createFailingVMOutside asks for a GPU VM when none is free, as the seed's
// "Kubernetes first" scenarios do: the device fails it and keeps it, Failed.
func createFailingVMOutside(t *testing.T, d *acctest.Device, name string) {
	t.Helper()
	if _, err := createVMOutsideAt(t, d, name, "Standard_NC4as_T4_v3", ""); !errors.Is(err, device.ErrInsufficientGPUs) {
		t.Fatalf("a GPU VM with no GPU free: %v, want the device's insufficient-GPUs failure", err)
	}
}

func createVMOutsideAt(t *testing.T, d *acctest.Device, name, size, ip string) (string, error) {
	t.Helper()
	ctx := context.Background()
	c := d.Client(t)
	sub := c.SubscriptionID()
	nicID := device.NICID(sub, mockdevice.ImageResourceGroup, name+"-nic")
	var ipc device.IPConfiguration
	ipc.Name = "ipconfig1"
	ipc.Properties.Subnet = &device.SubResource{ID: d.SubnetID()}
	ipc.Properties.PrivateIPAllocationMethod = "Dynamic"
	if ip != "" {
		ipc.Properties.PrivateIPAllocationMethod, ipc.Properties.PrivateIPAddress = "Static", ip
	}
	if _, err := device.Await(c.BeginPutNIC(ctx, nicID, device.NetworkInterface{Location: "dbelocal",
		Properties: device.NICProperties{IPConfigurations: []device.IPConfiguration{ipc}}})); err != nil {
		return "", err
	}
	vmID := device.VMID(sub, mockdevice.ImageResourceGroup, name)
	_, err := device.Await(c.BeginPutVM(ctx, vmID, device.VirtualMachine{Location: "dbelocal", Properties: device.VMProperties{
		HardwareProfile: device.HardwareProfile{VMSize: size},
		StorageProfile:  &device.StorageProfile{ImageReference: &device.SubResource{ID: d.ImageID("ubuntu_18_04")}},
		OSProfile:       &device.OSProfile{AdminUsername: "azureuser", AdminPassword: "Outside-Passw0rd!"},
		NetworkProfile:  &device.NetworkProfile{NetworkInterfaces: []device.SubResource{{ID: nicID}}},
	}}))
	return vmID, err
}
