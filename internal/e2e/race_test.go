package e2e

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// Two separate Terraform runs (two working directories, one device) race
// for the device's last free GPU. Both plans see it free (they are saved
// before either applies, and the device is slow to take each VM, so
// neither apply sees the other's VM when it plans again); the device
// gives the GPU to one. The other run fails with the device's
// insufficient-GPU message and keeps its VM in state, tainted: nothing is
// orphaned. Every round agrees.
func TestRaceForTheLastGPU(t *testing.T) {
	t.Parallel()
	d, a := setup(t, mockdevice.Options{GPUs: 2, OpDelay: time.Second})
	b := acctest.NewWorkspace(t, d.Env())
	c := ctx(t)
	// Another user's VM holds one GPU: one is left.
	holder := createHolder(t, d)
	const rounds = 3
	for round := 1; round <= rounds; round++ {
		a.Write(d.GPUVM("racer", fmt.Sprintf("racer-a%d", round), "Standard_NC4as_T4_v3", "rhel_7_4", ""))
		b.Write(d.GPUVM("racer", fmt.Sprintf("racer-b%d", round), "Standard_NC4as_T4_v3", "rhel_7_4", ""))
		for _, w := range []*acctest.Workspace{a, b} {
			if err := w.SavePlan(c, "race.tfplan"); err != nil {
				t.Fatalf("round %d: plan: %v", round, err)
			}
		}
		if err := d.AddFault(mockdevice.Fault{Kind: mockdevice.FaultSlow, Method: "PUT", Path: "*/virtualmachines/racer-*", Delay: 5 * time.Second, Count: 2}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, w := range []*acctest.Workspace{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = w.ApplyPlan(c, "race.tfplan")
			}()
		}
		wg.Wait()
		d.ClearFaults()
		won, lost := 0, -1
		for i, err := range errs {
			if err == nil {
				won++
			} else {
				lost = i
			}
		}
		if won != 1 || lost < 0 {
			t.Fatalf("round %d: %d runs won (errors %v), want exactly one", round, won, errs)
		}
		contains(t, errs[lost], "Insufficient number of GPUs to create GPU VM", "recorded in Terraform state as tainted")
		loser := []*acctest.Workspace{a, b}[lost]
		if _, tainted := loser.Recorded(c); len(tainted) != 1 {
			t.Fatalf("round %d: the losing run's tainted resources: %v", round, tainted)
		}
		mustConsistent(t, c, d, a, b, holder)
		if g := d.GPUs(); g.Free != 0 {
			t.Fatalf("round %d: %d GPUs free after the race", round, g.Free)
		}
		for _, w := range []*acctest.Workspace{a, b} {
			if err := w.Destroy(c); err != nil {
				t.Fatalf("round %d: destroy: %v", round, err)
			}
		}
		mustConsistent(t, c, d, a, b, holder)
		t.Logf("round %d: run %c won", round, "ab"[1-lost])
	}
}
