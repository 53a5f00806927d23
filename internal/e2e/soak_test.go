package e2e

import (
	"fmt"
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

// A seeded, bounded soak: many applies under random faults (throttling,
// server errors, dropped connections and lost answers at random, and
// device operations that fail), each of random GPU VMs, power states and
// drivers. After every apply, failed or not, the state matches the
// device; at the end the faults stop, the last configuration applies, and
// destroy leaves nothing. SOAK_SEED, SOAK_ITERATIONS and SOAK_SECONDS
// change the run.
func TestSoak(t *testing.T) {
	t.Parallel()
	seed := envInt("SOAK_SEED", 20261126)
	iterations := int(envInt("SOAK_ITERATIONS", 10))
	budget := time.Duration(envInt("SOAK_SECONDS", 300)) * time.Second
	rng := rand.New(rand.NewSource(seed)) //nolint:gosec // repeatable by seed
	d, w := setup(t, mockdevice.Options{GPUs: 2, OpDelay: 100 * time.Millisecond, Seed: seed})
	c := ctx(t)
	start := time.Now()
	var applied, failed, faults, failedOps int
	var config string
	for i := 1; i <= iterations && time.Since(start) < budget; i++ {
		config = randomConfig(rng, d)
		w.Write(config)
		d.ClearFaults()
		kinds := []string{mockdevice.Fault429, mockdevice.Fault503, mockdevice.Fault500, mockdevice.FaultDrop, mockdevice.FaultLostResponse}
		for n := rng.Intn(3); n > 0; n-- {
			f := mockdevice.Fault{Kind: kinds[rng.Intn(len(kinds))], Rate: 0.05 + rng.Float64()*0.15, RetryAfter: time.Second}
			if err := d.AddFault(f); err != nil {
				t.Fatal(err)
			}
			faults++
		}
		if rng.Intn(4) == 0 {
			name := []string{"a", "b"}[rng.Intn(2)]
			d.FailNextOperation(d.VMID(acctest.VMGroup, "soak-"+name), mockdevice.FailNext{Code: "InternalExecutionError", Message: "soak: the operation failed"})
			failedOps++
		}
		err := w.Apply(c)
		if err != nil {
			failed++
			t.Logf("iteration %d: apply failed (expected now and then): %s", i, firstError(err))
		} else {
			applied++
		}
		if got := acctest.Check(c, d, w); !got.OK() {
			t.Fatalf("iteration %d: state and device disagree: %s", i, got)
		}
	}
	d.ClearFaults()
	if err := w.Apply(c); err != nil {
		t.Fatalf("the last configuration without faults: %v", err)
	}
	mustConsistent(t, c, d, w)
	if err := w.Destroy(c); err != nil {
		t.Fatalf("destroy: %v", err)
	}
	left := d.Resources()
	summary := fmt.Sprintf("soak: seed %d, %d iterations in %s: %d applies succeeded, %d failed; %d faults and %d failed operations injected; orphans 0, lost 0, left after destroy %d",
		seed, applied+failed, time.Since(start).Round(time.Second), applied, failed, faults, failedOps, len(left))
	t.Log(summary)
	fmt.Println(summary)
	if len(left) > 0 {
		t.Fatalf("left on the device after destroy: %v", left)
	}
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
