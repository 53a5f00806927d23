package device

import "strings"

// WithStatuses joins a list of VMs (their models, ListVMs) with a list of
// their run-time statuses (ListVMStatuses) by ID: each VM gets its
// instance view, hence its power state. A VM with no status (made between
// the two lists) keeps none, and reads as never having run; a status with
// no VM (deleted between them) is dropped. It returns a new slice.
func WithStatuses(vms, statuses []VirtualMachine) []VirtualMachine {
	views := make(map[string]*InstanceView, len(statuses))
	for _, s := range statuses {
		if s.Properties.InstanceView != nil {
			views[strings.ToLower(s.ID)] = s.Properties.InstanceView
		}
	}
	out := make([]VirtualMachine, len(vms))
	for i, v := range vms {
		if iv, ok := views[strings.ToLower(v.ID)]; ok {
			v.Properties.InstanceView = iv
		}
		out[i] = v
	}
	return out
}
