package device

import "strings"

// WithStatuses joins a list of VMs (their models, ListVMs) with a list of
// their run-time statuses (ListVMStatuses) by ID: each VM gets its
// instance view, hence its power state. missing are the VMs the statuses
// do not cover (made between the two lists, or a device whose statuses
// come without instance views): a VM without an instance view would read
// as never having run, holding nothing, so the caller reads those. A
// status with no VM (deleted between the lists) is dropped. It returns a
// new slice.
func WithStatuses(vms, statuses []VirtualMachine) (joined []VirtualMachine, missing []string) {
	views := make(map[string]*InstanceView, len(statuses))
	for _, s := range statuses {
		if s.Properties.InstanceView != nil {
			views[strings.ToLower(s.ID)] = s.Properties.InstanceView
		}
	}
	joined = make([]VirtualMachine, len(vms))
	for i, v := range vms {
		if iv, ok := views[strings.ToLower(v.ID)]; ok {
			v.Properties.InstanceView = iv
		} else {
			missing = append(missing, v.ID)
		}
		joined[i] = v
	}
	return joined, missing
}
