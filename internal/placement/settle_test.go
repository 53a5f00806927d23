package placement

import (
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

func TestShortageIsFinal(t *testing.T) {
	two := Hardware{GPUs: 2, GPUType: catalog.GPUTypeT4}
	empty := FromDeclared(two, nil)
	oneHeld := FromDeclared(two, []VM{vm("h", nc4, "running")})
	bothHeld := FromDeclared(two, []VM{vm("h", nc4, "running"), vm("k", nc4, "deallocated")})
	twoByOne := FromDeclared(two, []VM{vm("big", nc32x2, "running")})
	oneGPU := FromDeclared(Hardware{GPUs: 1, GPUType: catalog.GPUTypeT4}, []VM{vm("h", nc4, "running")})
	k8s, _ := FromCapacity(Capacity{GPUType: "NvidiaTeslaT4", Total: 2, Used: 2}, true, nil)
	for _, tc := range []struct {
		name     string
		inv      Inventory
		planned  []string // VMs whose plan is known
		requests []Request
		final    bool
	}{
		{"no VM holds GPUs: nothing can make room", empty, nil,
			[]Request{req("a", nc4, ReasonNew), req("b", nc4, ReasonNew), req("c", nc4, ReasonNew)}, true},
		{"the only holder not planned yet may be deleted", oneHeld, nil,
			[]Request{req("a", nc4, ReasonNew), req("b", nc4, ReasonNew)}, false},
		{"every holder planned, none deleted", oneHeld, []string{"h"},
			[]Request{req("a", nc4, ReasonNew), req("b", nc4, ReasonNew)}, true},
		{"shortage beyond what the unplanned holders hold", oneHeld, nil,
			[]Request{req("a", nc4, ReasonNew), req("b", nc4, ReasonNew), req("c", nc4, ReasonNew)}, true},
		{"shortage the unplanned holders could just cover", bothHeld, nil,
			[]Request{req("a", nc4, ReasonNew), req("b", nc4, ReasonNew)}, false},
		{"one holder planned, the other could still cover", bothHeld, []string{"h"},
			[]Request{req("a", nc4, ReasonNew)}, false},
		{"a 2-GPU holder not planned covers a shortage of 2", twoByOne, nil,
			[]Request{req("a", nc4, ReasonNew), req("b", nc4, ReasonNew)}, false},
		{"Kubernetes' GPUs are not the plan's to give", k8s, nil,
			[]Request{req("a", nc4, ReasonNew)}, true},
		{"a size larger than the device is final at once", oneGPU, nil,
			[]Request{req("a", nc32x2, ReasonNew)}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var l Ledger
			var short *Shortage
			for _, r := range tc.requests {
				short = l.Add(tc.inv, r)
				l.Planned(r.VMID)
			}
			last := tc.requests[len(tc.requests)-1]
			if short == nil {
				t.Fatalf("no shortage for %v", tc.requests)
			}
			planned := map[string]bool{}
			for _, name := range tc.planned {
				planned[vm(name, nc4, "").ID] = true
				l.Planned(vm(name, nc4, "").ID)
			}
			got := ShortageIsFinal(tc.inv, *short, func(id string) bool { return planned[id] })
			if got != tc.final {
				t.Fatalf("ShortageIsFinal = %v, want %v (shortage: %s)", got, tc.final, short.Detail())
			}
			if settled := l.Settled(tc.inv, last.VMID); settled != tc.final {
				t.Fatalf("Ledger.Settled = %v, want %v", settled, tc.final)
			}
		})
	}
}

// A deletion planned after the shortage is counted: the shortage is gone,
// which is what the wait is for.
func TestLedgerCountsLaterDeletions(t *testing.T) {
	inv := FromDeclared(Hardware{GPUs: 2, GPUType: catalog.GPUTypeT4}, []VM{vm("h", nc4, "running"), vm("k", nc4, "running")})
	var l Ledger
	a := req("a", nc4, ReasonNew)
	if l.Add(inv, a) == nil {
		t.Fatal("a new VM fits on a full device")
	}
	l.Planned(a.VMID)
	if l.Settled(inv, a.VMID) {
		t.Fatal("settled while h and k, which hold GPUs, are not planned")
	}
	l.Planned(vm("k", nc4, "").ID) // k stays
	if l.Settled(inv, a.VMID) {
		t.Fatal("settled while h is not planned")
	}
	l.Record(Request{VMID: vm("h", nc4, "").ID, Name: "rg/h", Size: nc4, Why: ReasonDelete})
	if s := l.Check(inv, a.VMID); s != nil {
		t.Fatalf("h's deletion not counted: %s", s.Detail())
	}
	if l.Settled(inv, a.VMID) {
		t.Fatal("Settled reports a shortage that is gone")
	}
}

func TestReasonCreates(t *testing.T) {
	for r, want := range map[Reason]bool{ReasonNew: true, ReasonReplacement: true, ReasonResize: false, ReasonStart: false, ReasonDelete: false} {
		if r.Creates() != want {
			t.Errorf("%s.Creates() = %v", r, !want)
		}
	}
}

// BenchmarkSettled measures the decision the GPU ledger's wait takes at
// every look: it must be cheap next to the wait it saves.
func BenchmarkSettled(b *testing.B) {
	var vms []VM
	for _, n := range []string{"h1", "h2"} {
		vms = append(vms, vm(n, nc4, "running"))
	}
	inv := FromDeclared(Hardware{GPUs: 2, GPUType: catalog.GPUTypeT4}, vms)
	var l Ledger
	for _, n := range []string{"a", "b", "c", "d"} {
		l.Add(inv, req(n, nc4, ReasonNew))
		l.Planned(req(n, nc4, ReasonNew).VMID)
	}
	a := req("a", nc4, ReasonNew).VMID
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		l.Settled(inv, a)
	}
}
