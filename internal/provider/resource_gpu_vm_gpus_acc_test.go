package provider_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

func vms(d *acctest.Device, n int, size string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(d.GPUVM(fmt.Sprintf("vm%d", i), fmt.Sprintf("gpu%d", i), size, "rhel_7_4", ""))
	}
	return b.String()
}

// Two 1-GPU VMs fill a 2-GPU device: the plan passes, and so does the
// plan Terraform makes again during apply (each VM counted once). A third
// is refused at plan time, naming every VM of the plan and who holds the
// GPUs.
func TestAccGPUVM_overAllocation(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2, MemoryGiB: memoryFor2GPUSize})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				Config:      vms(d, 3, "Standard_NC4as_T4_v3"),
				ExpectError: acctest.Message(`This plan asks the device for 3 GPU(s): ASERG/gpu1 (new, Standard_NC4as_T4_v3: 1), ASERG/gpu2 (new, Standard_NC4as_T4_v3: 1), ASERG/gpu3 (new, Standard_NC4as_T4_v3: 1). The device has 2 T4 GPU(s) and 2 free (nothing holds any).`),
			},
			{Config: vms(d, 2, "Standard_NC4as_T4_v3")},
			{
				Config:      vms(d, 3, "Standard_NC4as_T4_v3"),
				ExpectError: acctest.Message(`The device has 2 T4 GPU(s) and 0 free (gpu1 (Standard_NC4as_T4_v3, running) holds 1; gpu2 (Standard_NC4as_T4_v3, running) holds 1).`),
			},
			{
				// Growing one VM to 2 GPUs needs the other's GPU.
				Config:      vms(d, 1, "Standard_NC32as_2T4_v1") + d.GPUVM("vm2", "gpu2", "Standard_NC4as_T4_v3", "rhel_7_4", ""),
				ExpectError: acctest.Message(`asks the device for 1 GPU(s): ASERG/gpu1 (resize, Standard_NC32as_2T4_v1: needs 1 more GPU)`),
			},
			{
				// With the other gone, it fits: the VM's own GPU counts for it.
				Config: vms(d, 1, "Standard_NC32as_2T4_v1"),
			},
		},
	})
}

// A replaced VM's own GPU counts as available to its replacement: on a full
// device, a change that replaces a VM plans and applies, under its name or
// another.
func TestAccGPUVM_replacementReusesItsGPU(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: d.GPUVM("vm", "gpu1", "Standard_NC4as_T4_v3", "rhel_7_4", "")},
			{
				Config: strings.Replace(d.GPUVM("vm", "gpu1", "Standard_NC4as_T4_v3", "rhel_7_4", ""), `admin_username      = "azureuser"`, `admin_username      = "operator"`, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionDestroyBeforeCreate),
				}},
			},
			{
				// Renamed: another VM replaces it, after it is deleted
				// (Terraform's order), so its GPU counts for the new one
				// (an outside run found this refused).
				Config: d.GPUVM("vm", "gpu2", "Standard_NC4as_T4_v3", "rhel_7_4", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionDestroyBeforeCreate),
				}},
			},
		},
	})
}

// The seed's five scenarios, with Terraform: GPU VMs made before the
// Kubernetes role keep their GPUs and Kubernetes takes the rest; a GPU VM
// planned after Kubernetes took every GPU is refused with the seed's advice.
func TestAccGPUVM_seedKubernetesScenarios(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	for _, tc := range []struct {
		name      string
		gpus      int
		vmsBefore int
		vmAfter   bool
		wantK8s   string
		wantFree  string
	}{
		{"1 GPU: VM then Kubernetes", 1, 1, false, "0", "0"},
		{"1 GPU: Kubernetes then VM", 1, 0, true, "1", "0"},
		{"2 GPUs: one VM then Kubernetes", 2, 1, false, "1", "0"},
		{"2 GPUs: two VMs then Kubernetes", 2, 2, false, "0", "0"},
		{"2 GPUs: Kubernetes then VM", 2, 0, true, "2", "0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := acctest.StartDevice(t, mockdevice.Options{GPUs: tc.gpus})
			before := vms(d, tc.vmsBefore, "Standard_NC4as_T4_v3")
			steps := []resource.TestStep{}
			if tc.vmsBefore > 0 {
				steps = append(steps, resource.TestStep{Config: before})
			}
			steps = append(steps, resource.TestStep{
				PreConfig: func() { configureKubernetes(t, d) },
				Config:    before + inventoryConfig,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.azurestackedge_gpu_inventory.this", "kubernetes_configured", "true"),
					resource.TestCheckResourceAttr("data.azurestackedge_gpu_inventory.this", "kubernetes_gpus", tc.wantK8s),
					resource.TestCheckResourceAttr("data.azurestackedge_gpu_inventory.this", "free_gpus", tc.wantFree),
					resource.TestCheckResourceAttr("data.azurestackedge_gpu_inventory.this", "vm_claims.#", fmt.Sprint(tc.vmsBefore)),
				),
			})
			if tc.vmAfter {
				steps = append(steps, resource.TestStep{
					Config: before + inventoryConfig + d.GPUVM("late", "late", "Standard_NC4as_T4_v3", "rhel_7_4", ""),
					ExpectError: acctest.Message(fmt.Sprintf("Kubernetes holds %s GPU(s): the Kubernetes role claims every GPU free when it is configured (source: Azure Stack Edge docs: GPU VMs overview (2021)). "+
						"Deploy GPU VMs before configuring Kubernetes, or remove the Kubernetes role to give its GPUs back.", tc.wantK8s)),
				})
			}
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: d.Factories(), Steps: steps})
		})
	}
}

// configureKubernetes configures the Kubernetes role on the device's Azure
// side, as the Azure portal would.
func configureKubernetes(t *testing.T, d *acctest.Device) {
	t.Helper()
	if err := d.ConfigureKubernetes(context.Background()); err != nil {
		t.Fatal(err)
	}
}
