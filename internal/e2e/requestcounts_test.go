package e2e

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// requestGoals are the device requests Terraform may make, through this
// provider, for two GPU VMs with their NICs and drivers on a 2-GPU device
// with its Azure side (device_id set): issue 14's goals, which are what
// Azure/terraform-provider-azapi made for the same work on the same mock
// device (measured 2026-11). Before this work the provider made 50, 10
// and 46.
var requestGoals = struct{ apply, plan, destroy int }{apply: 32, plan: 8, destroy: 22}

// requestCountsWork is the work the goals are for: two Linux GPU VMs, each
// with the NIC it owns and its GPU driver extension.
func requestCountsWork(d *acctest.Device) string {
	return vmAndDriver(d, "a", "", "") + vmAndDriver(d, "b", "", "")
}

// requestCounts runs apply, an unchanged plan and destroy of the work on a
// fresh 2-GPU mock device and counts the requests the device (its local
// ARM, token service and Azure side) answered for each.
func requestCounts(t testing.TB) (apply, plan, destroy []mockdevice.Request) {
	t.Helper()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2})
	w := acctest.NewWorkspace(t, d.Env())
	w.Write(requestCountsWork(d))
	c := context.Background()
	d.ResetRequests()
	if err := w.Apply(c); err != nil {
		t.Fatal(err)
	}
	apply = d.Requests()
	d.ResetRequests()
	changes, err := w.Plan(c)
	if err != nil {
		t.Fatal(err)
	}
	if changes {
		t.Fatalf("the plan after apply has changes:\n%s", w.LastOutput())
	}
	plan = d.Requests()
	d.ResetRequests()
	if err := w.Destroy(c); err != nil {
		t.Fatal(err)
	}
	destroy = d.Requests()
	if left := d.Resources(); len(left) > 0 {
		t.Fatalf("left on the device after destroy: %s", strings.Join(left, ", "))
	}
	return apply, plan, destroy
}

// describeRequests lists requests one a line, for a failure's message.
func describeRequests(rs []mockdevice.Request) string {
	var b strings.Builder
	for _, r := range rs {
		q := ""
		if r.Query != "" {
			q = "?" + r.Query
		}
		fmt.Fprintf(&b, "  %s %s%s %d\n", r.Method, r.Path, q, r.Status)
	}
	return b.String()
}

// TestRequestCounts holds the provider to the goals: counts of requests
// are deterministic (they are not timings), so a regression fails here.
func TestRequestCounts(t *testing.T) {
	acctest.PreCheck(t)
	apply, plan, destroy := requestCounts(t)
	for _, step := range []struct {
		what     string
		requests []mockdevice.Request
		goal     int
	}{{"apply", apply, requestGoals.apply}, {"unchanged plan", plan, requestGoals.plan}, {"destroy", destroy, requestGoals.destroy}} {
		if os.Getenv("REQUESTCOUNTS_VERBOSE") != "" || len(step.requests) > step.goal {
			t.Logf("%s: %d requests:\n%s", step.what, len(step.requests), describeRequests(step.requests))
		}
		if len(step.requests) > step.goal {
			t.Errorf("%s made %d device requests; the goal is at most %d", step.what, len(step.requests), step.goal)
		}
	}
}
