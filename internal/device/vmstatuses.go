package device

import "strings"

// WithStatuses joins a list of VMs (their models, ListVMs) with a list of
// their run-time statuses (ListVMStatuses) by ID: each VM gets its
// instance view, hence its power state. A VM the statuses do not cover
// (made between the two lists, or a device whose statuses come without
// instance views) keeps none, and the caller reads it: without one it
// would read as never having run. A status with no VM (deleted between
// the lists) is dropped. It returns a new slice.
func WithStatuses(vms, statuses []VirtualMachine) []VirtualMachine {
	views := make(map[string]*InstanceView, len(statuses))
	for _, s := range statuses {
		if s.Properties.InstanceView != nil {
			views[strings.ToLower(s.ID)] = s.Properties.InstanceView
		}
	}
	joined := make([]VirtualMachine, len(vms))
	for i, v := range vms {
		v.Properties.InstanceView = views[strings.ToLower(v.ID)]
		joined[i] = v
	}
	return joined
}
