package placement

import "strings"

// Power states a plan sets, as the device reports them.
const (
	PowerRunning     = "running"
	PowerDeallocated = "deallocated"
)

// Change is what a plan does to a GPU VM, as the ledger weighs it.
type Change struct {
	// InState: the VM is in Terraform's state (else the plan creates it).
	InState bool
	// Replaced: the plan deletes the VM and creates it again.
	Replaced bool
	// SizeBefore and SizeAfter are its size in state and in the plan;
	// PowerBefore and PowerAfter its power state.
	SizeBefore, SizeAfter   string
	PowerBefore, PowerAfter string
	// StoppedVMsLoseGPUs is the device release's rule: a stopped GPU VM
	// holds no GPU (catalog.StoppedGPUVMsLoseGPUs).
	StoppedVMsLoseGPUs bool
}

// Creates reports whether the change makes the VM anew.
func (c Change) Creates() bool { return !c.InState || c.Replaced }

// ReasonOf is why the change asks the device's GPUs or memory for
// something, and false when it asks nothing new of them and gives nothing
// back: the VM keeps what it holds. A resize to a VM that stays
// deallocated asks nothing on a release where stopped VMs hold no GPU.
func ReasonOf(c Change) (Reason, bool) {
	switch {
	case !c.InState:
		return ReasonNew, true
	case c.Replaced:
		return ReasonReplacement, true
	case !strings.EqualFold(c.SizeBefore, c.SizeAfter):
		if c.PowerAfter == PowerDeallocated && c.StoppedVMsLoseGPUs {
			return "", false
		}
		return ReasonResize, true
	case c.PowerBefore != PowerRunning && c.PowerAfter == PowerRunning:
		return ReasonStart, true
	case c.PowerBefore == PowerRunning && c.PowerAfter == PowerDeallocated:
		return ReasonDeallocate, true // keeps its GPUs, gives its memory to the plan's others
	}
	return "", false
}

// MemoryMiB is the memory the VM holds after the change, of a size that
// holds sizeMiB while it runs: none when the plan keeps an existing VM
// deallocated. A new VM takes its memory even when planned deallocated:
// the device starts it, and only then can it be deallocated.
func (c Change) MemoryMiB(sizeMiB int64) int64 {
	if !c.Creates() && c.PowerAfter == PowerDeallocated {
		return 0
	}
	return sizeMiB
}
