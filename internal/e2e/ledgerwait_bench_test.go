package e2e

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// BenchmarkGPURefusal measures when terraform plan refuses an
// over-allocation of GPUs, beside the same kind of plan that fits: the
// difference is what the GPU ledger's wait for the rest of the plan costs.
// The wait ends at once when nothing not yet planned could make room (no
// VM holds GPUs, or every one that does has been planned); it waits for
// the plan to go quiet only when a VM outside the plan could still be
// deleted by it, which keeps deletions planned later counted. It prints
// the median of five plans; it asserts nothing about time.
func BenchmarkGPURefusal(b *testing.B) {
	const size = "Standard_NC4as_T4_v3"
	vms := func(d *acctest.Device, names ...string) string {
		var c strings.Builder
		for _, n := range names {
			c.WriteString(d.GPUVM(n, n, size, "rhel_7_4", ""))
		}
		return c.String()
	}
	for _, tc := range []struct {
		name string
		// setup prepares the device and returns the configuration to plan.
		setup  func(b *testing.B, d *acctest.Device, w *acctest.Workspace) string
		refuse bool
	}{
		{"fits: 2 new GPU VMs on 2 free GPUs", func(_ *testing.B, d *acctest.Device, _ *acctest.Workspace) string {
			return vms(d, "a", "b")
		}, false},
		{"refused: 3 new GPU VMs on 2 free GPUs, no VM holds any", func(_ *testing.B, d *acctest.Device, _ *acctest.Workspace) string {
			return vms(d, "a", "b", "c")
		}, true},
		{"refused: 2 new GPU VMs beside one this plan keeps", func(b *testing.B, d *acctest.Device, w *acctest.Workspace) string {
			w.Write(vms(d, "h"))
			if err := w.Apply(context.Background()); err != nil {
				b.Fatal(err)
			}
			return vms(d, "h", "a", "b")
		}, true},
		{"refused: 2 new GPU VMs, another workspace's VM holds one (waits for quiet)", func(b *testing.B, d *acctest.Device, _ *acctest.Workspace) string {
			other := acctest.NewWorkspace(b, d.Env())
			other.Write(vms(d, "h"))
			if err := other.Apply(context.Background()); err != nil {
				b.Fatal(err)
			}
			return vms(d, "a", "b")
		}, true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			acctest.PreCheck(b)
			d := acctest.StartDevice(b, mockdevice.Options{GPUs: 2})
			w := acctest.NewWorkspace(b, d.Env())
			w.Write(tc.setup(b, d, w))
			var times []time.Duration
			for i := 0; i < 5*b.N; i++ {
				start := time.Now()
				_, err := w.Plan(context.Background())
				took := time.Since(start)
				switch {
				case tc.refuse && (err == nil || !strings.Contains(err.Error(), "Not enough free GPUs")):
					b.Fatalf("plan not refused for GPUs: %v", err)
				case !tc.refuse && err != nil:
					b.Fatal(err)
				}
				times = append(times, took)
			}
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			median := times[len(times)/2]
			b.ReportMetric(median.Seconds(), "s/plan")
			fmt.Printf("GPU refusal: %s: terraform plan takes %s (median of %d)\n", tc.name, median.Round(10*time.Millisecond), len(times))
		})
	}
}
