package mockdevice

import (
	"fmt"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// The device's memory rule (Troubleshoot VM deployment on Azure Stack Edge
// Pro GPU, "Not enough memory to create the VM",
// https://learn.microsoft.com/azure/databox-online/azure-stack-edge-gpu-troubleshoot-virtual-machine-provisioning):
// VMs get the device's usable memory less what Kubernetes takes; a VM
// that does not fit fails to provision; stopping (deallocating) VMs frees
// memory. The usable share comes from the technical specifications (96 of
// 128 GiB); what Kubernetes takes is assumed (catalog.KubernetesMemoryGiB).

// insufficientMemory is the device's failure when a VM has no memory.
// Assumed: the page shows it only as a screenshot; this is its heading.
const insufficientMemory = "Not enough memory to create the VM"

// kubernetesVMGUID keys the Kubernetes role's VM in vmUsedMemory; the
// capacity API keys VMs by vmId, and the local ARM does not list this one.
const kubernetesVMGUID = "4b8e2c1d-6f3a-4e5b-9c7d-000000000001"

func (w *world) memoryGiB() int {
	if w.Hardware.MemoryGiB == 0 {
		return catalog.DeviceMemoryGiB // a state file from before memory was modelled
	}
	return w.Hardware.MemoryGiB
}

// memoryForVMsMiB is the device's usable memory.
func (w *world) memoryForVMsMiB() int64 { return catalog.UsableMemoryMiB(w.memoryGiB()) }

// kubernetesMemoryMiB is what the Kubernetes role holds, when configured.
func (w *world) kubernetesMemoryMiB() int64 {
	if w.kubernetesRole() == nil {
		return 0
	}
	return catalog.KubernetesMemoryGiB * catalog.MiBPerGiB
}

// memoryOf is the memory a VM holds: its size's unless it is deallocated
// or never ran.
func memoryOf(v *vm) int64 {
	if v.PowerState == "" || v.PowerState == powerDeallocated {
		return 0
	}
	size, _ := catalog.LookupSize(v.Size)
	return size.MemoryMiB()
}

// usedMemoryMiB is what VMs and Kubernetes hold.
func (w *world) usedMemoryMiB() int64 {
	n := w.kubernetesMemoryMiB()
	for _, v := range w.VMs {
		n += memoryOf(v)
	}
	return n
}

// freeMemoryMiB is what new VMs can have.
func (w *world) freeMemoryMiB() int64 { return w.memoryForVMsMiB() - w.usedMemoryMiB() }

// fitsMemory reports whether v can hold a VM of size: what it needs more
// than it holds now is free. Call it before v's state changes.
func (w *world) fitsMemory(v *vm, size catalog.Size) bool {
	return size.MemoryMiB()-memoryOf(v) <= w.freeMemoryMiB()
}

// memoryShortage is the failure of a VM that did not fit.
func (w *world) memoryShortage(size catalog.Size, held int64) string {
	return fmt.Sprintf("%s: the size %s needs %s GiB of memory; %s GiB of the %s GiB the device gives VMs are free.",
		insufficientMemory, size.Name, gibText(size.MemoryMiB()), gibText(w.freeMemoryMiB()+held), gibText(w.memoryForVMsMiB()))
}

func gibText(mib int64) string { return fmt.Sprint(float64(mib) / catalog.MiBPerGiB) }

// memoryCapacity is clusterComputeCapacityInfo.memoryCapacity [DBE].
func (d *Device) memoryCapacity() map[string]any {
	w := d.w
	total := int64(w.memoryGiB()) * catalog.MiBPerGiB
	reserve := total - w.memoryForVMsMiB()
	used := w.usedMemoryMiB()
	return map[string]any{
		"clusterTotalMemoryMb": total, "clusterFreeMemoryMb": w.freeMemoryMiB(), "clusterUsedMemoryMb": used + reserve,
		"clusterHypervReserveMemoryMb": reserve, "clusterInfraVmMemoryMb": 0, "clusterMemoryUsedByVmsMb": used,
		"clusterNonFailoverVmMb": used, "clusterFailoverMemoryMb": 0, "clusterFragmentationMemoryMb": 0,
	}
}

// vmUsedMemory is a host's vmUsedMemory: each VM's memory by vmId, the
// Kubernetes role's VM among them [DBE].
func (d *Device) vmUsedMemory() map[string]any {
	out := map[string]any{}
	for _, v := range sortedVMs(d.w) {
		if mib := memoryOf(v); mib > 0 {
			out[v.VMGUID] = map[string]any{"startupMemoryMB": mib, "currentMemoryUsageMB": mib}
		}
	}
	if k := d.w.kubernetesMemoryMiB(); k > 0 {
		out[kubernetesVMGUID] = map[string]any{"startupMemoryMB": k, "currentMemoryUsageMB": k}
	}
	return out
}
