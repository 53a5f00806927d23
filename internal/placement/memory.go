package placement

import (
	"fmt"
	"sort"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// Memory is who holds the memory VMs can use. A device refuses a VM it
// has no memory for: VMs get the device's memory less what Kubernetes
// and Hyper-V take (troubleshoot-virtual-machine-provisioning, "Not
// enough memory to create the VM").
type Memory struct {
	// Known is false when neither the capacity API nor memory_gib told.
	Known bool
	// TotalMiB is the device's memory.
	TotalMiB int64
	// ForVMsMiB is what VMs could have with none running: free plus what
	// VMs and Kubernetes hold.
	ForVMsMiB int64
	// FreeMiB is what new VMs can have now.
	FreeMiB int64
	// KubernetesMiB is what the Kubernetes role holds (capacity API only).
	KubernetesMiB int64
	// OtherMiB is held by VMs the local ARM does not list, when no
	// Kubernetes role is configured to own them.
	OtherMiB int64
	// Holders are the VMs holding memory, by ID.
	Holders []MemoryHold
}

// MemoryHold is a VM's hold on memory.
type MemoryHold struct {
	VMID, Name, Size, PowerState string
	MiB                          int64
}

// HeldByVMsMiB is what the listed VMs hold together.
func (m Memory) HeldByVMsMiB() int64 {
	var n int64
	for _, h := range m.Holders {
		n += h.MiB
	}
	return n
}

// HoldsMemory is the memory a VM holds by the device's rules: its size's
// memory while it runs or is stopped without being deallocated; none
// once deallocated ("Stop any VMs that aren't in use ... before you deploy
// the new VM", troubleshoot-virtual-machine-provisioning), nor when its
// creation failed (it never ran).
func HoldsMemory(vm VM) int64 {
	size, ok := catalog.LookupSize(vm.Size)
	if !ok {
		return 0
	}
	switch vm.PowerState {
	case "", PowerDeallocated:
		return 0
	}
	return size.MemoryMiB()
}

// HostMemory is one host of deviceCapacityInfo's nodeCapacityInfos.
type HostMemory struct {
	Name string
	// AvailableMiB is effectiveAvailableMemoryMbOnHost.
	AvailableMiB int64
	// VMUsedMiB is vmUsedMemory: startupMemoryMB by VM ID (the VM's
	// properties.vmId).
	VMUsedMiB map[string]int64
}

// CapacityMemory is what deviceCapacityInfo reports of memory:
// clusterComputeCapacityInfo.memoryCapacity and the hosts [DBE].
type CapacityMemory struct {
	TotalMiB int64 // clusterTotalMemoryMb
	FreeMiB  int64 // clusterFreeMemoryMb, used when no host reports
	Hosts    []HostMemory
}

// MemoryFromCapacity builds the memory inventory from the capacity API
// and the device's VMs. Memory the hosts give VMs the local ARM does not
// list is Kubernetes' when its role is configured.
func MemoryFromCapacity(c CapacityMemory, kubernetes bool, vms []VM) Memory {
	if c.TotalMiB <= 0 {
		return Memory{}
	}
	m := Memory{Known: true, TotalMiB: c.TotalMiB, FreeMiB: c.FreeMiB}
	used := map[string]int64{}
	if len(c.Hosts) > 0 {
		m.FreeMiB = 0
		for _, h := range c.Hosts {
			m.FreeMiB += h.AvailableMiB
			for id, mib := range h.VMUsedMiB {
				used[strings.ToLower(id)] += mib
			}
		}
	}
	for _, vm := range vms {
		mib, reported := used[strings.ToLower(vm.GUID)]
		if vm.GUID == "" || !reported {
			mib = 0
			if len(c.Hosts) == 0 {
				mib = HoldsMemory(vm)
			}
		}
		delete(used, strings.ToLower(vm.GUID))
		if mib > 0 {
			m.Holders = append(m.Holders, MemoryHold{VMID: vm.ID, Name: vm.Name, Size: vm.Size, PowerState: vm.PowerState, MiB: mib})
		}
	}
	var rest int64
	for _, mib := range used {
		rest += mib
	}
	if kubernetes {
		m.KubernetesMiB = rest
	} else {
		m.OtherMiB = rest
	}
	m.ForVMsMiB = m.FreeMiB + m.HeldByVMsMiB() + m.KubernetesMiB + m.OtherMiB
	sortHolders(m.Holders)
	return m
}

// MemoryFromDeclared builds the memory inventory of a device declared to
// have memoryGiB (0: unknown). Kubernetes cannot be seen without the
// Azure side: it is taken to hold nothing.
func MemoryFromDeclared(memoryGiB int, vms []VM) Memory {
	if memoryGiB <= 0 {
		return Memory{}
	}
	m := Memory{Known: true, TotalMiB: int64(memoryGiB) * catalog.MiBPerGiB, ForVMsMiB: catalog.UsableMemoryMiB(memoryGiB)}
	for _, vm := range vms {
		if mib := HoldsMemory(vm); mib > 0 {
			m.Holders = append(m.Holders, MemoryHold{VMID: vm.ID, Name: vm.Name, Size: vm.Size, PowerState: vm.PowerState, MiB: mib})
		}
	}
	m.FreeMiB = max(m.ForVMsMiB-m.HeldByVMsMiB(), 0)
	sortHolders(m.Holders)
	return m
}

func sortHolders(h []MemoryHold) {
	sort.Slice(h, func(i, j int) bool { return strings.ToLower(h[i].VMID) < strings.ToLower(h[j].VMID) })
}

// Held is what a VM holds now, by ID.
func (m Memory) Held(vmID string) int64 {
	for _, h := range m.Holders {
		if strings.EqualFold(h.VMID, vmID) {
			return h.MiB
		}
	}
	return 0
}

// Describe says who holds the memory, for error messages:
// "vm1 (Standard_NC4as_T4_v3, running) holds 28 GiB; Kubernetes holds 28 GiB".
func (m Memory) Describe() string {
	var parts []string
	for _, h := range m.Holders {
		parts = append(parts, fmt.Sprintf("%s (%s, %s) holds %s", h.Name, h.Size, h.PowerState, GiB(h.MiB)))
	}
	if m.KubernetesMiB > 0 {
		parts = append(parts, "Kubernetes holds "+GiB(m.KubernetesMiB))
	}
	if m.OtherMiB > 0 {
		parts = append(parts, "VMs the device's ARM does not list hold "+GiB(m.OtherMiB))
	}
	if len(parts) == 0 {
		return "no VM holds any"
	}
	return strings.Join(parts, "; ")
}

// GiB spells MiB as GiB: "28 GiB", "3.5 GiB".
func GiB(mib int64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", float64(mib)/catalog.MiBPerGiB), "0"), ".") + " GiB"
}
