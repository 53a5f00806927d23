package e2e

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// The crash-point sweep: for each lifecycle of azurestackedge_gpu_vm and
// azurestackedge_gpu_extension, interrupt the Terraform run at each device
// request in turn, three ways (the request's answer lost, its connection
// dropped, Terraform sent SIGINT right after it), then run apply or
// destroy again and compare the device with the state: nothing orphaned,
// nothing lost, at every point.
//
// make test runs a seeded sample of the points (CRASH_SAMPLE per
// lifecycle and way, default 2; CRASH_SEED, default 1); make crash runs
// them all (CRASH_SWEEP=full) and prints, per lifecycle, the points tried
// and the orphans found.

// crashLifecycle is one lifecycle: the configuration applied first, then
// the run that is interrupted (destroy when during is nil).
type crashLifecycle struct {
	name   string
	before func(d *acctest.Device) string
	during func(d *acctest.Device) string
}

// Ways to interrupt a run at a request.
const (
	wayLost   = "lost-answer"
	wayDrop   = "dropped"
	waySIGINT = "sigint"
)

func crashVM(size, extra string, withDriver bool) func(d *acctest.Device) string {
	return func(d *acctest.Device) string {
		cfg := d.GPUVM("vm", "vm", size, "rhel_7_4", extra)
		if withDriver {
			cfg += "\nresource \"azurestackedge_gpu_extension\" \"vm\" {\n  virtual_machine_id = azurestackedge_gpu_vm.vm.id\n}\n"
		}
		return cfg
	}
}

var crashLifecycles = []crashLifecycle{
	{"create", nil, crashVM("Standard_NC4as_T4_v3", "", true)},
	{"resize", crashVM("Standard_NC4as_T4_v3", "", true), crashVM("Standard_NC8as_T4_v3", "", true)},
	{"power-off", crashVM("Standard_NC4as_T4_v3", "", false), crashVM("Standard_NC4as_T4_v3", `power_state = "deallocated"`, false)},
	{"power-on", crashVM("Standard_NC4as_T4_v3", `power_state = "deallocated"`, false), crashVM("Standard_NC4as_T4_v3", "", false)},
	{"delete", crashVM("Standard_NC4as_T4_v3", "", true), nil},
	// Data disks: one grown and one added in an update (the VM is
	// deallocated and started again), and deleted with their VM.
	{"data-disks", crashVM("Standard_NC4as_T4_v3", oneDisk, false), crashVM("Standard_NC4as_T4_v3", twoDisks, false)},
	{"delete-disks", crashVM("Standard_NC4as_T4_v3", twoDisks, false), nil},
}

const (
	oneDisk  = `data_disks = [{ lun = 0, size_gb = 8 }]`
	twoDisks = `data_disks = [{ lun = 0, size_gb = 16 }, { lun = 1, size_gb = 8 }]`
)

// crashPoint is one request of a lifecycle's run.
type crashPoint struct {
	n      int // the Nth device request of the run, from 1
	method string
}

// crashResult is what one interrupted run and its recovery left.
type crashResult struct {
	way     string
	n       int
	orphans []string
	lost    []string
	err     error
}

func TestCrashSweep(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	full := os.Getenv("CRASH_SWEEP") == "full"
	sample := crashEnv("CRASH_SAMPLE", 2)
	seed := int64(crashEnv("CRASH_SEED", 1))
	for _, lc := range crashLifecycles {
		t.Run(lc.name, func(t *testing.T) {
			t.Parallel()
			points := crashPoints(t, lc)
			rng := rand.New(rand.NewSource(seed + int64(len(lc.name)))) //nolint:gosec // a repeatable sample, not a secret
			var results []crashResult
			var mu sync.Mutex
			var wg sync.WaitGroup
			limit := make(chan struct{}, 2) // the machine is shared
			for _, way := range []string{wayLost, wayDrop, waySIGINT} {
				var candidates []crashPoint
				for _, p := range points {
					if way == wayLost && p.method == "GET" {
						continue // a lost GET answer is a dropped connection
					}
					candidates = append(candidates, p)
				}
				if !full && len(candidates) > sample {
					rng.Shuffle(len(candidates), func(i, j int) { candidates[i], candidates[j] = candidates[j], candidates[i] })
					candidates = candidates[:sample]
				}
				for _, p := range candidates {
					wg.Add(1)
					go func() {
						defer wg.Done()
						limit <- struct{}{}
						defer func() { <-limit }()
						r := runCrashPoint(t, lc, way, p)
						mu.Lock()
						results = append(results, r)
						mu.Unlock()
					}()
				}
			}
			wg.Wait()
			report(t, lc.name, len(points), results)
		})
	}
}

// crashPoints runs the lifecycle once, uninterrupted, and lists the device
// requests of its run.
func crashPoints(t *testing.T, lc crashLifecycle) []crashPoint {
	t.Helper()
	d, w := setup(t, mockdevice.Options{GPUs: 2})
	c := ctx(t)
	if lc.before != nil {
		w.Write(lc.before(d))
		if err := w.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
	d.ResetRequests()
	if err := runLifecycle(c, w, d, lc, func(func()) {}); err != nil {
		t.Fatalf("the uninterrupted run: %v", err)
	}
	var points []crashPoint
	for _, r := range d.Requests() {
		if strings.HasPrefix(strings.ToLower(r.Path), "/subscriptions") {
			points = append(points, crashPoint{n: len(points) + 1, method: r.Method})
		}
	}
	if len(points) == 0 {
		t.Fatal("the run made no device request")
	}
	return points
}

// runLifecycle runs the lifecycle's interrupted run: apply of during, or
// destroy.
func runLifecycle(c context.Context, w *acctest.Workspace, d *acctest.Device, lc crashLifecycle, arm func(func())) error {
	if lc.during == nil {
		return w.RunInterruptible(c, arm, "destroy", "-auto-approve", "-input=false", "-no-color")
	}
	w.Write(lc.during(d))
	return w.RunInterruptible(c, arm, "apply", "-auto-approve", "-input=false", "-no-color")
}

// runCrashPoint interrupts the lifecycle at one request, runs it again,
// and compares the device with the state.
func runCrashPoint(t *testing.T, lc crashLifecycle, way string, p crashPoint) crashResult {
	res := crashResult{way: way, n: p.n}
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2})
	w := acctest.NewWorkspace(t, d.Env())
	c, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if lc.before != nil {
		w.Write(lc.before(d))
		if err := w.Apply(c); err != nil {
			res.err = fmt.Errorf("before: %w", err)
			return res
		}
	}
	d.ResetRequests()
	at := mockdevice.Fault{Nth: p.n}
	arm := func(interrupt func()) {
		var err error
		switch way {
		case wayLost:
			at.Kind = mockdevice.FaultLostResponse
			err = d.AddFault(at)
		case wayDrop:
			at.Kind = mockdevice.FaultDrop
			err = d.AddFault(at)
		case waySIGINT:
			err = d.AfterRequest(at, interrupt)
		}
		if err != nil {
			t.Error(err)
		}
	}
	_ = runLifecycle(c, w, d, lc, arm) // interrupted: it may fail
	d.ClearFaults()
	var err error
	if lc.during == nil {
		err = w.Destroy(c)
	} else {
		err = w.Apply(c)
	}
	if err != nil {
		res.err = fmt.Errorf("running it again: %w", err)
	}
	got := acctest.Check(c, d, w)
	res.orphans, res.lost = got.Orphans, got.Lost
	if lc.during == nil {
		res.orphans = d.Resources()
	}
	return res
}

// report prints the points tried and the orphans found, and fails on any.
func report(t *testing.T, lifecycle string, points int, results []crashResult) {
	t.Helper()
	sort.Slice(results, func(i, j int) bool {
		if results[i].way != results[j].way {
			return results[i].way < results[j].way
		}
		return results[i].n < results[j].n
	})
	tried := map[string][]string{}
	orphans, lost := 0, 0
	for _, r := range results {
		tried[r.way] = append(tried[r.way], strconv.Itoa(r.n))
		orphans += len(r.orphans)
		lost += len(r.lost)
		if len(r.orphans) > 0 || len(r.lost) > 0 || r.err != nil {
			t.Errorf("%s, %s at request %d: orphans %v, lost %v, error: %v", lifecycle, r.way, r.n, r.orphans, r.lost, r.err)
		}
	}
	var ways []string
	for _, way := range []string{wayLost, wayDrop, waySIGINT} {
		ways = append(ways, fmt.Sprintf("%s at [%s]", way, strings.Join(tried[way], " ")))
	}
	line := fmt.Sprintf("CRASH lifecycle=%s requests=%d tried=%d orphans=%d lost=%d: %s",
		lifecycle, points, len(results), orphans, lost, strings.Join(ways, ", "))
	t.Log(line)
	fmt.Println(line)
}

func crashEnv(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
