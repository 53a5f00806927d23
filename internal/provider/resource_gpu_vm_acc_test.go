package provider_test

import (
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccGPUVM_linuxLifecycle(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2, MemoryGiB: memoryFor2GPUSize})
	vmID := d.VMID(acctest.VMGroup, "lin1")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				Config: d.GPUVM("vm", "lin1", "Standard_NC4as_T4_v3", "ubuntu_18_04", `tags = { env = "test" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("id"), knownvalue.StringExact(vmID)),
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("gpu_count"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("gpu_type"), knownvalue.StringExact("T4")),
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("power_state"), knownvalue.StringExact("running")),
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("private_ip_address"), knownvalue.StringExact("10.57.48.4")),
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("computer_name"), knownvalue.StringExact("lin1")),
				},
			},
			{
				// Deallocate in place, keeping the GPU.
				Config: d.GPUVM("vm", "lin1", "Standard_NC4as_T4_v3", "ubuntu_18_04", `power_state = "deallocated"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("power_state"), knownvalue.StringExact("deallocated")),
				},
			},
			{
				// Resize to the 2-GPU size and start: deallocate, resize, start.
				Config: d.GPUVM("vm", "lin1", "Standard_NC32as_2T4_v1", "ubuntu_18_04", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("gpu_count"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("power_state"), knownvalue.StringExact("running")),
				},
			},
			{
				// A static address in place of the DHCP lease, then DHCP again.
				Config: d.GPUVM("vm", "lin1", "Standard_NC32as_2T4_v1", "ubuntu_18_04", `private_ip_address = "10.57.50.70"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("private_ip_address"), knownvalue.StringExact("10.57.50.70")),
				},
			},
			{
				Config: d.GPUVM("vm", "lin1", "Standard_NC32as_2T4_v1", "ubuntu_18_04", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("private_ip_address")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("private_ip_address"), knownvalue.StringExact("10.57.48.4")),
				},
			},
			{
				ResourceName:      "azurestackedge_gpu_vm.vm",
				ImportState:       true,
				ImportStateId:     vmID,
				ImportStateVerify: true,
				// The device never returns a password; os comes back.
				ImportStateVerifyIgnore: []string{"admin_password", "admin_password_wo_version", "timeouts"},
			},
		},
	})
	if g := d.GPUs(); g.Free != 2 || len(g.VMs) != 0 {
		t.Errorf("after destroy the device has %+v", g)
	}
}

func TestAccGPUVM_rejections(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	for _, tc := range []struct {
		name, config, want string
	}{
		{"general-purpose size", d.GPUVM("vm", "x", "Standard_D2_v2", "ubuntu_18_04", ""), `size = "Standard_D2_v2": Standard_D2_v2 is a general-purpose size with no GPU`},
		{"2-GPU size on a 1-GPU device", d.GPUVM("vm", "x", "Standard_NC32as_2T4_v1", "ubuntu_18_04", ""), `a VM of this size holds 2 GPUs, and the device has 1 T4 GPU(s) in all`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: d.Factories(),
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: acctest.Message(tc.want)}},
			})
		})
	}
}
