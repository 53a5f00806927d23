package provider_test

import (
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// A NIC create the device carried out but whose answer was lost, and
// whose retry the device then refused: the provider is told the NIC failed,
// yet the device has it. Create must delete it: the refusal was an answer,
// so nothing is recorded in state, and a NIC left now would be an orphan no
// state tracks. The check runs before any destroy or later create could
// sweep it.
func TestAccGPUVM_nicMadeDespiteFailureIsDeleted(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	const nics = "*/networkInterfaces/*"
	faults := []mockdevice.Fault{
		{Kind: mockdevice.FaultLostResponse, Method: "PUT", Path: nics, Count: 1},
		{Kind: mockdevice.Fault409, Method: "PUT", Path: nics, Count: 1},
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				for _, f := range faults {
					if err := d.AddFault(f); err != nil {
						t.Fatal(err)
					}
				}
			},
			Config:      d.GPUVM("vm", "nicfail", "Standard_NC4as_T4_v3", "rhel_7_4", ""),
			ExpectError: acctest.Message("Cannot create the VM's network interface"),
		}, {
			// Nothing to apply: the step only looks at the device as the
			// failed create left it, and at which faults hit.
			PreConfig: func() {
				d.ClearFaults()
				hit := map[string]int{}
				for _, r := range d.Requests() {
					if r.Fault != "" {
						hit[r.Method+" "+r.Fault]++
					}
				}
				if hit["PUT "+mockdevice.FaultLostResponse] != 1 || hit["PUT "+mockdevice.Fault409] != 1 {
					t.Errorf("the injected faults hit %v, want one lost response and one 409 on the NIC's PUT", hit)
				}
				if err := d.CheckNothingLeft(&terraform.State{}); err != nil {
					t.Errorf("after the failed create: %v", err)
				}
			},
			Config:   acctest.RequiredProviders(),
			PlanOnly: true,
		}},
	})
}
