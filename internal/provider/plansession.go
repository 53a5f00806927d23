package provider

import (
	"strings"
	"sync"
)

type memoEntry struct {
	once  sync.Once
	value any
	err   error
}

// remember runs read once per key for the provider instance's life and
// hands every caller its result.
func remember[T any](pd *providerData, key string, read func() (T, error)) (T, error) {
	pd.memoMu.Lock()
	if pd.memo == nil {
		pd.memo = map[string]*memoEntry{}
	}
	e, ok := pd.memo[key]
	if !ok {
		e = &memoEntry{}
		pd.memo[key] = e
	}
	pd.memoMu.Unlock()
	e.once.Do(func() { e.value, e.err = read() })
	v, _ := e.value.(T)
	return v, e.err
}

// plannedVM is what this plan says of a GPU VM: its extensions' plans are
// checked against it, the VM being planned first (they refer to it).
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

// planVM records the plan of a VM by ID.
func (pd *providerData) planVM(id string, v plannedVM) {
	pd.memoMu.Lock()
	defer pd.memoMu.Unlock()
	if pd.plannedVMs == nil {
		pd.plannedVMs = map[string]plannedVM{}
	}
	pd.plannedVMs[strings.ToLower(id)] = v
}

// plannedVMOf is the plan of a VM, if this plan has one.
func (pd *providerData) plannedVMOf(id string) (plannedVM, bool) {
	pd.memoMu.Lock()
	defer pd.memoMu.Unlock()
	v, ok := pd.plannedVMs[strings.ToLower(id)]
	return v, ok
}

// claimDriver records that extension extID is the GPU driver of vmID in
// this plan, and returns another extension already planned as its
// driver, if any: a VM takes one GPU driver extension.
func (pd *providerData) claimDriver(vmID, extID string) string {
	pd.memoMu.Lock()
	defer pd.memoMu.Unlock()
	if pd.drivers == nil {
		pd.drivers = map[string]string{}
	}
	k := strings.ToLower(vmID)
	if other, ok := pd.drivers[k]; ok && !strings.EqualFold(other, extID) {
		return other
	}
	pd.drivers[k] = extID
	return ""
}

// stateIDs are the IDs of the resources a plan walk found in state (it
// reads each one before it plans). Terraform plans the create half of a
// replacement, a tainted resource's among them, with no prior state: the
// name's owner is then this very state, which the device check must not
// refuse.
type stateIDs struct{ m sync.Map }

func (s *stateIDs) add(id string) {
	if id != "" {
		s.m.Store(strings.ToLower(id), true)
	}
}

func (s *stateIDs) has(id string) bool {
	_, ok := s.m.Load(strings.ToLower(id))
	return ok
}

// planAddress notes that this plan gives VM vmID the static address ip on
// subnet, and returns the other VM of the plan it already gave it to, or "".
func (pd *providerData) planAddress(subnet, ip, vmID string) string {
	k := strings.ToLower(subnet) + "|" + ip
	if prior, loaded := pd.plannedAddresses.LoadOrStore(k, strings.ToLower(vmID)); loaded && prior.(string) != strings.ToLower(vmID) {
		return prior.(string)
	}
	return ""
}
