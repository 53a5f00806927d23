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

// TakenFailure is an injected failure an operation took: the resource it
// was injected for and the operation (its name, which its status URLs
// end with) that ends Failed with it.
type TakenFailure struct {
	ResourceID string
	Operation  string
}

// TakenOperationFailures lists, oldest first, the injected failures that
// operations took. With the request log a test tells whether a client ever
// heard of one: a client whose request's answer was lost never learns of
// the operation it started, and may try the request again.
func (d *Device) TakenOperationFailures() []TakenFailure {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]TakenFailure(nil), d.taken...)
}
