package placement

import "strings"

// A plan's resources are planned one at a time, in no set order, and a
// VM deleted or shrunk later in the plan gives GPUs back to the VMs
// planned before it. A shortage is therefore final only when nothing not
// yet planned could still make room: then the plan can be refused at
// once, instead of after waiting for the rest of the plan to go quiet.

// Record notes a request without checking it. A deletion asks nothing of
// the free GPUs, so it needs no inventory (a destroy reads none); the
// requests it gives GPUs back to count it when they are checked.
func (l *Ledger) Record(r Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.requests == nil {
		l.requests = map[string]Request{}
	}
	l.requests[strings.ToLower(r.VMID)] = r
	l.version++
	l.markPlanned(r.VMID)
}

// Planned notes that the plan of a VM is known: what it asks is recorded
// (Add, Record), or it asks nothing. Only a planned VM is known not to
// give GPUs back later in the plan.
func (l *Ledger) Planned(vmID string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.markPlanned(vmID)
}

func (l *Ledger) markPlanned(vmID string) {
	if l.planned == nil {
		l.planned = map[string]bool{}
	}
	l.planned[strings.ToLower(vmID)] = true
}

// Settled reports whether the shortage of vmID's request, if it has one,
// is final: see ShortageIsFinal.
func (l *Ledger) Settled(inv Inventory, vmID string) bool {
	short := l.Check(inv, vmID)
	if short == nil {
		return false // no shortage now: nothing to refuse
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return ShortageIsFinal(inv, *short, func(id string) bool { return l.planned[strings.ToLower(id)] })
}

// ShortageIsFinal decides whether a shortage can be refused now: whether
// the VMs not planned yet, all deleted, could not cover it. Only a VM that
// holds GPUs can give any back, and Kubernetes' GPUs are not the plan's to
// give. So the shortage is final when
//   - one VM's size alone takes more GPUs than the device has, or
//   - every VM holding GPUs has been planned (what each asks or gives back
//     is already counted), or
//   - the shortage is more than the unplanned holders hold together.
//
// Otherwise a deletion planned later could still make room, and the caller
// waits for the rest of the plan.
func ShortageIsFinal(inv Inventory, s Shortage, planned func(vmID string) bool) bool {
	if s.TooBig {
		return true
	}
	unplanned := 0
	for _, c := range inv.Claims {
		if !planned(c.VMID) {
			unplanned += c.GPUs
		}
	}
	return unplanned < s.Asked-inv.Free
}
