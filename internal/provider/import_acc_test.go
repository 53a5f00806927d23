package provider_test

import (
	"context"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// Import blocks (Terraform 1.5 and later; the plan of an import is what
// these tests check) plan nothing when the configuration matches the
// device: os comes back from the device, the password is not sent again.
var importBlocks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)}

// A VM and its driver made by Terraform, imported again into the same
// configuration: by ID with an import block, by `terraform import`, and
// (Terraform 1.12 and later) by identity.
func TestAccGPUVM_importPlansNothing(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	config := acctest.RequiredProviders() + d.GPUVM("vm", "imp", "Standard_NC4as_T4_v3", "ubuntu_18_04", `tags = { team = "ml" }`) + extension("")
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   importBlocks,
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: config},
			{ResourceName: "azurestackedge_gpu_vm.vm", ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{ResourceName: "azurestackedge_gpu_extension.driver", ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{
				ResourceName: "azurestackedge_gpu_vm.vm", ImportState: true, ImportStateVerify: true,
				// The device never returns a password: state holds
				// placeholders (see the attributes' descriptions).
				ImportStateVerifyIgnore: []string{"admin_password", "admin_password_wo_version", "timeouts"},
			},
			{
				// After an import the next plan is empty too.
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// Identity import of the VM and its driver: Terraform 1.12 and later
// (TestIdentityImport checks the same code through the protocol).
func TestAccGPUVM_importByIdentityPlansNothing(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: acctest.RequiredProviders() + d.GPUVM("vm", "ident2", "Standard_NC4as_T4_v3", "rhel_7_4", "") + extension("")},
			{ResourceName: "azurestackedge_gpu_vm.vm", ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
			{ResourceName: "azurestackedge_gpu_extension.driver", ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// A Windows VM with a write-only password (Terraform 1.11 and later):
// the import plans nothing, and no password is sent.
func TestAccGPUVM_importWriteOnlyPassword(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	vm := acctest.RequiredProviders() + `
resource "azurestackedge_gpu_vm" "vm" {
  name                      = "winwo"
  resource_group_name       = "` + acctest.VMGroup + `"
  size                      = "Standard_NC4as_T4_v3"
  os                        = "windows_server_2019"
  image_id                  = "` + d.ImageID("windows_server_2019") + `"
  subnet_id                 = "` + d.SubnetID() + `"
  admin_username            = "azureuser"
  admin_password_wo         = "Secret-Passw0rd!"
  admin_password_wo_version = 1
}
`
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: vm},
			{ResourceName: "azurestackedge_gpu_vm.vm", ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		},
	})
}

// A VM made outside Terraform (as in the portal): imported into a
// matching configuration it plans nothing, os read from its image; and
// -generate-config-out writes a configuration that plans nothing either.
func TestAccGPUVM_importMadeOutside(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	vmID := createVMOutside(t, d, "portal", "Standard_NC4as_T4_v3")
	config := acctest.RequiredProviders() + `
resource "azurestackedge_gpu_vm" "vm" {
  name                = "portal"
  resource_group_name = "` + mockdevice.ImageResourceGroup + `"
  size                = "Standard_NC4as_T4_v3"
  os                  = "ubuntu_18_04"
  image_id            = "` + d.ImageID("ubuntu_18_04") + `"
  subnet_id           = "` + d.SubnetID() + `"
  admin_username      = "azureuser"
  admin_password      = "Not-the-Passw0rd-it-has"
}
`
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   importBlocks,
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{
			{
				Config: config, ResourceName: "azurestackedge_gpu_vm.vm", ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: vmID,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("os"), knownvalue.StringExact("ubuntu_18_04")),
				}},
			},
		},
	})
	// A step of its own: a generate-config step after another copies
	// state the import steps never wrote.
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   importBlocks,
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{{
			Config: acctest.RequiredProviders(), ResourceName: "azurestackedge_gpu_vm.vm", ImportState: true,
			ImportStateKind: resource.ImportBlockWithID, ImportStateId: vmID, GenerateConfig: true,
		}},
	})
}

// A Windows driver, with driver_type set and left to its default: each
// imports into its configuration with nothing to change.
func TestAccGPUExtension_importWindowsPlansNothing(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	vm := acctest.RequiredProviders() + d.GPUVM("vm", "winimp", "Standard_NC4as_T4_v3", "windows_server_2019", "")
	importDriver := resource.TestStep{ResourceName: "azurestackedge_gpu_extension.driver", ImportState: true, ImportStateKind: resource.ImportBlockWithID}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   importBlocks,
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: vm + extension(`driver_type = "GRID"`)},
			importDriver,
			{Config: vm + extension("")},
			importDriver,
		},
	})
}

// `terraform import` (every Terraform and OpenTofu), then `terraform plan`
// in the same working directory: no changes, for the VM and its driver.
func TestAccGPUVM_importCommandThenPlan(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	vmID := createVMOutside(t, d, "byhand", "Standard_NC4as_T4_v3")
	addDriver(t, d, vmID)
	w := acctest.NewWorkspace(t, d.Env())
	w.Write(`provider "azurestackedge" {}
resource "azurestackedge_gpu_vm" "vm" {
  name                = "byhand"
  resource_group_name = "` + mockdevice.ImageResourceGroup + `"
  size                = "Standard_NC4as_T4_v3"
  os                  = "ubuntu_18_04"
  image_id            = "` + d.ImageID("ubuntu_18_04") + `"
  subnet_id           = "` + d.SubnetID() + `"
  admin_username      = "azureuser"
  admin_password      = "Outside-Passw0rd!"
}
resource "azurestackedge_gpu_extension" "driver" {
  virtual_machine_id = azurestackedge_gpu_vm.vm.id
}
`)
	ctx := context.Background()
	for addr, id := range map[string]string{"azurestackedge_gpu_vm.vm": vmID, "azurestackedge_gpu_extension.driver": vmID + "/extensions/gpu-driver"} {
		if err := w.Terraform().Import(ctx, addr, id); err != nil {
			t.Fatalf("terraform import %s: %v\n%s", addr, err, w.LastOutput())
		}
	}
	before := len(d.Requests())
	changes, err := w.Plan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if changes {
		t.Fatalf("the plan after import has changes:\n%s", w.LastOutput())
	}
	for _, r := range d.Requests()[before:] {
		if r.Method != "GET" && r.Method != "POST" {
			t.Errorf("the plan after import wrote to the device: %s %s", r.Method, r.Path)
		}
	}
}

// A VM whose image's name names no OS: the import warns that os cannot be
// read, and the first plan records the configuration's os (checked
// against the image's OS type) with nothing sent to the device; the plan
// after it is empty.
func TestAccGPUVM_importUnknownOS(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	image := d.AddImage(mockdevice.ImageResourceGroup, "golden-2024", catalog.Linux, "V1")
	ctx := context.Background()
	c := d.Client(t)
	nicID := device.NICID(c.SubscriptionID(), mockdevice.ImageResourceGroup, "golden-nic")
	var ipc device.IPConfiguration
	ipc.Name = "ipconfig1"
	ipc.Properties.Subnet = &device.SubResource{ID: d.SubnetID()}
	ipc.Properties.PrivateIPAllocationMethod = "Dynamic"
	if _, err := device.Await(c.BeginPutNIC(ctx, nicID, device.NetworkInterface{Location: "dbelocal",
		Properties: device.NICProperties{IPConfigurations: []device.IPConfiguration{ipc}}})); err != nil {
		t.Fatal(err)
	}
	vmID := device.VMID(c.SubscriptionID(), mockdevice.ImageResourceGroup, "golden")
	if _, err := device.Await(c.BeginPutVM(ctx, vmID, device.VirtualMachine{Location: "dbelocal", Properties: device.VMProperties{
		HardwareProfile: device.HardwareProfile{VMSize: "Standard_NC4as_T4_v3"},
		StorageProfile:  &device.StorageProfile{ImageReference: &device.SubResource{ID: image}},
		OSProfile:       &device.OSProfile{AdminUsername: "azureuser", AdminPassword: "Outside-Passw0rd!"},
		NetworkProfile:  &device.NetworkProfile{NetworkInterfaces: []device.SubResource{{ID: nicID}}},
	}})); err != nil {
		t.Fatal(err)
	}
	config := func(osKey string) string {
		return `provider "azurestackedge" {}
resource "azurestackedge_gpu_vm" "vm" {
  name                = "golden"
  resource_group_name = "` + mockdevice.ImageResourceGroup + `"
  size                = "Standard_NC4as_T4_v3"
  os                  = "` + osKey + `"
  image_id            = "` + image + `"
  subnet_id           = "` + d.SubnetID() + `"
  admin_username      = "azureuser"
  admin_password      = "Outside-Passw0rd!"
}
`
	}
	w := acctest.NewWorkspace(t, d.Env())
	w.Write(config("rhel_7_4"))
	if err := w.Terraform().Import(ctx, "azurestackedge_gpu_vm.vm", vmID); err != nil {
		t.Fatalf("terraform import: %v\n%s", err, w.LastOutput())
	}
	if out := w.LastOutput(); !acctest.Message("The VM's os cannot be read from the device").MatchString(out) {
		t.Errorf("the import does not warn that os cannot be read:\n%s", out)
	}
	w.Write(config("windows_server_2019"))
	if _, err := w.Plan(ctx); err == nil || !acctest.Message("Image of another OS type").MatchString(err.Error()) {
		t.Fatalf("a Windows os for a Linux image: %v", err)
	}
	w.Write(config("rhel_7_4"))
	changes, err := w.Plan(ctx)
	if err != nil || !changes || !acctest.Message(`this plan records os = "rhel_7_4" in state from the configuration`).MatchString(w.LastOutput()) {
		t.Fatalf("the first plan after import: changes %v, %v\n%s", changes, err, w.LastOutput())
	}
	before := len(d.Requests())
	if err := w.Apply(ctx); err != nil {
		t.Fatal(err)
	}
	for _, r := range d.Requests()[before:] {
		if r.Method != "GET" && r.Method != "POST" {
			t.Errorf("recording os wrote to the device: %s %s", r.Method, r.Path)
		}
	}
	if changes, err := w.Plan(ctx); err != nil || changes {
		t.Fatalf("the plan after os was recorded: changes %v, %v\n%s", changes, err, w.LastOutput())
	}
}

// A VM this provider made from an image whose name names no OS: the os
// it recorded on the VM's NIC at create comes back on import.
func TestAccGPUVM_importOSFromNICRecord(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	image := d.AddImage(mockdevice.ImageResourceGroup, "golden-2024", catalog.Linux, "V1")
	config := acctest.RequiredProviders() + strings.Replace(d.GPUVM("vm", "rec", "Standard_NC4as_T4_v3", "rhel_7_4", ""),
		d.ImageID("rhel_7_4"), image, 1)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   importBlocks,
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: config},
			{
				ResourceName: "azurestackedge_gpu_vm.vm", ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("os"), knownvalue.StringExact("rhel_7_4")),
				}},
			},
		},
	})
}
