package placement

import (
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

const nc4, nc32x2 = "Standard_NC4as_T4_v3", "Standard_NC32as_2T4_v1"

func vm(name, size, power string) VM {
	return VM{ID: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/" + name, Name: name, Size: size, PowerState: power}
}

func req(name, size string, why Reason) Request {
	s, _ := catalog.LookupSize(size)
	return Request{VMID: vm(name, size, "").ID, Name: "rg/" + name, Size: size, GPUs: s.GPUs, Why: why}
}

func TestHolds(t *testing.T) {
	for _, tc := range []struct {
		vm   VM
		want int
	}{
		{vm("a", nc4, "running"), 1},
		{vm("a", nc4, "deallocated"), 1}, // keeps its GPU [SEED note, fixed]
		{vm("a", nc4, "stopped"), 1},
		{vm("a", nc4, "starting"), 1},
		{vm("a", nc4, ""), 0}, // creation failed: never ran
		{vm("a", nc32x2, "running"), 2},
		{vm("a", "Standard_D2_v2", "running"), 0},
		{vm("a", "Standard_Unknown", "running"), 0},
	} {
		if got := Holds(tc.vm); got != tc.want {
			t.Errorf("Holds(%+v) = %d, want %d", tc.vm, got, tc.want)
		}
	}
}

func TestFromCapacity(t *testing.T) {
	// The five seed scenarios, as the capacity API reports them.
	for _, tc := range []struct {
		name       string
		total      int
		vms        []VM
		kubernetes bool
		used       int
		wantK8s    int
		wantFree   int
	}{
		{"1 GPU, VM then Kubernetes", 1, []VM{vm("a", nc4, "running")}, true, 1, 0, 0},
		{"1 GPU, Kubernetes then VM", 1, []VM{vm("a", nc4, "")}, true, 1, 1, 0},
		{"2 GPUs, one VM then Kubernetes", 2, []VM{vm("a", nc4, "running")}, true, 2, 1, 0},
		{"2 GPUs, two VMs then Kubernetes", 2, []VM{vm("a", nc4, "running"), vm("b", nc4, "running")}, true, 2, 0, 0},
		{"2 GPUs, Kubernetes then VM", 2, []VM{vm("a", nc4, "")}, true, 2, 2, 0},
		{"no Kubernetes", 2, []VM{vm("a", nc4, "deallocated")}, false, 1, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv, err := FromCapacity(Capacity{GPUType: "NvidiaTeslaT4", Total: tc.total, Used: tc.used, Free: tc.total - tc.used}, tc.kubernetes, tc.vms)
			if err != nil {
				t.Fatal(err)
			}
			if inv.KubernetesGPUs != tc.wantK8s || inv.Free != tc.wantFree || inv.GPUType != catalog.GPUTypeT4 || inv.Source != SourceCapacityAPI {
				t.Fatalf("inventory %+v, want Kubernetes %d free %d", inv, tc.wantK8s, tc.wantFree)
			}
		})
	}
	if _, err := FromCapacity(Capacity{GPUType: "NvidiaV100"}, false, nil); err == nil || !strings.Contains(err.Error(), "NvidiaV100") {
		t.Errorf("unknown GPU type: %v", err)
	}
}

func TestFromDeclared(t *testing.T) {
	inv := FromDeclared(Hardware{GPUs: 2, GPUType: catalog.GPUTypeA2}, []VM{vm("a", "Standard_NC4as_A2", "running"), vm("b", nc4, "")})
	if inv.Free != 1 || len(inv.Claims) != 1 || inv.Claims[0].Name != "a" || inv.Source != SourceDeclared || inv.KubernetesConfigured {
		t.Fatalf("%+v", inv)
	}
}

func TestLedger(t *testing.T) {
	empty2 := FromDeclared(Hardware{GPUs: 2, GPUType: catalog.GPUTypeT4}, nil)
	oneHeld := FromDeclared(Hardware{GPUs: 2, GPUType: catalog.GPUTypeT4}, []VM{vm("a", nc4, "running")})
	k8s, _ := FromCapacity(Capacity{GPUType: "NvidiaTeslaT4", Total: 2, Used: 2}, true, nil)
	one := FromDeclared(Hardware{GPUs: 1, GPUType: catalog.GPUTypeT4}, nil)
	for _, tc := range []struct {
		name     string
		inv      Inventory
		requests []Request
		want     string // fragment of the last Add's shortage; "" when it fits
	}{
		{"two new on two free", empty2, []Request{req("a", nc4, "new"), req("b", nc4, "new")}, ""},
		{"three new on two free", empty2, []Request{req("a", nc4, "new"), req("b", nc4, "new"), req("c", nc4, "new")},
			"asks the device for 3 GPU(s): rg/a (new, Standard_NC4as_T4_v3: 1), rg/b (new, Standard_NC4as_T4_v3: 1), rg/c (new, Standard_NC4as_T4_v3: 1). The device has 2 T4 GPU(s) and 2 free"},
		{"planned again during apply", empty2, []Request{req("a", nc4, "new"), req("b", nc4, "new"), req("a", nc4, "new"), req("b", nc4, "new")}, ""},
		{"replacement reuses its own GPU", oneHeld, []Request{req("a", nc4, "replacement"), req("b", nc4, "new")}, ""},
		{"resize takes only the difference", oneHeld, []Request{req("a", nc32x2, "resize")}, ""},
		{"resize beyond the free", oneHeld, []Request{req("b", nc4, "new"), req("a", nc32x2, "resize")}, "rg/a (resize, Standard_NC32as_2T4_v1: needs 1 more GPU)"},
		{"who holds the rest", oneHeld, []Request{req("b", nc32x2, "new")}, "1 free (a (Standard_NC4as_T4_v3, running) holds 1)"},
		{"Kubernetes holds all", k8s, []Request{req("a", nc4, "new")}, "Deploy GPU VMs before configuring Kubernetes"},
		{"2-GPU size on a 1-GPU device", one, []Request{req("a", nc32x2, "new")}, "holds 2 GPUs, and the device has 1 T4 GPU(s) in all"},
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
		})
	}
}

func TestLedgerReleases(t *testing.T) {
	full := FromDeclared(Hardware{GPUs: 2, GPUType: catalog.GPUTypeT4}, []VM{vm("a", nc4, "running"), vm("b", nc4, "running")})
	release := func(name string) Request {
		return Request{VMID: vm(name, nc4, "").ID, Name: "rg/" + name, Why: "delete"}
	}
	// In either order: b's deletion gives a its second GPU.
	var l1 Ledger
	if s := l1.Add(full, release("b")); s != nil {
		t.Fatal(s.Detail())
	}
	if s := l1.Add(full, req("a", nc32x2, "resize")); s != nil {
		t.Fatalf("release first: %s", s.Detail())
	}
	var l2 Ledger
	if s := l2.Add(full, req("a", nc32x2, "resize")); s == nil {
		t.Fatal("resize alone fits on a full device")
	}
	v := l2.Version()
	l2.Add(full, release("b"))
	if l2.Version() == v {
		t.Fatal("Version did not move")
	}
	if s := l2.Check(full, vm("a", nc32x2, "").ID); s != nil {
		t.Fatalf("after the release: %s", s.Detail())
	}
	// A release alone never is a shortage.
	var l3 Ledger
	if s := l3.Add(full, release("a")); s != nil {
		t.Fatal(s.Detail())
	}
}

func TestExists(t *testing.T) {
	inv := FromDeclared(Hardware{GPUs: 1, GPUType: catalog.GPUTypeT4}, []VM{vm("failed", nc4, "")})
	if !inv.Exists(strings.ToUpper(vm("failed", nc4, "").ID)) || inv.Exists(vm("other", nc4, "").ID) {
		t.Fatal("Exists")
	}
}
