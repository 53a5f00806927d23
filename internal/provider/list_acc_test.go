package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// `terraform query` needs Terraform 1.14; below it (and on OpenTofu, which
// has no query command) these tests skip, and TestListResources checks
// the same code through the plugin protocol.
var queryVersion = version.Must(version.NewVersion("1.14.0"))

// addDriver installs the GPU driver extension on a VM made outside Terraform.
func addDriver(t *testing.T, d *acctest.Device, vmID string) {
	t.Helper()
	if _, err := device.Await(d.Client(t).BeginPutExtension(context.Background(), vmID+"/extensions/gpu-driver", device.Extension{Location: "dbelocal",
		Properties: device.ExtensionProperties{Publisher: "Microsoft.HpcCompute", Type: "NvidiaGpuDriverLinux", TypeHandlerVersion: "1.8", AutoUpgradeMinorVersion: true}})); err != nil {
		t.Fatal(err)
	}
}

// A list block with no configuration lists every GPU VM and driver of the
// device, those Terraform made and those made outside it.
func TestAccList_query(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2})
	outside := createVMOutside(t, d, "portal", "Standard_NC4as_T4_v3")
	addDriver(t, d, outside)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{
			{Config: acctest.RequiredProviders() + d.GPUVM("vm", "made", "Standard_NC4as_T4_v3", "rhel_7_4", "") + extension("")},
			{
				Query: true,
				Config: `
provider "azurestackedge" {}

list "azurestackedge_gpu_vm" "all" {
  provider = azurestackedge
}

list "azurestackedge_gpu_vm" "portal" {
  provider = azurestackedge
  config {
    resource_group_name = "` + mockdevice.ImageResourceGroup + `"
    name_prefix         = "por"
  }
}

list "azurestackedge_gpu_extension" "drivers" {
  provider = azurestackedge
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("azurestackedge_gpu_vm.all", 2),
					querycheck.ExpectIdentity("azurestackedge_gpu_vm.all", map[string]knownvalue.Check{
						"subscription_id":     knownvalue.StringExact(d.Credentials().SubscriptionID),
						"resource_group_name": knownvalue.StringExact(acctest.VMGroup),
						"name":                knownvalue.StringExact("made"),
					}),
					querycheck.ExpectIdentity("azurestackedge_gpu_vm.all", map[string]knownvalue.Check{
						"subscription_id":     knownvalue.StringExact(d.Credentials().SubscriptionID),
						"resource_group_name": knownvalue.StringExact(mockdevice.ImageResourceGroup),
						"name":                knownvalue.StringExact("portal"),
					}),
					querycheck.ExpectLength("azurestackedge_gpu_vm.portal", 1),
					querycheck.ExpectLength("azurestackedge_gpu_extension.drivers", 2),
				},
			},
		},
	})
}

// `terraform query -generate-config-out` on VMs and drivers made outside
// Terraform writes import blocks and configuration whose plan imports
// them and changes nothing.
func TestAccList_generateConfig(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2})
	w := acctest.NewWorkspace(t, d.Env())
	ctx := context.Background()
	v, _, err := w.Terraform().Version(ctx, true)
	if err != nil || v.LessThan(queryVersion) {
		t.Skipf("needs Terraform 1.14 or later for terraform query (this CLI: %v %v); TestListResources checks the list resources through the plugin protocol", v, err)
	}
	for _, name := range []string{"portal", "ps-made"} {
		addDriver(t, d, createVMOutside(t, d, name, "Standard_NC4as_T4_v3"))
	}
	w.Write(`provider "azurestackedge" {}` + "\n")
	query := `
list "azurestackedge_gpu_vm" "vms" {
  provider         = azurestackedge
  include_resource = true
}

list "azurestackedge_gpu_extension" "drivers" {
  provider         = azurestackedge
  include_resource = true
}
`
	if err := os.WriteFile(filepath.Join(w.Dir, "device.tfquery.hcl"), []byte(query), 0o600); err != nil {
		t.Fatal(err)
	}
	generated := filepath.Join(w.Dir, "generated.tf")
	msgs, err := w.Terraform().QueryJSON(ctx, tfexec.GenerateConfigOut(generated))
	if err != nil {
		t.Fatal(err)
	}
	for m := range msgs {
		if m.Err != nil {
			t.Fatal(m.Err)
		}
	}
	out, err := os.ReadFile(generated)
	if err != nil {
		t.Fatalf("terraform query -generate-config-out wrote nothing: %v", err)
	}
	if n := strings.Count(string(out), "import {"); n != 4 {
		t.Fatalf("%d import blocks, want 4 (2 VMs, 2 drivers):\n%s", n, out)
	}
	plan := filepath.Join(w.Dir, "import.tfplan")
	if err := w.SavePlan(ctx, plan); err != nil {
		t.Fatalf("the generated configuration does not plan: %v\n%s", err, out)
	}
	p, err := w.Terraform().ShowPlanFile(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	imported := 0
	for _, rc := range p.ResourceChanges {
		if !rc.Change.Actions.NoOp() {
			t.Errorf("%s: %v, want nothing but the import\n%s", rc.Address, rc.Change.Actions, out)
		}
		if rc.Change.Importing != nil {
			imported++
		}
	}
	if imported != 4 {
		t.Errorf("%d resources imported, want 4", imported)
	}
}
