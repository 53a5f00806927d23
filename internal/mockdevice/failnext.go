package mockdevice

import "sort"

// PendingOperationFailures lists the resources whose next operation will
// fail as FailNextOperation asked: a test sees from what left this list
// which injected failures the device inflicted.
func (d *Device) PendingOperationFailures() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	ids := make([]string, 0, len(d.w.FailNext))
	for id := range d.w.FailNext {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// ClearOperationFailures drops every failure FailNextOperation injected
// that no operation has taken yet.
func (d *Device) ClearOperationFailures() {
	d.mu.Lock()
	defer d.mu.Unlock()
	clear(d.w.FailNext)
	d.dirty = true
	_ = d.saveLocked()
}
