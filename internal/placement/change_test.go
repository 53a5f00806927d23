package placement

import "testing"

func TestReasonOf(t *testing.T) {
	const t4, t4big = "Standard_NC4as_T4_v3", "Standard_NC8as_T4_v3"
	for _, tc := range []struct {
		name string
		c    Change
		want Reason
		asks bool
	}{
		{"new", Change{SizeAfter: t4, PowerAfter: PowerRunning}, ReasonNew, true},
		{"new, planned deallocated", Change{SizeAfter: t4, PowerAfter: PowerDeallocated}, ReasonNew, true},
		{"replaced", Change{InState: true, Replaced: true, SizeBefore: t4, SizeAfter: t4, PowerBefore: PowerRunning, PowerAfter: PowerRunning}, ReasonReplacement, true},
		{"resized", Change{InState: true, SizeBefore: t4, SizeAfter: t4big, PowerBefore: PowerRunning, PowerAfter: PowerRunning}, ReasonResize, true},
		{"size in another case", Change{InState: true, SizeBefore: t4, SizeAfter: "standard_nc4as_t4_v3", PowerBefore: PowerRunning, PowerAfter: PowerRunning}, "", false},
		{"resized, stays deallocated, keeps GPUs when stopped", Change{InState: true, SizeBefore: t4, SizeAfter: t4big, PowerBefore: PowerDeallocated, PowerAfter: PowerDeallocated}, ReasonResize, true},
		{"resized, stays deallocated, stopped VMs hold no GPU", Change{InState: true, SizeBefore: t4, SizeAfter: t4big, PowerBefore: PowerDeallocated, PowerAfter: PowerDeallocated, StoppedVMsLoseGPUs: true}, "", false},
		{"started", Change{InState: true, SizeBefore: t4, SizeAfter: t4, PowerBefore: PowerDeallocated, PowerAfter: PowerRunning}, ReasonStart, true},
		{"started from never ran", Change{InState: true, SizeBefore: t4, SizeAfter: t4, PowerAfter: PowerRunning}, ReasonStart, true},
		{"deallocated", Change{InState: true, SizeBefore: t4, SizeAfter: t4, PowerBefore: PowerRunning, PowerAfter: PowerDeallocated}, ReasonDeallocate, true},
		{"unchanged, running", Change{InState: true, SizeBefore: t4, SizeAfter: t4, PowerBefore: PowerRunning, PowerAfter: PowerRunning}, "", false},
		{"unchanged, deallocated", Change{InState: true, SizeBefore: t4, SizeAfter: t4, PowerBefore: PowerDeallocated, PowerAfter: PowerDeallocated}, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, asks := ReasonOf(tc.c)
			if got != tc.want || asks != tc.asks {
				t.Errorf("ReasonOf(%+v) = %q, %v; want %q, %v", tc.c, got, asks, tc.want, tc.asks)
			}
		})
	}
}

func TestChangeMemoryMiB(t *testing.T) {
	const size = 28 * 1024
	for _, tc := range []struct {
		name string
		c    Change
		want int64
	}{
		{"new, running", Change{PowerAfter: PowerRunning}, size},
		{"new, planned deallocated: the device starts it first", Change{PowerAfter: PowerDeallocated}, size},
		{"replaced, planned deallocated", Change{InState: true, Replaced: true, PowerAfter: PowerDeallocated}, size},
		{"kept running", Change{InState: true, PowerBefore: PowerRunning, PowerAfter: PowerRunning}, size},
		{"kept deallocated", Change{InState: true, PowerBefore: PowerDeallocated, PowerAfter: PowerDeallocated}, 0},
		{"deallocated by the plan", Change{InState: true, PowerBefore: PowerRunning, PowerAfter: PowerDeallocated}, 0},
	} {
		if got := tc.c.MemoryMiB(size); got != tc.want {
			t.Errorf("%s: MemoryMiB = %d, want %d", tc.name, got, tc.want)
		}
	}
}
