package mockdevice

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/compute/armcompute/v6"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/network/armnetwork/v7"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/resources/armresources"
)

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// sdkProfile is the API versions Microsoft's clients are pinned to for one
// of the device's profiles (see apiProfiles for the sources).
type sdkProfile struct {
	name                               string
	compute, disks, network, resources string
}

var sdkProfiles = []sdkProfile{
	{"2018-03-01-hybrid", "2017-03-30", "2017-03-30", "2017-10-01", "2018-02-01"},
	{"2019-03-01-hybrid", "2017-12-01", "2017-03-30", "2017-10-01", "2018-05-01"},
	{"2020-09-01-hybrid", "2020-06-01", "2019-07-01", "2018-11-01", "2019-10-01"},
}

// Microsoft's Azure SDK for Go clients, set to the API versions of each of
// the device's profiles, create, poll and delete a resource group, a NIC, a
// GPU VM with data disks and its driver extension against the mock, as they
// would against the real device.
func TestConformanceWithAzureSDK(t *testing.T) {
	t.Parallel()
	for _, prof := range sdkProfiles {
		t.Run(prof.name, func(t *testing.T) {
			t.Parallel()
			conformanceAt(t, prof)
		})
	}
}

func conformanceAt(t *testing.T, prof sdkProfile) {
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
	poll := &runtime.PollUntilDoneOptions{Frequency: time.Second}

	groups, err := armresources.NewResourceGroupsClient(sub, cred, opts(prof.resources))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := groups.CreateOrUpdate(ctx, "sdk", armresources.ResourceGroup{Location: to.Ptr("dbelocal")}, nil); err != nil {
		t.Fatal(err)
	}
	if g, err := groups.Get(ctx, "sdk", nil); err != nil || *g.Name != "sdk" {
		t.Fatalf("resource group: %+v %v", g, err)
	}

	// An empty managed disk to attach, made before the VM.
	disks, err := armcompute.NewDisksClient(sub, cred, opts(prof.disks))
	if err != nil {
		t.Fatal(err)
	}
	diskPoller, err := disks.BeginCreateOrUpdate(ctx, "sdk", "sdk-data", armcompute.Disk{
		Location: to.Ptr("dbelocal"),
		SKU:      &armcompute.DiskSKU{Name: to.Ptr(armcompute.DiskStorageAccountTypesStandardLRS)},
		Properties: &armcompute.DiskProperties{
			CreationData: &armcompute.CreationData{CreateOption: to.Ptr(armcompute.DiskCreateOptionEmpty)},
			DiskSizeGB:   to.Ptr[int32](16),
		},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	dataDisk, err := diskPoller.PollUntilDone(ctx, poll)
	if err != nil || *dataDisk.Properties.DiskSizeGB != 16 {
		t.Fatalf("disk: %+v %v", dataDisk, err)
	}

	nics, err := armnetwork.NewInterfacesClient(sub, cred, opts(prof.network))
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

	vms, err := armcompute.NewVirtualMachinesClient(sub, cred, opts(prof.compute))
	if err != nil {
		t.Fatal(err)
	}
	vmPoller, err := vms.BeginCreateOrUpdate(ctx, "sdk", "sdk-vm", armcompute.VirtualMachine{
		Location: to.Ptr("dbelocal"),
		Properties: &armcompute.VirtualMachineProperties{
			HardwareProfile: &armcompute.HardwareProfile{VMSize: to.Ptr(armcompute.VirtualMachineSizeTypes("Standard_NC4as_T4_v3"))},
			StorageProfile: &armcompute.StorageProfile{
				ImageReference: &armcompute.ImageReference{ID: to.Ptr(s.imageIDFor("ubuntu_18_04"))},
				DataDisks: []*armcompute.DataDisk{
					{Lun: to.Ptr[int32](0), Name: to.Ptr("sdk-scratch"), CreateOption: to.Ptr(armcompute.DiskCreateOptionTypesEmpty),
						DiskSizeGB: to.Ptr[int32](32), Caching: to.Ptr(armcompute.CachingTypesReadOnly)},
					{Lun: to.Ptr[int32](1), CreateOption: to.Ptr(armcompute.DiskCreateOptionTypesAttach),
						ManagedDisk: &armcompute.ManagedDiskParameters{ID: dataDisk.ID}},
				},
			},
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
	dds := vm.Properties.StorageProfile.DataDisks
	if len(dds) != 2 || *dds[0].Name != "sdk-scratch" || *dds[0].DiskSizeGB != 32 || *dds[0].CreateOption != armcompute.DiskCreateOptionTypesEmpty ||
		!strings.EqualFold(*dds[1].ManagedDisk.ID, *dataDisk.ID) || *dds[1].CreateOption != armcompute.DiskCreateOptionTypesAttach {
		t.Fatalf("data disks: %s", jsonOf(dds))
	}
	attached, err := disks.Get(ctx, "sdk", "sdk-data", nil)
	if err != nil || !strings.EqualFold(*attached.ManagedBy, *vm.ID) {
		t.Fatalf("attached disk: %+v %v", attached, err)
	}
	if hasState := attached.Properties.DiskState != nil; hasState != (prof.disks >= diskStateSince) {
		t.Fatalf("diskState at %s: %v", prof.disks, attached.Properties.DiskState)
	}
	view, err := vms.InstanceView(ctx, "sdk", "sdk-vm", nil)
	if err != nil || len(view.Statuses) != 2 || *view.Statuses[1].Code != "PowerState/running" {
		t.Fatalf("instance view: %+v %v", view, err)
	}

	exts, err := armcompute.NewVirtualMachineExtensionsClient(sub, cred, opts(prof.compute))
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
	// The VM's data disks stay, unattached, to be deleted on their own.
	for pager := disks.NewListByResourceGroupPager("sdk", nil); pager.More(); {
		page, err := pager.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range page.Value {
			if k.ManagedBy != nil {
				t.Fatalf("disk %s still attached to %s", *k.Name, *k.ManagedBy)
			}
			del, err := disks.BeginDelete(ctx, "sdk", *k.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := del.PollUntilDone(ctx, poll); err != nil {
				t.Fatal(err)
			}
		}
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
