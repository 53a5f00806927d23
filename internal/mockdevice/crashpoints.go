package mockdevice

// Crash points: the device can hit only the Nth request that matches a
// fault (Fault.Nth), and call a hook right after it answered one, so that
// a test can interrupt a client (send Terraform SIGINT) at each request in
// turn.

// AfterRequest calls hook right after the device answered the request
// that f matches (its Nth, when f.Nth is set; f.Kind is ignored). The
// hook runs on the request's goroutine: it must not block.
func (d *Device) AfterRequest(f Fault, hook func()) error {
	f.Kind = FaultNotify
	return d.faults.addHooked(f, hook)
}
