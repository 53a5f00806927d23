package provider

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/placement"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/runcache"
)

// planSession is everything one provider instance learns and plans during
// a Terraform run: the device reads its checks share, the GPU and memory
// ledger, what the plan says of each GPU VM and driver extension, the
// static addresses it gives out, and the IDs it read from state.
//
// The contract:
//
//   - One session per provider instance. Configure makes it (see
//     newProviderData), and Terraform starts a provider instance for each
//     plan, apply or destroy walk, so a session is one walk: nothing it
//     plans carries over from a plan to its apply. The exception is the
//     device reads of the plan's checks (keys made by runKeyOf): when
//     Terraform runs the provider, the walks of one run share them
//     (package runcache), because the apply walk plans every create and
//     update again and would read them all a second time.
//   - Safe for concurrent use: Terraform calls the resources of a walk
//     concurrently, in no set order beyond their references.
//   - A device read kept by the session (remember) is made once, by its
//     first caller, under a typed key that names what it holds and its Go
//     type; its error is kept too. What must see the device as it is now
//     (a read after a create) does not go through the session.
//   - Ordering. Terraform plans a resource after those its configuration
//     refers to, and in no set order otherwise. A VM's plan is recorded
//     (planVM) while the VM is planned; an extension whose
//     virtual_machine_id refers to the VM is planned after it and finds
//     that plan. An extension given the VM's ID literally may be planned
//     first: when its VM may yet be planned (the device lacks it, or this
//     walk read it from state), awaitVMPlan waits up to vmPlanWait for
//     the VM's plan, ending as soon as the VM is planned or its deletion
//     is (planVMDeletion); without a plan, the extension is checked
//     against the device's view, and the log says so.
//   - Deletions may be planned after the VMs they make room for: a
//     shortage waits for the rest of the plan (see ledger_wait.go).
type planSession struct {
	// memo holds the device reads the session keeps, by memoKey.
	memoMu sync.Mutex
	memo   map[any]*memoEntry
	// run shares the reads of runKeyOf keys with the run's other walks;
	// nil (sharing nothing) unless Terraform runs the provider. Reads are
	// taken from it only until runShareWindow after started.
	run     *runcache.Cache
	started time.Time

	// ledger adds up the GPUs and memory every VM of this plan asks for.
	ledger placement.Ledger

	// inState lists the resources this walk read from state (see
	// lifecycle.go): a name they hold is this configuration's own.
	// lostNames are those whose name the refresh found another's.
	inState, lostNames stateIDs
	// ownVMs are the VMs whose refresh found them on the device as this
	// state's own (the VM of the name holds this state's NIC); not a VM
	// kept in state only for the parts it left (see listedExtension).
	ownVMs stateIDs

	// plannedAddresses are the static addresses of this plan's VMs, by
	// subnet and address.
	plannedAddresses sync.Map

	// storage is the new disk storage the plan's VMs ask for.
	storage plannedStorage
	// unnamed numbers the plans of VMs whose ID is not known yet, which
	// the ledger and the storage plan keep apart (see unnamedKey).
	unnamed atomic.Int64

	// plannedVMs and drivers are what this plan says of GPU VMs and their
	// driver extensions, by lower-case ID. settled marks the VMs whose plan
	// is known (planned, or deleted), and settledCh wakes those waiting
	// for one (all guarded by plansMu).
	plansMu    sync.Mutex
	plannedVMs map[string]plannedVM
	drivers    map[string]string
	settled    map[string]bool
	settledCh  map[string]chan struct{}
}

func newPlanSession() *planSession { return &planSession{started: time.Now()} }

// unnamedKey is a key of its own for the plan of a VM whose ID is not
// known yet: no other plan of the session ever gets it.
func (s *planSession) unnamedKey() string { return fmt.Sprintf("unknown-%d", s.unnamed.Add(1)) }

// runShareWindow is how long after its start a session takes reads from
// the run's cache. The apply's walk plans at its start what nothing holds
// back, and shares the plan walk's reads for those; a resource it plans
// later, after provisioners, waits or other resources' changes, finds the
// device as it is then (or as this session read it at its start): time in
// which others may have changed the device without this run knowing.
const runShareWindow = 10 * time.Second

// memoKey is the key of a device read the session keeps: what it is (the
// kind) and of what (the ID, lower-case), typed by what the read returns.
// Keys of different types never meet, even of the same kind and ID.
// acrossRun marks a read of the plan's checks, which the run's walks share.
type memoKey[T any] struct {
	kind, id  string
	acrossRun bool
}

func keyOf[T any](kind, id string) memoKey[T] { return memoKey[T]{kind: kind, id: strings.ToLower(id)} }

// runKeyOf is the key of a read that the plan's checks make, and that the
// apply walk's plan of the same change would make again: the run's walks
// share it. Its value must survive JSON (what runcache keeps).
func runKeyOf[T any](kind, id string) memoKey[T] {
	return memoKey[T]{kind: kind, id: strings.ToLower(id), acrossRun: true}
}

// name is the key as the run's cache names it.
func (k memoKey[T]) name() string { return k.kind + "|" + k.id }

// The reads the session keeps.
var (
	// inventoryKey is the GPU and memory inventory the plan checks
	// against, so every resource checks one consistent view.
	inventoryKey = memoKey[placement.Inventory]{kind: "inventory"}
	// nicsKey is the list of the device's network interfaces, which the
	// refresh's reads and the address check share.
	nicsKey = memoKey[[]device.NetworkInterface]{kind: "nics"}
)

// vmKey is a VM read with its instance view; the extension's plan reads
// its VM under the same key as the refresh.
func vmKey(id string) memoKey[device.VirtualMachine] { return keyOf[device.VirtualMachine]("vm", id) }

// extensionsKey is the list of a VM's extensions.
func extensionsKey(vmID string) memoKey[[]device.Extension] {
	return keyOf[[]device.Extension]("extensions", vmID)
}

// subnetKey, imageKey and groupKey are reads of a subnet, an image and a
// resource group, which the plan's checks make.
func subnetKey(id string) memoKey[device.Subnet] { return runKeyOf[device.Subnet]("subnet", id) }
func imageKey(id string) memoKey[device.Image]   { return runKeyOf[device.Image]("image", id) }
func groupKey(rg string) memoKey[device.ResourceGroup] {
	return runKeyOf[device.ResourceGroup]("group", rg)
}

type memoEntry struct {
	once  sync.Once
	value any
	err   error
	// read is set once value and err are in.
	read atomic.Bool
}

// remember runs read once per key for the session's life and hands every
// caller its result. A key of the plan's checks is first looked up in the
// run's cache, and a successful read of one is stored there.
func remember[T any](s *planSession, key memoKey[T], read func() (T, error)) (T, error) {
	s.memoMu.Lock()
	if s.memo == nil {
		s.memo = map[any]*memoEntry{}
	}
	e, ok := s.memo[key]
	if !ok {
		e = &memoEntry{}
		s.memo[key] = e
	}
	s.memoMu.Unlock()
	e.once.Do(func() {
		e.value, e.err = readThroughRun(s.run, time.Since(s.started) <= runShareWindow, key, read)
		e.read.Store(true)
	})
	v, _ := e.value.(T) // the key's type is the value's: a nil value only
	return v, e.err
}

// readThroughRun reads a key of the plan's checks from the run's cache when
// the run has read it and load allows, else from the device, keeping a
// successful read for the run; other keys it reads from the device.
func readThroughRun[T any](run *runcache.Cache, load bool, key memoKey[T], read func() (T, error)) (T, error) {
	if !key.acrossRun {
		return read()
	}
	var v T
	if load && run.Load(key.name(), &v) {
		return v, nil
	}
	started := time.Now() // a change to the device while it reads voids the read
	v, err := read()
	if err == nil {
		run.Store(key.name(), started, v)
	}
	return v, err
}

// held is what the session already holds under key, read without error,
// and whether it holds it; it never reads the device. A read still under
// way is not held yet.
func held[T any](s *planSession, key memoKey[T]) (T, bool) {
	var zero T
	s.memoMu.Lock()
	e, ok := s.memo[key]
	s.memoMu.Unlock()
	if !ok || !e.read.Load() || e.err != nil {
		return zero, false
	}
	v, ok := e.value.(T)
	return v, ok
}

// plannedVM is what this plan says of a GPU VM: its extensions' plans are
// checked against it.
type plannedVM struct {
	Size       string
	OSKey      string
	PowerState string
	// Creating is set when the plan creates the VM, or replaces it (which
	// takes its extensions with it).
	Creating bool
	// AllowUntestedOS is the VM's allow_untested_os: its driver extension follows it.
	AllowUntestedOS bool
}

// planVM records the plan of a VM by ID, and wakes the extensions waiting
// for it. A replacement is planned twice; the later plan wins.
func (s *planSession) planVM(id string, v plannedVM) {
	s.plansMu.Lock()
	defer s.plansMu.Unlock()
	if s.plannedVMs == nil {
		s.plannedVMs = map[string]plannedVM{}
	}
	k := strings.ToLower(id)
	s.plannedVMs[k] = v
	s.settle(k)
}

// planVMDeletion records that this plan deletes a VM: its extensions
// waiting for its plan stop waiting, and are checked against the device.
func (s *planSession) planVMDeletion(id string) {
	s.plansMu.Lock()
	defer s.plansMu.Unlock()
	s.settle(strings.ToLower(id))
}

// settle marks VM k's plan known and wakes its waiters (plansMu held).
func (s *planSession) settle(k string) {
	if s.settled[k] {
		return
	}
	if s.settled == nil {
		s.settled = map[string]bool{}
	}
	s.settled[k] = true
	if ch, ok := s.settledCh[k]; ok {
		close(ch)
	}
}

// plannedVMOf is the plan of a VM, if this plan has one yet.
func (s *planSession) plannedVMOf(id string) (plannedVM, bool) {
	s.plansMu.Lock()
	defer s.plansMu.Unlock()
	v, ok := s.plannedVMs[strings.ToLower(id)]
	return v, ok
}

// vmPlanWait is how long an extension planned before its VM waits for the
// VM's plan. A VM's plan is recorded after its name checks, before its
// GPU check; a few device reads take well under this on a site link.
const vmPlanWait = 3 * time.Second

// awaitVMPlan is the plan of a VM, waiting up to wait for it when this
// plan has not yet planned it, nor its deletion (see the ordering contract
// above). It reports false when the VM has no plan: not planned in time,
// or deleted.
func (s *planSession) awaitVMPlan(ctx context.Context, id string, wait time.Duration) (plannedVM, bool) {
	s.plansMu.Lock()
	k := strings.ToLower(id)
	if s.settled[k] {
		v, ok := s.plannedVMs[k]
		s.plansMu.Unlock()
		return v, ok
	}
	if s.settledCh == nil {
		s.settledCh = map[string]chan struct{}{}
	}
	ch, ok := s.settledCh[k]
	if !ok {
		ch = make(chan struct{})
		s.settledCh[k] = ch
	}
	s.plansMu.Unlock()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-ch:
	case <-timer.C:
	case <-ctx.Done():
	}
	return s.plannedVMOf(id)
}

// claimDriver records that extension extID is the GPU driver of vmID in
// this plan, and returns another extension already planned as its
// driver, if any: a VM takes one GPU driver extension.
func (s *planSession) claimDriver(vmID, extID string) string {
	s.plansMu.Lock()
	defer s.plansMu.Unlock()
	if s.drivers == nil {
		s.drivers = map[string]string{}
	}
	k := strings.ToLower(vmID)
	if other, ok := s.drivers[k]; ok && !strings.EqualFold(other, extID) {
		return other
	}
	s.drivers[k] = extID
	return ""
}

// stateIDs are the IDs of the resources a plan walk found in state (it
// reads each one before it plans). Terraform plans the create half of a
// replacement, a tainted resource's among them, with no prior state: the
// name's owner is then this very state, which the device check must not
// refuse.
type stateIDs struct {
	m sync.Map
	// changed is closed (and replaced) at each add, waking awaitAdded.
	mu      sync.Mutex
	changed chan struct{}
}

func (s *stateIDs) add(id string) {
	if id == "" {
		return
	}
	s.m.Store(strings.ToLower(id), true)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.changed != nil {
		close(s.changed)
	}
	s.changed = make(chan struct{})
}

// awaitAdded reports whether id is added within max: Terraform refreshes
// and plans a plan's resources in no set order, so the resource of this
// state that holds a name may be read after another resource's plan asks
// whose the name is (a VM moved to another for_each key).
func (s *stateIDs) awaitAdded(ctx context.Context, id string, max time.Duration) bool {
	timer := time.NewTimer(max)
	defer timer.Stop()
	for {
		s.mu.Lock()
		if s.changed == nil {
			s.changed = make(chan struct{})
		}
		changed := s.changed
		s.mu.Unlock()
		if s.has(id) {
			return true
		}
		select {
		case <-changed:
		case <-timer.C:
			return s.has(id)
		case <-ctx.Done():
			return s.has(id)
		}
	}
}

func (s *stateIDs) has(id string) bool {
	_, ok := s.m.Load(strings.ToLower(id))
	return ok
}

// planAddress notes that this plan gives VM vmID the static address ip on
// subnet, and returns the other VM of the plan it already gave it to, or "".
func (s *planSession) planAddress(subnet, ip, vmID string) string {
	k := strings.ToLower(subnet) + "|" + ip
	if prior, loaded := s.plannedAddresses.LoadOrStore(k, strings.ToLower(vmID)); loaded && prior.(string) != strings.ToLower(vmID) {
		return prior.(string)
	}
	return ""
}
