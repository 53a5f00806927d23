package placement

import (
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// On releases whose notes say stopped GPU VMs give their GPUs up
// (2103-2205), a stopped or deallocated VM holds none; from 2207 it keeps
// them [RN-STOPPED-GPU].
func TestApplyRelease(t *testing.T) {
	vms := []VM{
		{ID: "a", Name: "a", Size: "Standard_NC4as_T4_v3", PowerState: "running"},
		{ID: "b", Name: "b", Size: "Standard_NC4as_T4_v3", PowerState: "deallocated"},
		{ID: "c", Name: "c", Size: "Standard_NC4as_T4_v3", PowerState: "stopped"},
	}
	for _, tc := range []struct {
		release  string
		wantHeld int
		wantFree int
	}{
		{"2205", 1, 2},
		{"2110", 1, 2},
		{"2207", 3, 0},
		{"2403", 3, 0},
	} {
		inv := FromDeclared(Hardware{GPUs: 3, GPUType: catalog.GPUTypeT4}, ApplyRelease(catalog.MustRelease(tc.release), vms))
		held := 0
		for _, c := range inv.Claims {
			held += c.GPUs
		}
		if held != tc.wantHeld || inv.Free != tc.wantFree {
			t.Errorf("release %s: VMs hold %d, %d free; want %d, %d", tc.release, held, inv.Free, tc.wantHeld, tc.wantFree)
		}
	}
	if ApplyRelease(catalog.MustRelease("2205"), vms); vms[1].GaveUpGPUs {
		t.Error("ApplyRelease changed its argument")
	}
	// Starting a deallocated VM on 2205 needs its GPU again.
	inv := FromDeclared(Hardware{GPUs: 1, GPUType: catalog.GPUTypeT4}, ApplyRelease(catalog.MustRelease("2205"), vms[1:2]))
	if n := Need(inv, Request{VMID: "b", Size: "Standard_NC4as_T4_v3", GPUs: 1, Why: "start"}); n != 1 {
		t.Errorf("start of a deallocated VM on 2205 needs %d GPUs, want 1", n)
	}
}
