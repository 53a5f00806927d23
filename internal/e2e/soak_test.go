package e2e

import (
	"fmt"
	"math"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// envInt reads a number from the environment, with a default.
func envInt(name string, def int64) int64 {
	if v, err := strconv.ParseInt(os.Getenv(name), 10, 64); err == nil {
		return v
	}
	return def
}

// soakFailure is the message of the operation failures the soak injects:
// what an apply may fail with.
const soakFailure = "soak: the operation failed"

// A seeded, bounded soak: many applies under random faults (throttling,
// server errors, dropped connections and lost answers at random, and
// device operations that fail), each of random GPU VMs, power states and
// drivers. It asserts, from Terraform's JSON diagnostics and the device's
// request log, that the transient faults hit requests and every one was
// retried, and that only the injected operation failures failed an apply
// (each error matched to the failure the device inflicted); after every
// apply, failed or not, it counts orphans and lost resources from the
// device and the state, and wants none. At the end the faults stop, the
// last configuration applies, and destroy leaves nothing. SOAK_SEED,
// SOAK_ITERATIONS and SOAK_SECONDS change the run.
func TestSoak(t *testing.T) {
	t.Parallel()
	seed := envInt("SOAK_SEED", 20261126)
	iterations := int(envInt("SOAK_ITERATIONS", 10))
	budget := time.Duration(envInt("SOAK_SECONDS", 300)) * time.Second
	rng := rand.New(rand.NewSource(seed)) //nolint:gosec // repeatable by seed
	// Two NC8as (56 GiB each) outgrow a 128 GiB device's memory for VMs;
	// the soak is about GPUs and faults, so the device has room for both.
	d, w := setup(t, mockdevice.Options{GPUs: 2, MemoryGiB: 512, OpDelay: 100 * time.Millisecond, Seed: seed})
	c := ctx(t)
	start := time.Now()
	var applied, failed, failedOps, retried, orphans, lost int
	injected, hits := map[string]int{}, map[string]int{}
	// exposure is, per fault kind, -ln of the chance that no request of
	// the applies it was injected into met it: the sum over those applies
	// of requests x -ln(1 - rate).
	exposure := map[string]float64{}
	kinds := []string{mockdevice.Fault429, mockdevice.Fault503, mockdevice.Fault500, mockdevice.FaultDrop, mockdevice.FaultLostResponse}
	var config string
	for i := 1; i <= iterations && time.Since(start) < budget; i++ {
		config = randomConfig(rng, d)
		w.Write(config)
		d.ClearFaults()
		var faults []mockdevice.Fault
		for n := 1 + rng.Intn(2); n > 0; n-- {
			f := mockdevice.Fault{Kind: kinds[rng.Intn(len(kinds))], Rate: 0.1 + rng.Float64()*0.2, RetryAfter: time.Second}
			if err := d.AddFault(f); err != nil {
				t.Fatal(err)
			}
			injected[f.Kind]++
			faults = append(faults, f)
		}
		if rng.Intn(4) == 0 {
			name := []string{"a", "b"}[rng.Intn(2)]
			d.FailNextOperation(d.VMID(acctest.VMGroup, "soak-"+name), mockdevice.FailNext{Code: "InternalExecutionError", Message: soakFailure})
			failedOps++
		}
		pending, tookBefore := d.PendingOperationFailures(), len(d.TakenOperationFailures())
		d.ResetRequests()
		diags, err := w.ApplyDiagnostics(c)
		requests := d.Requests()
		retries := readRetries(requests)
		for _, f := range faults {
			exposure[f.Kind] += float64(len(requests)) * -math.Log(1-f.Rate)
		}
		taken := inflicted(pending, d.PendingOperationFailures())
		heard := heardOf(d.TakenOperationFailures()[tookBefore:], requests)

		for kind, n := range retries.hits {
			hits[kind] += n
		}
		retried += retries.retried
		for _, r := range retries.notRetried {
			t.Errorf("iteration %d: a transient fault was not retried: %s", i, r)
		}
		errs := acctest.Errors(diags)
		for _, e := range errs {
			if !causedBy(e, taken) && len(retries.exhausted) == 0 {
				t.Errorf("iteration %d: the apply failed with an error no injected failure explains: %s", i, e)
			}
		}
		switch {
		case err != nil && len(errs) == 0:
			t.Errorf("iteration %d: the apply failed with no error diagnostic: %v", i, err)
		case err == nil && len(heard) > 0:
			t.Errorf("iteration %d: the device failed an operation on %v and answered its status, but the apply succeeded", i, heard)
		case err == nil && len(taken) > 0:
			// The request that started the failed operation lost its
			// answer; the provider tried it again and the device did it.
			t.Logf("iteration %d: the operation that failed on %v was never heard of (its starting request's answer was lost) and its retry succeeded", i, taken)
		}
		if err != nil {
			failed++
			t.Logf("iteration %d: apply failed as injected: %v", i, errs)
		} else {
			applied++
		}
		for _, r := range retries.exhausted {
			t.Logf("iteration %d: a request met a fault on every attempt: %s", i, r)
		}
		got := acctest.Check(c, d, w)
		orphans += len(got.Orphans)
		lost += len(got.Lost)
		if !got.OK() {
			t.Fatalf("iteration %d: state and device disagree: %s", i, got)
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	if applied+failed == 0 {
		t.Fatalf("no iteration ran (SOAK_ITERATIONS %d, SOAK_SECONDS %s): the soak tested nothing", iterations, budget)
	}
	for _, kind := range kinds {
		// A kind that the applies' requests had every chance to meet must
		// have met one (missing them all: under 1 in 10,000). With fewer
		// requests exposed (an apply an injected failure ended early), a
		// miss is chance, not a fault that never reaches the provider.
		switch {
		case hits[kind] > 0 || injected[kind] == 0:
		case exposure[kind] > math.Log(10000):
			t.Errorf("%s faults were injected in %d applies and hit no request (the chance of that: %.1g)",
				kind, injected[kind], math.Exp(-exposure[kind]))
		default:
			t.Logf("%s faults were injected in %d applies and, by chance (%.2g), hit no request", kind, injected[kind], math.Exp(-exposure[kind]))
		}
	}
	if retried == 0 {
		t.Error("no faulted request was retried: the soak injected nothing that reached the provider")
	}
	d.ClearFaults()
	d.ClearOperationFailures()
	if err := w.Apply(c); err != nil {
		t.Fatalf("the last configuration without faults: %s\n%v", firstError(err), err)
	}
	mustConsistent(t, c, d, w)
	if err := w.Destroy(c); err != nil {
		t.Fatalf("destroy: %v", err)
	}
	left := acctest.Check(c, d, w)
	summary := fmt.Sprintf("soak: seed %d, %d iterations in %s: %d applies succeeded, %d failed, each by an injected operation failure (%d injected); faults injected %v hit requests %v, %d faulted attempts retried; orphans %d, lost %d, left after destroy %d",
		seed, applied+failed, time.Since(start).Round(time.Second), applied, failed, failedOps, injected, hits, retried, orphans, lost, len(left.Orphans))
	t.Log(summary)
	fmt.Println(summary)
	if !left.OK() {
		t.Fatalf("after destroy: %s", left)
	}
}

// inflicted is the injected operation failures the device took between two
// readings of its pending ones.
func inflicted(before, after []string) map[string]bool {
	taken := map[string]bool{}
	for _, id := range before {
		taken[strings.ToLower(id)] = true
	}
	for _, id := range after {
		delete(taken, strings.ToLower(id))
	}
	return taken
}

// heardOf is the resources of the failed operations whose status the
// device answered (a request to the operation's URL met no fault): the
// provider learned of those failures. One whose starting request lost its
// answer, and so was never polled, the provider cannot know of.
func heardOf(failures []mockdevice.TakenFailure, requests []mockdevice.Request) []string {
	var heard []string
	for _, f := range failures {
		for _, r := range requests {
			if r.Fault == "" && strings.Contains(r.Path, f.Operation) {
				heard = append(heard, f.ResourceID)
				break
			}
		}
	}
	return heard
}

// causedBy reports whether an error diagnostic is an injected operation
// failure that the device inflicted on the resource the error is about.
func causedBy(e acctest.Diagnostic, taken map[string]bool) bool {
	if !strings.Contains(e.Detail, soakFailure) {
		return false
	}
	for id := range taken {
		name := id[strings.LastIndex(id, "/")+1:]
		if e.Address == "" || strings.EqualFold(strings.ReplaceAll(e.Address, "_", "-"), "azurestackedge-gpu-vm."+name) {
			return true
		}
	}
	return false
}

// randomConfig is zero to two GPU VMs of random size and power state,
// each with its driver when running.
func randomConfig(rng *rand.Rand, d *acctest.Device) string {
	var b strings.Builder
	for _, name := range []string{"a", "b"} {
		if rng.Intn(10) < 3 {
			continue
		}
		size := []string{"Standard_NC4as_T4_v3", "Standard_NC8as_T4_v3"}[rng.Intn(2)]
		power := "running"
		if rng.Intn(5) == 0 {
			power = "deallocated"
		}
		extra := fmt.Sprintf("power_state = %q\n  tags = { round = \"%d\" }", power, rng.Intn(3))
		b.WriteString(d.GPUVM("soak_"+name, "soak-"+name, size, "rhel_7_4", extra))
		if power == "running" && rng.Intn(3) > 0 {
			fmt.Fprintf(&b, "resource \"azurestackedge_gpu_extension\" \"soak_%s\" {\n  virtual_machine_id = azurestackedge_gpu_vm.soak_%s.id\n}\n", name, name)
		}
	}
	return b.String()
}

// firstError is the first "Error:" line of Terraform's output.
func firstError(err error) string {
	for _, line := range strings.Split(err.Error(), "\n") {
		if strings.Contains(line, "Error:") {
			return strings.TrimSpace(line)
		}
	}
	return strings.SplitN(err.Error(), "\n", 2)[0]
}
