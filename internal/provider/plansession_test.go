package provider

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/runcache"
)

func TestPlanAddressAndStateIDs(t *testing.T) {
	s := newPlanSession()
	if other := s.planAddress("/SUBNET", "10.0.0.9", "/vm1"); other != "" {
		t.Fatalf("first claim: %q", other)
	}
	if other := s.planAddress("/subnet", "10.0.0.9", "/VM1"); other != "" {
		t.Fatalf("the same VM again: %q", other)
	}
	if other := s.planAddress("/subnet", "10.0.0.9", "/vm2"); other != "/vm1" {
		t.Fatalf("a second VM: %q", other)
	}
	s.inState.add("/A/B")
	if !s.inState.has("/a/b") || s.inState.has("/a/c") {
		t.Fatal("stateIDs")
	}
}

// A key is read once whatever the case of its ID, its error kept; keys of
// other kinds or types are read apart, even for the same ID.
func TestRememberTypedKeys(t *testing.T) {
	s := newPlanSession()
	reads := map[string]int{}
	readVM := func(name string) func() (device.VirtualMachine, error) {
		return func() (device.VirtualMachine, error) {
			reads["vm"]++
			return device.VirtualMachine{Name: name}, nil
		}
	}
	if vm, _ := remember(s, vmKey("/Subs/X/VM1"), readVM("first")); vm.Name != "first" {
		t.Fatalf("first read: %+v", vm)
	}
	if vm, _ := remember(s, vmKey("/subs/x/vm1"), readVM("second")); vm.Name != "first" || reads["vm"] != 1 {
		t.Fatalf("the same VM in another case was read again: %+v, %d reads", vm, reads["vm"])
	}
	// The same ID under another kind and type is another read.
	exts, err := remember(s, extensionsKey("/subs/x/vm1"), func() ([]device.Extension, error) {
		reads["extensions"]++
		return []device.Extension{{Name: "gpu"}}, nil
	})
	if err != nil || len(exts) != 1 || reads["extensions"] != 1 {
		t.Fatalf("extensions: %v %v %d", exts, err, reads["extensions"])
	}
	// A key of the same kind and ID but another type never meets it.
	other, _ := remember(s, keyOf[string]("vm", "/subs/x/vm1"), func() (string, error) { return "a string", nil })
	if other != "a string" {
		t.Fatalf("a key of another type shared an entry: %q", other)
	}
	// An error is kept: the check that repeats the read sees it without a request.
	gone := errors.New("gone")
	for i := 0; i < 2; i++ {
		if _, err := remember(s, subnetKey("/s"), func() (device.Subnet, error) { reads["subnet"]++; return device.Subnet{}, gone }); !errors.Is(err, gone) {
			t.Fatalf("error %v", err)
		}
	}
	if reads["subnet"] != 1 {
		t.Fatalf("a failed read was made %d times", reads["subnet"])
	}
	// Concurrent callers share one read.
	var wg sync.WaitGroup
	var mu sync.Mutex
	images := 0
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = remember(s, imageKey("/img"), func() (device.Image, error) { mu.Lock(); images++; mu.Unlock(); return device.Image{}, nil })
		}()
	}
	wg.Wait()
	if images != 1 {
		t.Fatalf("eight concurrent callers made %d reads", images)
	}
}

// held hands out what a key holds without reading: nothing before the
// read, nor while it is under way, nor when it failed; the value after.
func TestHeldNeverReads(t *testing.T) {
	s := newPlanSession()
	if _, ok := held(s, subnetKey("/s")); ok {
		t.Fatal("held before any read")
	}
	started, release := make(chan struct{}), make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = remember(s, subnetKey("/s"), func() (device.Subnet, error) {
			close(started)
			<-release
			return device.Subnet{Name: "sn"}, nil
		})
	}()
	<-started
	if _, ok := held(s, subnetKey("/S")); ok {
		t.Fatal("held while its read is under way")
	}
	close(release)
	<-done
	if sn, ok := held(s, subnetKey("/S")); !ok || sn.Name != "sn" {
		t.Fatalf("after the read: %+v, %v", sn, ok)
	}
	_, _ = remember(s, subnetKey("/gone"), func() (device.Subnet, error) { return device.Subnet{}, errors.New("gone") })
	if _, ok := held(s, subnetKey("/gone")); ok {
		t.Fatal("a failed read held")
	}
	// A look before the first read leaves that read to be made.
	if _, ok := held(s, nicsKey); ok {
		t.Fatal("NICs held, never read")
	}
	reads := 0
	_, _ = remember(s, nicsKey, func() ([]device.NetworkInterface, error) { reads++; return nil, nil })
	if reads != 1 {
		t.Fatalf("after a look with held, remember made %d reads", reads)
	}
}

// The ordering contract: an extension planned before its VM gets the VM's
// plan when it comes, stops waiting when the VM's deletion is planned, and
// gets nothing when neither comes. A wait that did not end on the plan
// would run for the hour: the test's timeout, not a timing, fails it.
func TestAwaitVMPlan(t *testing.T) {
	ctx := context.Background()
	const forever = time.Hour

	t.Run("planned first", func(t *testing.T) {
		s := newPlanSession()
		s.planVM("/VM1", plannedVM{Size: "Standard_NC4as_T4_v3"})
		if v, ok := s.awaitVMPlan(ctx, "/vm1", forever); !ok || v.Size != "Standard_NC4as_T4_v3" {
			t.Fatalf("%+v %v", v, ok)
		}
	})
	t.Run("planned after the extension", func(t *testing.T) {
		s := newPlanSession()
		waiting := make(chan struct{})
		got := make(chan plannedVM, 1)
		go func() {
			close(waiting)
			v, ok := s.awaitVMPlan(ctx, "/vm1", forever)
			if !ok {
				v = plannedVM{Size: "none"}
			}
			got <- v
		}()
		<-waiting
		s.planVM("/VM1", plannedVM{Size: "Standard_NC8as_T4_v3", Creating: true})
		if v := <-got; v.Size != "Standard_NC8as_T4_v3" || !v.Creating {
			t.Fatalf("%+v", v)
		}
		// A replacement is planned twice: the later plan wins.
		s.planVM("/vm1", plannedVM{Size: "Standard_NC4as_T4_v3"})
		if v, _ := s.plannedVMOf("/vm1"); v.Size != "Standard_NC4as_T4_v3" {
			t.Fatalf("replanned: %+v", v)
		}
	})
	t.Run("deleted", func(t *testing.T) {
		s := newPlanSession()
		done := make(chan bool)
		go func() { _, ok := s.awaitVMPlan(ctx, "/vm1", forever); done <- ok }()
		s.planVMDeletion("/VM1")
		if <-done {
			t.Fatal("a deleted VM has a plan")
		}
		if _, ok := s.awaitVMPlan(ctx, "/vm1", forever); ok {
			t.Fatal("a deleted VM has a plan, asked again")
		}
	})
	t.Run("never planned", func(t *testing.T) {
		s := newPlanSession()
		if _, ok := s.awaitVMPlan(ctx, "/vm1", time.Millisecond); ok {
			t.Fatal("a plan from nowhere")
		}
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		if _, ok := s.awaitVMPlan(cancelled, "/vm1", forever); ok {
			t.Fatal("a plan from nowhere, cancelled")
		}
	})
}

func TestClaimDriver(t *testing.T) {
	s := newPlanSession()
	if other := s.claimDriver("/VM1", "/vm1/extensions/a"); other != "" {
		t.Fatalf("first: %q", other)
	}
	if other := s.claimDriver("/vm1", "/VM1/extensions/A"); other != "" {
		t.Fatalf("the same extension again: %q", other)
	}
	if other := s.claimDriver("/vm1", "/vm1/extensions/b"); !strings.EqualFold(other, "/vm1/extensions/a") {
		t.Fatalf("a second driver: %q", other)
	}
	if other := s.claimDriver("/vm2", "/vm2/extensions/b"); other != "" {
		t.Fatalf("another VM: %q", other)
	}
}

// Sessions of one run share the reads of the plan's checks (runKeyOf) and
// nothing else; a failed read is not shared.
func TestRememberSharesRunKeysWithTheRun(t *testing.T) {
	run, err := runcache.Open(t.TempDir()+"/cache", "run", "scope")
	if err != nil {
		t.Fatal(err)
	}
	planWalk, applyWalk := newPlanSession(), newPlanSession()
	planWalk.run, applyWalk.run = run, run
	reads := 0
	subnet := func() (device.Subnet, error) {
		reads++
		s := device.Subnet{Name: "ASEVNETsubNet"}
		s.Properties.AddressPrefix = "10.57.48.0/21"
		return s, nil
	}
	vm := func() (device.VirtualMachine, error) { reads++; return device.VirtualMachine{Name: "a"}, nil }
	for _, s := range []*planSession{planWalk, applyWalk} {
		got, err := remember(s, subnetKey("/subnets/X"), subnet)
		if err != nil || got.Properties.AddressPrefix != "10.57.48.0/21" {
			t.Fatalf("subnet: %+v, %v", got, err)
		}
		if _, err := remember(s, vmKey("/vms/a"), vm); err != nil {
			t.Fatal(err)
		}
	}
	if reads != 3 {
		t.Errorf("%d reads, want 3: the subnet once for the run, the VM (a refresh's read) once per session", reads)
	}
	failing := func() (device.Image, error) { reads++; return device.Image{}, errors.New("503") }
	reads = 0
	for _, s := range []*planSession{planWalk, applyWalk} {
		if _, err := remember(s, imageKey("/images/i"), failing); err == nil {
			t.Fatal("the failure was not returned")
		}
	}
	if reads != 2 {
		t.Errorf("a failed read was shared: %d reads, want 2", reads)
	}
}

// A session takes the run's reads only at its start: one that has run for
// longer than runShareWindow reads the device (and keeps what it read).
func TestRememberTakesRunReadsOnlyAtTheStart(t *testing.T) {
	run, err := runcache.Open(t.TempDir()+"/cache", "run", "scope")
	if err != nil {
		t.Fatal(err)
	}
	reads := 0
	subnet := func() (device.Subnet, error) { reads++; return device.Subnet{Name: "s"}, nil }
	first := newPlanSession()
	first.run = run
	if _, err := remember(first, subnetKey("/subnets/x"), subnet); err != nil {
		t.Fatal(err)
	}
	late := newPlanSession()
	late.run, late.started = run, time.Now().Add(-runShareWindow-time.Second)
	if _, err := remember(late, subnetKey("/subnets/x"), subnet); err != nil {
		t.Fatal(err)
	}
	if reads != 2 {
		t.Errorf("%d reads, want 2: a session past its start reads the device", reads)
	}
	fresh := newPlanSession()
	fresh.run = run
	if _, err := remember(fresh, subnetKey("/subnets/x"), subnet); err != nil || reads != 2 {
		t.Errorf("a new session did not take the run's read: %d reads, %v", reads, err)
	}
}

// The plans of VMs whose IDs are not known yet each get a key of their
// own, however many there are.
func TestUnnamedKeysAreUnique(t *testing.T) {
	s := newPlanSession()
	seen := map[string]bool{}
	for range 1000 {
		k := s.unnamedKey()
		if seen[k] {
			t.Fatalf("key %q given twice", k)
		}
		seen[k] = true
	}
}

// A name is awaited until its resource is read, or the wait ends.
func TestStateIDsAwaitAdded(t *testing.T) {
	var s stateIDs
	ctx := context.Background()
	go func() {
		time.Sleep(20 * time.Millisecond)
		s.add("/other")
		time.Sleep(20 * time.Millisecond)
		s.add("/SUBSCRIPTIONS/X/VM")
	}()
	if !s.awaitAdded(ctx, "/subscriptions/x/vm", 5*time.Second) {
		t.Fatal("an ID added while waiting was not seen")
	}
	start := time.Now()
	if s.awaitAdded(ctx, "/never", 30*time.Millisecond) || time.Since(start) < 30*time.Millisecond {
		t.Error("an ID never added was seen, or the wait ended early")
	}
}
