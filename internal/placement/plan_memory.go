package placement

import (
	"fmt"
	"sort"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// provisioningTroubleshooting is where the device's memory rule is written.
const provisioningTroubleshooting = "Troubleshoot VM deployment on Azure Stack Edge Pro GPU, \"Not enough memory to create the VM\" " +
	"(https://learn.microsoft.com/azure/databox-online/azure-stack-edge-gpu-troubleshoot-virtual-machine-provisioning)"

// MemoryNeed is how much memory a request takes from the free memory:
// what the VM will hold less what it holds now (negative for a VM the plan
// deletes or deallocates).
func MemoryNeed(inv Inventory, r Request) int64 {
	return r.MemoryMiB - inv.Memory.Held(r.VMID)
}

// checkMemory checks r with every request of the plan against the free
// memory, when the device's memory is known.
func (l *Ledger) checkMemory(inv Inventory, r Request) *Shortage {
	m := inv.Memory
	if !m.Known || MemoryNeed(inv, r) <= 0 {
		return nil
	}
	if r.MemoryMiB > m.ForVMsMiB {
		return &Shortage{Inventory: inv, Requests: []Request{r}, Asked: int(r.MemoryMiB), TooBig: true, Memory: true}
	}
	var asked int64
	var needy []Request
	for _, q := range l.requests {
		n := MemoryNeed(inv, q)
		asked += n
		if n > 0 {
			needy = append(needy, q)
		}
	}
	if asked <= m.FreeMiB {
		return nil
	}
	sort.Slice(needy, func(i, j int) bool { return needy[i].Name < needy[j].Name })
	return &Shortage{Inventory: inv, Requests: needy, Asked: int(asked), Memory: true}
}

func (s *Shortage) memorySummary() string {
	if s.TooBig {
		return "VM size needs more memory than the device gives VMs"
	}
	return "Not enough free memory on the device"
}

// memoryNeed spells what a request takes from the free memory.
func memoryNeed(inv Inventory, r Request) string {
	n := MemoryNeed(inv, r)
	if n == r.MemoryMiB {
		return GiB(n)
	}
	return "needs " + GiB(n) + " more"
}

// memoryDetail explains a memory shortage as the GPU one does: what is
// asked and by whom, what is free, who holds the rest, what would fit.
func (s *Shortage) memoryDetail() string {
	inv, m := s.Inventory, s.Inventory.Memory
	var b strings.Builder
	if s.TooBig {
		r := s.Requests[0]
		fmt.Fprintf(&b, "size = %q: a VM of this size takes %s of memory, and the device gives VMs %s of its %s in all, so %s can never be placed; "+
			"the device would fail it only after the apply has run (%s). ", r.Size, GiB(r.MemoryMiB), GiB(m.ForVMsMiB), GiB(m.TotalMiB), r.Name, provisioningTroubleshooting)
		fmt.Fprintf(&b, "Use a size with at most %s: %s.", GiB(m.ForVMsMiB), fitting(inv, m.ForVMsMiB))
		b.WriteString(destroyHint)
		return b.String()
	}
	var parts []string
	var asked int64
	for _, r := range s.Requests {
		asked += MemoryNeed(inv, r)
		parts = append(parts, fmt.Sprintf("%s (%s, %s: %s)", r.Name, r.Why, r.Size, memoryNeed(inv, r)))
	}
	fmt.Fprintf(&b, "This plan asks the device for %s of memory: %s. The device has %s, gives VMs %s of it, and %s is free (%s). ",
		GiB(asked), strings.Join(parts, ", "), GiB(m.TotalMiB), GiB(m.ForVMsMiB), GiB(m.FreeMiB), m.Describe())
	if back := asked - int64(s.Asked); back > 0 {
		fmt.Fprintf(&b, "VMs this plan deletes or deallocates give back %s. ", GiB(back))
	}
	b.WriteString("The memory VMs can have is the device's usable memory less what Kubernetes and running VMs hold, and the device fails a VM " +
		"it has no memory for only after the apply has run (" + provisioningTroubleshooting + "). ")
	allowed := asked - (int64(s.Asked) - m.FreeMiB)
	freeing := "deallocate or delete VMs that hold it (a deallocated VM holds no memory)"
	if allowed > 0 {
		per := allowed / int64(len(s.Requests))
		if len(s.Requests) == 1 {
			// A VM resized or started keeps what it already holds: its
			// new size may take that much more.
			r := s.Requests[0]
			per += r.MemoryMiB - MemoryNeed(inv, r)
		}
		fmt.Fprintf(&b, "To fit, ask for at most %s in this plan (fewer VMs, or smaller sizes: at most %s each for these %d, such as %s), or free memory: %s.",
			GiB(allowed), GiB(per), len(s.Requests), fitting(inv, per), freeing)
	} else {
		fmt.Fprintf(&b, "To fit, free memory first: %s.", freeing)
	}
	if m.KubernetesMiB > 0 {
		fmt.Fprintf(&b, " Kubernetes holds %s: removing the Kubernetes role gives it back.", GiB(m.KubernetesMiB))
	}
	b.WriteString(destroyHint)
	return b.String()
}

// fitting names the GPU sizes of the device's GPU type that its release
// offers and that take at most mib of memory, or says there are none.
func fitting(inv Inventory, mib int64) string {
	r := inv.Release
	if r.IsZero() {
		r = catalog.Newest() // the provider's default release
	}
	var names []string
	for _, sz := range catalog.Sizes(r, catalog.SizeFilter{GPUOnly: true, GPUType: inv.GPUType}) {
		if sz.MemoryMiB() <= mib {
			names = append(names, fmt.Sprintf("%s (%s)", sz.Name, GiB(sz.MemoryMiB())))
		}
	}
	if len(names) == 0 {
		return "no GPU size of release " + r.String() + " is that small"
	}
	return strings.Join(names, ", ")
}
