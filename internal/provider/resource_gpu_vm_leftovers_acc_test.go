package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// A delete that stops after the VM is gone (here its OS disk's delete is
// refused) keeps the VM in state: the next plan replaces it, deleting the
// OS disk and NIC the delete left, and nothing is orphaned. Before, the
// refresh dropped the VM from state and the OS disk stayed, which nothing
// named any more.
func TestAccGPUVM_deleteStoppedAfterTheVM(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	config := d.GPUVM("vm", "halfgone", "Standard_NC4as_T4_v3", "rhel_7_4", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					if err := d.AddFault(mockdevice.Fault{Kind: mockdevice.Fault400, Method: "DELETE", Path: "*/disks/*", Count: 1}); err != nil {
						t.Fatal(err)
					}
				},
				Config:      config,
				Destroy:     true,
				ExpectError: regexp.MustCompile(`Cannot delete the VM's disk`),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(*terraform.State) error { return onlyAttachedDisks(d) },
			},
		},
	})
}

// onlyAttachedDisks fails if the device holds a disk no VM has.
func onlyAttachedDisks(d *acctest.Device) error {
	for _, id := range d.Resources() {
		if strings.Contains(strings.ToLower(id), "/microsoft.compute/disks/") && !d.DiskAttached(id) {
			return fmt.Errorf("disk %s is left, attached to no VM", id)
		}
	}
	return nil
}
