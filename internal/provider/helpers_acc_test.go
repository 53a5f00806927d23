package provider_test

import (
	"context"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// createVMOutside makes a VM (with its NIC) on the device as another user
// would, outside Terraform, and returns its ID.
func createVMOutside(t *testing.T, d *acctest.Device, name, size string) string {
	t.Helper()
	return createVMOutsideAt(t, d, name, size, "")
}

// createVMOutsideWithIP is createVMOutside with a static address, on a
// general-purpose size (it holds no GPU).
func createVMOutsideWithIP(t *testing.T, d *acctest.Device, name, ip string) string {
	t.Helper()
	return createVMOutsideAt(t, d, name, "Standard_D2_v2", ip)
}

func createVMOutsideAt(t *testing.T, d *acctest.Device, name, size, ip string) string {
	t.Helper()
	ctx := context.Background()
	c := d.Client(t)
	sub := c.SubscriptionID()
	subnet := "/subscriptions/" + sub + "/resourceGroups/ASERG/providers/Microsoft.Network/virtualNetworks/ASEVNET/subnets/ASEVNETsubNet"
	nicID := device.NICID(sub, mockdevice.ImageResourceGroup, name+"-nic")
	var ipc device.IPConfiguration
	ipc.Name = "ipconfig1"
	ipc.Properties.Subnet = &device.SubResource{ID: subnet}
	ipc.Properties.PrivateIPAllocationMethod = "Dynamic"
	if ip != "" {
		ipc.Properties.PrivateIPAllocationMethod, ipc.Properties.PrivateIPAddress = "Static", ip
	}
	nicOp, err := c.BeginPutNIC(ctx, nicID, device.NetworkInterface{Location: "dbelocal",
		Properties: device.NICProperties{IPConfigurations: []device.IPConfiguration{ipc}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := nicOp.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	vmID := device.VMID(sub, mockdevice.ImageResourceGroup, name)
	image := "/subscriptions/" + sub + "/resourceGroups/" + mockdevice.ImageResourceGroup + "/providers/Microsoft.Compute/images/ubuntu-18-04"
	op, err := c.BeginPutVM(ctx, vmID, device.VirtualMachine{Location: "dbelocal", Properties: device.VMProperties{
		HardwareProfile: device.HardwareProfile{VMSize: size},
		StorageProfile:  &device.StorageProfile{ImageReference: &device.SubResource{ID: image}},
		OSProfile:       &device.OSProfile{AdminUsername: "azureuser", AdminPassword: "Outside-Passw0rd!"},
		NetworkProfile:  &device.NetworkProfile{NetworkInterfaces: []device.SubResource{{ID: nicID}}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := op.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	return vmID
}
