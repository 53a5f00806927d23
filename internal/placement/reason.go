package placement

// Reason is what a plan does to a GPU VM that asks something of the
// device's GPUs, or gives them back. Messages show it as is.
type Reason string

const (
	// ReasonNew: the plan creates the VM.
	ReasonNew Reason = "new"
	// ReasonReplacement: the plan deletes the VM and creates it again; its
	// own GPUs count as available to it.
	ReasonReplacement Reason = "replacement"
	// ReasonResize: the plan changes the VM's size; it takes the
	// difference.
	ReasonResize Reason = "resize"
	// ReasonStart: the plan starts a VM that is not running.
	ReasonStart Reason = "start"
	// ReasonDeallocate: the plan stops a running VM, which keeps its GPUs
	// on releases where stopped VMs do, and gives its memory back.
	ReasonDeallocate Reason = "deallocate"
	// ReasonDelete: the plan deletes the VM, which gives its GPUs back
	// (a request with GPUs 0).
	ReasonDelete Reason = "delete"
)

// Creates reports whether the plan makes the VM anew (new or replacement).
func (r Reason) Creates() bool { return r == ReasonNew || r == ReasonReplacement }
