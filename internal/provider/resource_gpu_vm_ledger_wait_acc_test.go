package provider_test

import (
	"strings"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// One plan deletes the VM that holds a 1-GPU device's GPU and creates
// another: it plans, whatever order Terraform plans the two in. The test
// forces the hard order. The held VM's count comes from a data source, so
// Terraform plans its deletion only once the data source is read, and the
// device answers that read slowly (well inside the ledger's quiet time):
// the new VM is planned, and finds no GPU free, before the deletion that
// frees one is. The plan passes only if the new VM's check waits for the
// rest of the plan.
func TestAccGPUVM_deletionPlannedLaterMakesRoom(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	const size = "Standard_NC4as_T4_v3"
	const networksPath = "*/providers/Microsoft.Network/virtualNetworks"
	config := func(keepHeld bool, next string) string {
		count := "length(data.azurestackedge_virtual_networks.all.virtual_networks) > 0 ? 0 : 1"
		if keepHeld {
			count = "length(data.azurestackedge_virtual_networks.all.virtual_networks) > 0 ? 1 : 0"
		}
		return `data "azurestackedge_virtual_networks" "all" {}` + "\n" +
			d.GPUVM("held", "held", size, "rhel_7_4", "  count = "+count) + next
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: config(true, "")},
			{
				PreConfig: func() {
					d.ResetRequests()
					if err := d.AddFault(mockdevice.Fault{Kind: mockdevice.FaultSlow, Method: "GET", Path: networksPath, Delay: 250 * time.Millisecond}); err != nil {
						t.Fatal(err)
					}
				},
				Config:             config(false, d.GPUVM("next", "next", size, "rhel_7_4", "")),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
	slowed := 0
	for _, r := range d.Requests() {
		if r.Fault == mockdevice.FaultSlow && strings.HasSuffix(strings.ToLower(r.Path), "/microsoft.network/virtualnetworks") {
			slowed++
		}
	}
	if slowed == 0 {
		t.Error("no read of the data source was slowed")
	}
}
