package provider

import (
	"context"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/placement"
)

// A new VM short of a GPU on a full device waits while the VMs that hold
// the GPUs are not yet planned, and a deletion of one of them, planned
// after the shortage, is what makes room: Terraform plans a plan's
// resources in no set order, so a wait that ended at once would refuse a
// plan that deletes one VM and creates another.
func TestWaitForLedgerSeesLaterDeletion(t *testing.T) {
	const size = "Standard_NC4as_T4_v3"
	vmID := func(name string) string {
		return "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/" + name
	}
	inv := placement.FromDeclared(placement.Hardware{GPUs: 2, GPUType: catalog.GPUTypeT4}, []placement.VM{
		{ID: vmID("h"), Name: "h", Size: size, PowerState: "running"},
		{ID: vmID("k"), Name: "k", Size: size, PowerState: "running"},
	})
	var l placement.Ledger
	if l.Add(inv, placement.Request{VMID: vmID("a"), Name: "rg/a", Size: size, GPUs: 1, Why: placement.ReasonNew}) == nil {
		t.Fatal("a new VM fits on a device whose two GPUs are held")
	}
	l.Planned(vmID("a"))

	done := make(chan struct{})
	go func() {
		defer close(done)
		waitForLedger(context.Background(), &l, inv, vmID("a"))
	}()
	// Well inside ledgerQuiet, the shortest a wait lasts while h and k are
	// not planned.
	select {
	case <-done:
		t.Fatal("the wait ended while h and k, which hold the GPUs, were not yet planned")
	case <-time.After(ledgerQuiet / 5):
	}
	l.Record(placement.Request{VMID: vmID("h"), Name: "rg/h", Size: size, Why: placement.ReasonDelete})
	<-done
	if s := l.Check(inv, vmID("a")); s != nil {
		t.Fatalf("after h's deletion was planned: %s", s.Detail())
	}
}
