package placement

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// Request is what one planned GPU VM asks of the device's GPUs.
type Request struct {
	// VMID is the VM's ARM ID; the ledger keeps one request per VM, so a
	// resource planned again (as Terraform does during apply) is not
	// counted twice.
	VMID string
	// Name names the VM in messages, as resource group/name.
	Name string
	Size string
	// GPUs is what the planned VM will hold: its size's count.
	GPUs int
	// MemoryMiB is the memory the planned VM will hold: its size's while
	// it runs, 0 when the plan leaves it deallocated or deletes it.
	MemoryMiB int64
	// Why is what the plan does (with GPUs 0 for ReasonDelete: the VM
	// gives its GPUs back).
	Why Reason
}

// Need is how many GPUs a request takes from the free ones: what the VM
// will hold less what it holds now. A replaced or resized VM's own GPUs
// count as available to it; a VM the plan deletes (GPUs 0) gives its back,
// a negative need.
func Need(inv Inventory, r Request) int {
	held := 0
	if c, ok := inv.Holder(r.VMID); ok {
		held = c.GPUs
	}
	return r.GPUs - held
}

// Ledger collects the GPU requests of one plan against one device. The
// requests of a plan arrive one resource at a time, in no set order.
type Ledger struct {
	mu       sync.Mutex
	requests map[string]Request
	version  int
	// planned are the VMs whose plan is known, asking something or not,
	// by lower-case ID (see settle.go).
	planned map[string]bool
}

// Add records a request (replacing an earlier one for the same VM) and
// checks it with every request of the plan against the free GPUs. It
// returns the shortage when they do not fit, or nil.
func (l *Ledger) Add(inv Inventory, r Request) *Shortage {
	l.mu.Lock()
	if l.requests == nil {
		l.requests = map[string]Request{}
	}
	l.requests[strings.ToLower(r.VMID)] = r
	l.version++
	l.mu.Unlock()
	return l.Check(inv, r.VMID)
}

// Version counts the requests added so far: a caller that sees it
// unchanged for a while knows the plan's other resources have spoken.
func (l *Ledger) Version() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.version
}

// Check checks the request recorded for vmID with every request of the
// plan against the free GPUs, then the free memory, or returns nil when
// there is none.
func (l *Ledger) Check(inv Inventory, vmID string) *Shortage {
	l.mu.Lock()
	defer l.mu.Unlock()
	r, ok := l.requests[strings.ToLower(vmID)]
	if !ok {
		return nil
	}
	if s := l.checkGPUs(inv, r); s != nil {
		return s
	}
	return l.checkMemory(inv, r)
}

// checkGPUs checks r with every request of the plan against the free GPUs.
func (l *Ledger) checkGPUs(inv Inventory, r Request) *Shortage {
	if Need(inv, r) <= 0 {
		return nil
	}
	if r.GPUs > inv.Total {
		return &Shortage{Inventory: inv, Requests: []Request{r}, Asked: r.GPUs, TooBig: true}
	}
	asked := 0
	var needy []Request
	for _, q := range l.requests {
		n := Need(inv, q)
		asked += n
		if n > 0 {
			needy = append(needy, q)
		}
	}
	if asked <= inv.Free {
		return nil
	}
	sort.Slice(needy, func(i, j int) bool { return needy[i].Name < needy[j].Name })
	return &Shortage{Inventory: inv, Requests: needy, Asked: asked}
}

// Shortage is a plan asking for more GPUs than the device has free.
type Shortage struct {
	Inventory Inventory
	Requests  []Request // the plan's requests that need GPUs
	Asked     int       // GPUs they need together
	// TooBig marks one VM whose size alone takes more GPUs than the device has.
	TooBig bool
	// Memory marks a shortage of memory rather than GPUs; Asked is then
	// in MiB.
	Memory bool
}

// Summary is a diagnostic's summary.
func (s *Shortage) Summary() string {
	if s.Memory {
		return s.memorySummary()
	}
	if s.TooBig {
		return "VM size needs more GPUs than the device has"
	}
	return "Not enough free GPUs on the device"
}

// Detail explains the shortage: what is asked and by whom, who holds the
// GPUs, the device's rule, and what would fit.
func (s *Shortage) Detail() string {
	if s.Memory {
		return s.memoryDetail()
	}
	inv := s.Inventory
	var b strings.Builder
	if s.TooBig {
		r := s.Requests[0]
		fmt.Fprintf(&b, "size = %q: a VM of this size holds %d GPUs, and the device has %d %s GPU(s) in all, so %s can never be placed; "+
			"the device would fail it with \"Insufficient number of GPUs to create GPU VM\" %s. ",
			r.Size, r.GPUs, inv.Total, inv.GPUType, r.Name, catalog.Cite("PROV-TS"))
		fmt.Fprintf(&b, "Use a size with at most %d GPU(s).", inv.Total)
		b.WriteString(destroyHint)
		return b.String()
	}
	var parts []string
	asked := 0
	for _, r := range s.Requests {
		asked += Need(inv, r)
		parts = append(parts, fmt.Sprintf("%s (%s, %s: %s)", r.Name, r.Why, r.Size, gpuNeed(inv, r)))
	}
	fmt.Fprintf(&b, "This plan asks the device for %d GPU(s): %s. The device has %d %s GPU(s) and %d free (%s). ",
		asked, strings.Join(parts, ", "), inv.Total, inv.GPUType, inv.Free, inv.Describe())
	if asked != s.Asked {
		fmt.Fprintf(&b, "VMs this plan deletes give back %d. ", asked-s.Asked)
	}
	b.WriteString("A GPU serves one VM only, and the device fails a GPU VM it cannot give its GPUs, " +
		"with \"Insufficient number of GPUs to create GPU VM\", only after the apply has run " + catalog.Cite("EXT-TS", "PROV-TS") + ". ")
	freeing := "delete or shrink GPU VMs that hold them (from release 2207 a deallocated GPU VM keeps its GPU)"
	if allowed := asked - (s.Asked - inv.Free); allowed > 0 {
		fmt.Fprintf(&b, "To fit, ask for at most %d GPU(s) in this plan (fewer GPU VMs, or sizes with fewer GPUs), or free GPUs: %s.", allowed, freeing)
	} else {
		fmt.Fprintf(&b, "To fit, free GPUs first: %s.", freeing)
	}
	if inv.KubernetesGPUs > 0 {
		fmt.Fprintf(&b, " Kubernetes holds %d GPU(s): the Kubernetes role claims every GPU free when it is configured %s. "+
			"Deploy GPU VMs before configuring Kubernetes, or remove the Kubernetes role to give its GPUs back.", inv.KubernetesGPUs, catalog.Cite("SEED"))
	}
	b.WriteString(destroyHint)
	return b.String()
}

// gpuNeed spells what a request takes from the free GPUs: the count for a
// VM holding none, "needs 1 more GPU" for one that holds some already (a
// 2-GPU size resized from a 1-GPU one needs only the difference).
func gpuNeed(inv Inventory, r Request) string {
	n := Need(inv, r)
	if n == r.GPUs {
		return fmt.Sprint(n)
	}
	if n == 1 {
		return "needs 1 more GPU"
	}
	return fmt.Sprintf("needs %d more GPUs", n)
}

// destroyHint: terraform destroy plans the configuration once more (its
// refresh) before the destroy plan. The provider lets that plan pass when
// it can tell the run is a destroy (runcache.Destroying); where it cannot,
// a configuration that does not fit stops a destroy too, and
// -refresh=false skips that plan.
const destroyHint = " If this stops terraform destroy (where the provider cannot tell a destroy from Terraform's command line: " +
	"not on Linux, or options it does not know): destroy first plans the configuration again to refresh the state, and that plan is " +
	"what is refused. Run terraform destroy -refresh=false, which skips that plan and deletes what the state records, " +
	"or remove the VM from the configuration first."
