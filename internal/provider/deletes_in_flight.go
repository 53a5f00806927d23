package provider

import (
	"context"
	"sync"
)

// inFlight counts the VM deletes under way in this provider process, which
// a create waits for (awaitIdle) before it asks the device for anything.
// The plan counts a deleted VM's GPUs (and its name) as free for the
// plan's creates, but Terraform orders a delete before a create only for
// the same resource: a VM that leaves the configuration and another that
// comes are deleted and made at once, and the device refuses a GPU (or a
// name) that the delete has not yet given back (found by an outside run).
type inFlight struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to 0
}

// start counts a delete under way; the returned func ends it.
func (f *inFlight) start() (done func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n == 0 {
		f.idle = make(chan struct{})
	}
	f.n++
	var once sync.Once
	return func() {
		once.Do(func() {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.n--
			if f.n == 0 {
				close(f.idle)
			}
		})
	}
}

// awaitIdle waits until no delete is under way, or ctx ends. It reports
// whether it had to wait.
func (f *inFlight) awaitIdle(ctx context.Context) (waited bool, err error) {
	f.mu.Lock()
	if f.n == 0 {
		f.mu.Unlock()
		return false, nil
	}
	idle := f.idle
	f.mu.Unlock()
	select {
	case <-idle:
		return true, nil
	case <-ctx.Done():
		return true, ctx.Err()
	}
}
