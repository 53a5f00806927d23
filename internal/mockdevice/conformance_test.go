package mockdevice

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/compute/armcompute/v6"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/network/armnetwork/v7"
)

// Microsoft's Azure SDK for Go clients, set to the device's API versions,
// create, poll and delete a NIC, a GPU VM and its driver extension against
// the mock, as they would against the real device.
func TestConformanceWithAzureSDK(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{OpDelay: 200 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cred := s.deviceCredential(t)
	opts := func(version string) *arm.ClientOptions {
		return &arm.ClientOptions{
			ClientOptions: azcore.ClientOptions{
				APIVersion: version,
				Transport:  s.httpClient(),
				Cloud: cloud.Configuration{
					ActiveDirectoryAuthorityHost: s.URL() + "/",
					Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
						cloud.ResourceManager: {Endpoint: s.URL(), Audience: s.deviceAudience()},
					},
				},
			},
		}
	}
	sub := s.Credentials().SubscriptionID
	s.deviceClient(t).createRG("sdk")
	poll := &runtime.PollUntilDoneOptions{Frequency: time.Second}

	nics, err := armnetwork.NewInterfacesClient(sub, cred, opts("2017-10-01"))
	if err != nil {
		t.Fatal(err)
	}
	nicPoller, err := nics.BeginCreateOrUpdate(ctx, "sdk", "sdk-nic", armnetwork.Interface{
		Location: to.Ptr("dbelocal"),
		Properties: &armnetwork.InterfacePropertiesFormat{IPConfigurations: []*armnetwork.InterfaceIPConfiguration{{
			Name: to.Ptr("ipconfig1"),
			Properties: &armnetwork.InterfaceIPConfigurationPropertiesFormat{
				Subnet:                    &armnetwork.Subnet{ID: to.Ptr(s.subnetID())},
				PrivateIPAllocationMethod: to.Ptr(armnetwork.IPAllocationMethodDynamic),
			},
		}}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	nic, err := nicPoller.PollUntilDone(ctx, poll)
	if err != nil {
		t.Fatal(err)
	}
	if *nic.Properties.IPConfigurations[0].Properties.PrivateIPAddress == "" {
		t.Fatal("NIC without an address")
	}

	vms, err := armcompute.NewVirtualMachinesClient(sub, cred, opts("2017-12-01"))
	if err != nil {
		t.Fatal(err)
	}
	vmPoller, err := vms.BeginCreateOrUpdate(ctx, "sdk", "sdk-vm", armcompute.VirtualMachine{
		Location: to.Ptr("dbelocal"),
		Properties: &armcompute.VirtualMachineProperties{
			HardwareProfile: &armcompute.HardwareProfile{VMSize: to.Ptr(armcompute.VirtualMachineSizeTypes("Standard_NC4as_T4_v3"))},
			StorageProfile:  &armcompute.StorageProfile{ImageReference: &armcompute.ImageReference{ID: to.Ptr(s.imageIDFor("ubuntu_18_04"))}},
			OSProfile: &armcompute.OSProfile{
				ComputerName: to.Ptr("sdkvm"), AdminUsername: to.Ptr("azureuser"), AdminPassword: to.Ptr("Secret-Passw0rd!"),
			},
			NetworkProfile: &armcompute.NetworkProfile{NetworkInterfaces: []*armcompute.NetworkInterfaceReference{{ID: nic.ID}}},
		},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	vm, err := vmPoller.PollUntilDone(ctx, poll)
	if err != nil {
		t.Fatal(err)
	}
	if *vm.Properties.ProvisioningState != "Succeeded" || *vm.Properties.HardwareProfile.VMSize != "Standard_NC4as_T4_v3" {
		t.Fatalf("VM: %+v", vm.Properties)
	}
	view, err := vms.InstanceView(ctx, "sdk", "sdk-vm", nil)
	if err != nil || len(view.Statuses) != 2 || *view.Statuses[1].Code != "PowerState/running" {
		t.Fatalf("instance view: %+v %v", view, err)
	}

	exts, err := armcompute.NewVirtualMachineExtensionsClient(sub, cred, opts("2017-12-01"))
	if err != nil {
		t.Fatal(err)
	}
	extPoller, err := exts.BeginCreateOrUpdate(ctx, "sdk", "sdk-vm", "gpu-driver", armcompute.VirtualMachineExtension{
		Location: to.Ptr("dbelocal"),
		Properties: &armcompute.VirtualMachineExtensionProperties{
			Publisher: to.Ptr("Microsoft.HpcCompute"), Type: to.Ptr("NvidiaGpuDriverLinux"),
			TypeHandlerVersion: to.Ptr("1.8"), AutoUpgradeMinorVersion: to.Ptr(true), Settings: map[string]any{},
		},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ext, err := extPoller.PollUntilDone(ctx, poll)
	if err != nil || *ext.Properties.ProvisioningState != "Succeeded" {
		t.Fatalf("extension: %+v %v", ext, err)
	}

	// A failed extension install surfaces as the SDK's ResponseError.
	s.FailNextOperation(*ext.ID, FailNext{Code: "VMExtensionProvisioningError", Message: "driver download failed"})
	failing, err := exts.BeginCreateOrUpdate(ctx, "sdk", "sdk-vm", "gpu-driver", armcompute.VirtualMachineExtension{
		Location:   to.Ptr("dbelocal"),
		Properties: &armcompute.VirtualMachineExtensionProperties{Publisher: to.Ptr("Microsoft.HpcCompute"), Type: to.Ptr("NvidiaGpuDriverLinux"), TypeHandlerVersion: to.Ptr("1.8")},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = failing.PollUntilDone(ctx, poll)
	var respErr *azcore.ResponseError
	if !asResponseError(err, &respErr) || respErr.ErrorCode != "VMExtensionProvisioningError" {
		t.Fatalf("failed install: %v", err)
	}

	extDel, err := exts.BeginDelete(ctx, "sdk", "sdk-vm", "gpu-driver", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := extDel.PollUntilDone(ctx, poll); err != nil {
		t.Fatal(err)
	}
	vmDel, err := vms.BeginDelete(ctx, "sdk", "sdk-vm", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vmDel.PollUntilDone(ctx, poll); err != nil {
		t.Fatal(err)
	}
	nicDel, err := nics.BeginDelete(ctx, "sdk", "sdk-nic", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := nicDel.PollUntilDone(ctx, poll); err != nil {
		t.Fatal(err)
	}
	if _, err := vms.Get(ctx, "sdk", "sdk-vm", nil); !asResponseError(err, &respErr) || respErr.StatusCode != http.StatusNotFound {
		t.Fatalf("VM after delete: %v", err)
	}
	if g := s.GPUs(); g.Free != 2 || len(g.VMs) != 0 {
		t.Fatalf("GPUs after delete: %+v", g)
	}
}
