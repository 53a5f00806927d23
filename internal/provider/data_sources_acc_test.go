package provider_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// The inventory in the seed's five scenarios, set up on the device as the
// seed describes them (VMs, then the Kubernetes role, then maybe a VM that
// fails). With device_id, free_gpus is what the device enforces and
// Kubernetes' GPUs are shown; without, capacity is the declared one and
// Kubernetes cannot be seen.
func TestAccGPUInventory_seedScenarios(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	for _, tc := range []struct {
		name      string
		gpus      int
		vmsBefore int
		vmAfter   bool
		wantK8s   int
	}{
		{"1 GPU: VM then Kubernetes", 1, 1, false, 0},
		{"1 GPU: Kubernetes then VM", 1, 0, true, 1},
		{"2 GPUs: one VM then Kubernetes", 2, 1, false, 1},
		{"2 GPUs: two VMs then Kubernetes", 2, 2, false, 0},
		{"2 GPUs: Kubernetes then VM", 2, 0, true, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := acctest.StartDevice(t, mockdevice.Options{GPUs: tc.gpus})
			for i := 0; i < tc.vmsBefore; i++ {
				createVMOutside(t, d, "vm"+strconv.Itoa(i), "Standard_NC4as_T4_v3")
			}
			configureKubernetes(t, d)
			if tc.vmAfter {
				createFailingVMOutside(t, d, "late")
			}
			inv := "data.azurestackedge_gpu_inventory.this"
			withDeviceID := resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(inv, "source", "capacity_api"),
				resource.TestCheckResourceAttr(inv, "kubernetes_configured", "true"),
				resource.TestCheckResourceAttr(inv, "kubernetes_gpus", strconv.Itoa(tc.wantK8s)),
				resource.TestCheckResourceAttr(inv, "vm_claims.#", strconv.Itoa(tc.vmsBefore)),
				checkFreeIsDevice(d, inv),
			)
			declared := resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(inv, "source", "declared"),
				resource.TestCheckResourceAttr(inv, "kubernetes_configured", "false"),
				resource.TestCheckResourceAttr(inv, "total_gpus", strconv.Itoa(tc.gpus)),
				resource.TestCheckResourceAttr(inv, "free_gpus", strconv.Itoa(tc.gpus-tc.vmsBefore)),
				resource.TestCheckResourceAttr(inv, "vm_claims.#", strconv.Itoa(tc.vmsBefore)),
			)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: d.Factories(),
				Steps:                    []resource.TestStep{{Config: inventoryConfig, Check: withDeviceID}},
			})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(d.EnvWithout("AZURESTACKEDGE_DEVICE_ID")),
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf("provider \"azurestackedge\" {\n  gpu_count = %d\n}\n", tc.gpus) + inventoryConfig,
					Check:  declared,
				}},
			})
		})
	}
}

// checkFreeIsDevice compares free_gpus with what the device enforces.
func checkFreeIsDevice(d *acctest.Device, addr string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		return resource.TestCheckResourceAttr(addr, "free_gpus", strconv.Itoa(d.GPUs().Free))(s)
	}
}

func TestAccVMSizes(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{})
	env := d.Env()
	env["AZURESTACKEDGE_DEVICE_RELEASE"] = "2110"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(env),
		Steps: []resource.TestStep{{
			Config: `
data "azurestackedge_vm_sizes" "gpu_2110" {
  gpu_only = true
}
data "azurestackedge_vm_sizes" "a2_2309" {
  release  = "2309"
  gpu_type = "A2"
}
data "azurestackedge_vm_sizes" "all" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// The provider's release (2110) had two GPU sizes.
				statecheck.ExpectKnownValue("data.azurestackedge_vm_sizes.gpu_2110", tfjsonpath.New("release"), knownvalue.StringExact("2110")),
				statecheck.ExpectKnownValue("data.azurestackedge_vm_sizes.gpu_2110", tfjsonpath.New("sizes"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("Standard_NC4as_T4_v3"), "vcpus": knownvalue.Int64Exact(4),
						"memory_gib": knownvalue.Float64Exact(28), "gpu_count": knownvalue.Int64Exact(1), "gpu_type": knownvalue.StringExact("T4")}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("Standard_NC8as_T4_v3"), "vcpus": knownvalue.Int64Exact(8),
						"memory_gib": knownvalue.Float64Exact(56), "gpu_count": knownvalue.Int64Exact(1), "gpu_type": knownvalue.StringExact("T4")}),
				})),
				statecheck.ExpectKnownValue("data.azurestackedge_vm_sizes.a2_2309", tfjsonpath.New("sizes"),
					knownvalue.ListSizeExact(len(catalog.GPUSizeNames(catalog.MustRelease("2309"), catalog.GPUTypeA2)))),
				statecheck.ExpectKnownValue("data.azurestackedge_vm_sizes.all", tfjsonpath.New("sizes"),
					knownvalue.ListSizeExact(len(catalog.Sizes(catalog.MustRelease("2110"), catalog.SizeFilter{})))),
			},
		}},
	})
}

func TestAccFunctionGPUCount(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{
			{
				Config: `
output "two"  { value = provider::azurestackedge::gpu_count("Standard_NC32as_2T4_v1") }
output "one"  { value = provider::azurestackedge::gpu_count("standard_nc4as_t4_v3") }
output "none" { value = provider::azurestackedge::gpu_count("Standard_D2_v2") }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("two", knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownOutputValue("one", knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownOutputValue("none", knownvalue.Int64Exact(0)),
				},
			},
			{
				Config:      `output "bad" { value = provider::azurestackedge::gpu_count("Standard_NC6") }`,
				ExpectError: acctest.Message(`"Standard_NC6" is not a VM size of Azure Stack Edge devices; GPU sizes are`),
			},
		},
	})
}
