package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// Transient faults on every phase of both resources end in success with
// no user action, and state matches the device after each phase; the
// device's request log shows each fault hit its requests and each faulted
// request was tried again.
func TestTransientFaults(t *testing.T) {
	t.Parallel()
	const faultCount = 2 // requests each fault hits in each phase
	for _, f := range []mockdevice.Fault{
		{Kind: mockdevice.Fault429, RetryAfter: time.Second},
		{Kind: mockdevice.Fault503, RetryAfter: time.Second},
		{Kind: mockdevice.Fault500},
		{Kind: mockdevice.FaultDrop},
		{Kind: mockdevice.FaultLostResponse},
		{Kind: mockdevice.FaultSlow, Delay: 2 * time.Second},
	} {
		t.Run(f.Kind, func(t *testing.T) {
			t.Parallel()
			d, w := setup(t, mockdevice.Options{GPUs: 1})
			c := ctx(t)
			inject := func(method, path string) {
				d.ClearFaults()
				g := f
				g.Method, g.Path, g.Count = method, path, faultCount
				if err := d.AddFault(g); err != nil {
					t.Fatal(err)
				}
			}
			phases := []struct {
				name, method, path string
				run                func() error
			}{
				{"create", "PUT", "*/virtualmachines/*", func() error {
					w.Write(vmAndDriver(d, "vm", "", ""))
					return w.Apply(c)
				}},
				{"operation polls", "GET", "*/operations/*", func() error {
					w.Write(vmAndDriver(d, "vm", `tags = { phase = "polls" }`, ""))
					return w.Apply(c)
				}},
				{"read", "GET", "*/virtualmachines/*", func() error {
					_, err := w.Plan(c)
					return err
				}},
				{"update", "PUT", "*/virtualmachines/*", func() error {
					w.Write(vmAndDriver(d, "vm", `tags = { phase = "update" }`, "auto_upgrade_minor_version = false"))
					return w.Apply(c)
				}},
				{"delete", "DELETE", "*", func() error { return w.Destroy(c) }},
			}
			for _, p := range phases {
				if f.Kind == mockdevice.FaultLostResponse && p.method == "GET" {
					continue // a lost GET answer is a drop
				}
				inject(p.method, p.path)
				d.ResetRequests()
				if err := p.run(); err != nil {
					t.Fatalf("%s with %s faults: %v", p.name, f.Kind, err)
				}
				// The fault hit as many requests as it was allowed to, so
				// this phase tested something, and the client retried each.
				want := faultCount
				switch {
				case f.Kind == mockdevice.FaultSlow && p.name == "operation polls":
					want = 1 // one slow answer outlasts the operation: no second poll
				case f.Kind == mockdevice.FaultSlow && p.name == "read":
					// A slow answer is not retried, and a plan reads the VM
					// once, its extensions with it (TestPlanRequestGoals).
					want = 1
				}
				retries := readRetries(d.Requests())
				if got := retries.hits[f.Kind]; got != want {
					t.Errorf("%s: the %s fault on %s %s hit %d requests, want %d", p.name, f.Kind, p.method, p.path, got, want)
				}
				for _, r := range retries.notRetried {
					t.Errorf("%s: %s", p.name, r)
				}
				mustConsistent(t, c, d, w)
			}
			if left := d.Resources(); len(left) > 0 {
				t.Fatalf("left on the device: %v", left)
			}
		})
	}
}

// Permanent faults end in a clear error, with state matching the device:
// a VM or extension the device accepted is tainted, never orphaned; one
// it refused is in neither.
func TestPermanentFaults(t *testing.T) {
	t.Parallel()
	vmID := func(d *acctest.Device) string { return d.VMID(acctest.VMGroup, "vm") }
	for _, tc := range []struct {
		name    string
		setup   func(d *acctest.Device)
		want    []string
		tainted bool
	}{
		{"VM operation fails", func(d *acctest.Device) {
			d.FailNextOperation(vmID(d), mockdevice.FailNext{Code: "VMAgentNotReady", Message: "the VM agent did not start"})
		}, []string{"The VM failed to provision", "the VM agent did not start", "recorded in Terraform state as tainted"}, true},
		{"extension operation fails", func(d *acctest.Device) {
			d.FailNextOperation(vmID(d)+"/extensions/gpu-driver", mockdevice.FailNext{Code: "VMExtensionProvisioningError", Message: "dpkg lock held"})
		}, []string{"The GPU driver extension failed to install", "dpkg lock held", "package manager's lock"}, true},
		{"409 on the VM", func(d *acctest.Device) {
			_ = d.AddFault(mockdevice.Fault{Kind: mockdevice.Fault409, Method: "PUT", Path: "*/virtualmachines/vm"})
		}, []string{"The device refused the VM", "OperationNotAllowed"}, false},
		{"400 on the extension", func(d *acctest.Device) {
			_ = d.AddFault(mockdevice.Fault{Kind: mockdevice.Fault400, Method: "PUT", Path: "*/extensions/*"})
		}, []string{"The device refused the GPU driver extension", "InvalidParameter"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d, w := setup(t, mockdevice.Options{GPUs: 1})
			c := ctx(t)
			w.Write(vmAndDriver(d, "vm", "", ""))
			tc.setup(d)
			err := w.Apply(c)
			contains(t, err, tc.want...)
			mustConsistent(t, c, d, w)
			if _, tainted := w.Recorded(c); (len(tainted) > 0) != tc.tainted {
				t.Fatalf("tainted resources %v, want tainted=%v", tainted, tc.tainted)
			}
			// The fault passes; the next apply converges.
			d.ClearFaults()
			if err := w.Apply(c); err != nil {
				t.Fatalf("apply after the fault: %v", err)
			}
			mustConsistent(t, c, d, w)
			if err := w.Destroy(c); err != nil {
				t.Fatal(err)
			}
			if left := d.Resources(); len(left) > 0 {
				t.Fatalf("left on the device: %v", left)
			}
		})
	}
	// Faults on what exists: the error is clear and the VM stays in state.
	for _, tc := range []struct {
		name  string
		fault mockdevice.Fault
		run   func(c context.Context, w *acctest.Workspace) error
		want  []string
	}{
		{"409 on delete", mockdevice.Fault{Kind: mockdevice.Fault409, Method: "DELETE", Path: "*/virtualmachines/vm"},
			func(c context.Context, w *acctest.Workspace) error { return w.Destroy(c) }, []string{"Cannot delete the VM", "OperationNotAllowed"}},
		{"read fails", mockdevice.Fault{Kind: mockdevice.Fault500, Method: "GET", Path: "*/virtualmachines/vm"},
			func(c context.Context, w *acctest.Workspace) error { _, err := w.Plan(c); return err }, []string{"Cannot read the VM", "InternalServerError"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d, w := setup(t, mockdevice.Options{GPUs: 1})
			c := ctx(t)
			w.Write(vmAndDriver(d, "vm", "", ""))
			if err := w.Apply(c); err != nil {
				t.Fatal(err)
			}
			if err := d.AddFault(tc.fault); err != nil {
				t.Fatal(err)
			}
			contains(t, tc.run(c, w), tc.want...)
			mustConsistent(t, c, d, w)
			d.ClearFaults()
			if err := w.Destroy(c); err != nil {
				t.Fatal(err)
			}
			if left := d.Resources(); len(left) > 0 {
				t.Fatalf("left on the device: %v", left)
			}
		})
	}
}
