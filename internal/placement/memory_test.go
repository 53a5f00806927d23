package placement

import (
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

const nc8, nc16 = "Standard_NC8as_T4_v3", "Standard_NC16as_T4_v3"

func memReq(name, size string, why Reason) Request {
	r := req(name, size, why)
	s, _ := catalog.LookupSize(size)
	r.MemoryMiB = s.MemoryMiB()
	return r
}

func TestHoldsMemory(t *testing.T) {
	for _, tc := range []struct {
		vm   VM
		want int64
	}{
		{vm("a", nc4, "running"), 28 * 1024},
		{vm("a", nc4, "stopped"), 28 * 1024}, // stopped, not deallocated: still placed
		{vm("a", nc4, "starting"), 28 * 1024},
		{vm("a", nc4, "deallocated"), 0},
		{vm("a", nc4, ""), 0}, // creation failed
		{vm("a", "Standard_D2_v2", "running"), 7 * 1024},
		{vm("a", "Standard_Unknown", "running"), 0},
	} {
		if got := HoldsMemory(tc.vm); got != tc.want {
			t.Errorf("HoldsMemory(%+v) = %d, want %d", tc.vm, got, tc.want)
		}
	}
}

func TestMemoryFromDeclared(t *testing.T) {
	m := MemoryFromDeclared(128, []VM{vm("a", nc4, "running"), vm("b", nc8, "deallocated")})
	if !m.Known || m.TotalMiB != 128*1024 || m.ForVMsMiB != 96*1024 || m.FreeMiB != 68*1024 || len(m.Holders) != 1 {
		t.Fatalf("%+v", m)
	}
	if MemoryFromDeclared(0, nil).Known {
		t.Fatal("no memory_gib is unknown memory")
	}
}

func TestMemoryFromCapacity(t *testing.T) {
	a, b := vm("a", nc4, "running"), vm("b", nc8, "deallocated")
	a.GUID, b.GUID = "guid-a", "guid-b"
	c := CapacityMemory{TotalMiB: 128 * 1024, FreeMiB: 1, Hosts: []HostMemory{{Name: "N1", AvailableMiB: 40 * 1024,
		VMUsedMiB: map[string]int64{"GUID-A": 28 * 1024, "k8s-worker": 28 * 1024}}}}
	m := MemoryFromCapacity(c, true, []VM{a, b})
	if m.FreeMiB != 40*1024 || m.KubernetesMiB != 28*1024 || m.Held(a.ID) != 28*1024 || m.Held(b.ID) != 0 || m.ForVMsMiB != 96*1024 {
		t.Fatalf("%+v", m)
	}
	if got := m.Describe(); got != "a (Standard_NC4as_T4_v3, running) holds 28 GiB; Kubernetes holds 28 GiB" {
		t.Fatalf("Describe = %q", got)
	}
	if other := MemoryFromCapacity(c, false, []VM{a, b}); other.OtherMiB != 28*1024 || other.KubernetesMiB != 0 {
		t.Fatalf("without Kubernetes: %+v", other)
	}
	if MemoryFromCapacity(CapacityMemory{}, false, nil).Known {
		t.Fatal("a device reporting no memory has unknown memory")
	}
}

func TestLedgerMemory(t *testing.T) {
	// 2 GPUs and 128 GiB: 96 GiB for VMs.
	empty := FromDeclared(Hardware{GPUs: 2, GPUType: catalog.GPUTypeT4, MemoryGiB: 128}, nil)
	held := FromDeclared(Hardware{GPUs: 2, GPUType: catalog.GPUTypeT4, MemoryGiB: 128}, []VM{vm("a", nc4, "running")})
	// a holds 28 GiB and c 56: 12 GiB free, and a resized a may take 40.
	full := FromDeclared(Hardware{GPUs: 2, GPUType: catalog.GPUTypeT4, MemoryGiB: 128}, []VM{vm("a", nc4, "running"), vm("c", nc8, "running")})
	for _, tc := range []struct {
		name     string
		inv      Inventory
		requests []Request
		want     string
	}{
		{"two that fit", empty, []Request{memReq("a", nc4, "new"), memReq("b", nc8, "new")}, ""},
		{"two that do not", empty, []Request{memReq("a", nc8, "new"), memReq("b", nc8, "new")},
			"This plan asks the device for 112 GiB of memory: rg/a (new, Standard_NC8as_T4_v3: 56 GiB), rg/b (new, Standard_NC8as_T4_v3: 56 GiB). " +
				"The device has 128 GiB, gives VMs 96 GiB of it, and 96 GiB is free (no VM holds any)."},
		{"what would fit", empty, []Request{memReq("a", nc8, "new"), memReq("b", nc8, "new")},
			"ask for at most 96 GiB in this plan (fewer VMs, or smaller sizes: at most 48 GiB each for these 2, such as"},
		{"the rule, cited", empty, []Request{memReq("a", nc8, "new"), memReq("b", nc8, "new")}, "azure-stack-edge-gpu-troubleshoot-virtual-machine-provisioning"},
		{"who holds the rest", held, []Request{memReq("b", "Standard_NC32as_T4_v3", "new")}, "68 GiB is free (a (Standard_NC4as_T4_v3, running) holds 28 GiB)"},
		{"resize asks the difference", held, []Request{memReq("a", nc16, "resize"), memReq("b", nc4, "new")},
			"rg/a (resize, Standard_NC16as_T4_v3: needs 82 GiB more)"},
		{"a resized VM may take what it holds too", full, []Request{memReq("a", nc8, "resize")},
			"smaller sizes: at most 40 GiB each for these 1"},
		{"larger than VMs get", empty, []Request{memReq("a", nc32x2, "new")}, "a VM of this size takes 224 GiB of memory, and the device gives VMs 96 GiB of its 128 GiB"},
		{"GPUs are checked first", empty, []Request{memReq("a", nc4, "new"), memReq("b", nc4, "new"), memReq("c", nc4, "new")}, "GPU(s)"},
		{"a deallocated plan asks nothing", empty, []Request{{VMID: vm("a", nc16, "").ID, Name: "rg/a", Size: nc16, GPUs: 1, Why: "new"}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var l Ledger
			var last *Shortage
			for _, r := range tc.requests {
				last = l.Add(tc.inv, r)
			}
			switch {
			case tc.want == "" && last != nil:
				t.Fatalf("unexpected shortage: %s", last.Detail())
			case tc.want != "" && (last == nil || !strings.Contains(last.Detail(), tc.want)):
				t.Fatalf("got %v, want a shortage containing %q", last, tc.want)
			}
			if last != nil && last.Memory && !strings.Contains(last.Summary(), "memory") {
				t.Fatalf("summary %q names no memory", last.Summary())
			}
		})
	}
	// Deleting a VM gives its memory to the plan's others.
	var l Ledger
	l.Add(held, Request{VMID: vm("a", nc4, "").ID, Name: "rg/a", Why: "delete"})
	if s := l.Add(held, memReq("b", "Standard_NC32as_T4_v3", "new")); s != nil {
		t.Fatalf("96 GiB after a deletion: %s", s.Detail())
	}
}

// The sizes a memory shortage suggests are those the device's release
// offers: an older release offers fewer.
func TestMemoryHintOffersTheReleasesSizes(t *testing.T) {
	for _, r := range []catalog.Release{catalog.Oldest(), catalog.Newest()} {
		t.Run(r.String(), func(t *testing.T) {
			inv := FromDeclared(Hardware{GPUs: 2, GPUType: catalog.GPUTypeT4, MemoryGiB: 128}, nil)
			inv.Release = r
			var l Ledger
			l.Add(inv, memReq("a", nc8, "new"))
			short := l.Add(inv, memReq("b", nc8, "new"))
			if short == nil {
				t.Fatal("no shortage")
			}
			detail := short.Detail()
			i := strings.Index(detail, "such as ")
			if i < 0 {
				t.Fatalf("no sizes suggested: %s", detail)
			}
			suggested := 0
			for _, sz := range catalog.AllSizes() {
				if !strings.Contains(detail[i:], sz.Name+" (") {
					continue
				}
				suggested++
				if !sz.AvailableIn(r) || sz.GPUType != catalog.GPUTypeT4 {
					t.Errorf("release %s: suggested %s, which it does not offer to T4 devices: %s", r, sz.Name, detail[i:])
				}
			}
			if suggested == 0 {
				t.Errorf("release %s: no size suggested: %s", r, detail[i:])
			}
		})
	}
}
