package provider_test

import (
	"encoding/base64"
	"fmt"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// Custom data reaches the device as osProfile.customData, plans as no
// change while it stays the same (the device never returns it), and
// replaces the VM when it changes.
func TestAccGPUVM_customData(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2})
	vmID := d.VMID(acctest.VMGroup, "ci1")
	first := "#cloud-config\nruncmd: [echo first-boot]\n"
	config := func(cloudInit string) string {
		return d.GPUVM("vm", "ci1", "Standard_NC4as_T4_v3", "ubuntu_18_04", fmt.Sprintf("custom_data = base64encode(%q)", cloudInit))
	}
	kept := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			got, ok := d.CustomData(vmID)
			if !ok || got != base64.StdEncoding.EncodeToString([]byte(want)) {
				return fmt.Errorf("the device keeps custom data %q (VM found: %v), want the base64 of %q", got, ok, want)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				Config:      d.GPUVM("bad", "ci2", "Standard_NC4as_T4_v3", "ubuntu_18_04", `custom_data = "#cloud-config secret-token"`),
				ExpectError: acctest.Message("custom_data (value hidden: it is sensitive) is not standard base64"),
			},
			{
				Config: config(first),
				Check:  kept(first),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{
				Config: config("#cloud-config\nruncmd: [echo second-boot]\n"),
				Check:  kept("#cloud-config\nruncmd: [echo second-boot]\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionReplace),
					plancheck.ExpectSensitiveValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("custom_data")),
				}},
			},
		},
	})
}
