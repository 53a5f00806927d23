package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/placement"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// providerData is what Configure hands every resource and data source.
type providerData struct {
	// unknownConfig is set when the provider block depended on values not
	// known during this plan: there is no client, and device checks wait.
	unknownConfig bool
	client        *device.Client
	release       catalog.Release
	declared      *placement.Hardware

	// snapshot is the inventory read once per provider instance (one per
	// plan or apply walk) for plan-time checks, so every resource checks
	// against one consistent view of the device.
	snapshotOnce sync.Once
	snapshot     placement.Inventory
	snapshotErr  error

	// ledger adds up the GPUs every VM of this plan asks for.
	ledger placement.Ledger

	// inState lists the resources this walk read from state (see
	// lifecycle.go): a name they hold is this configuration's own.
	inState stateIDs
	// deletedNICs are the NICs this instance deleted, and createdVMs the
	// VMs it created and owns (see device_lists.go).
	deletedNICs, createdVMs stateIDs
	// plannedAddresses are the static addresses of this plan's VMs, by
	// subnet and address (see lifecycle.go).
	plannedAddresses sync.Map

	// memo keeps device reads that plan checks repeat (images, subnets,
	// the NIC list) for the provider instance's life.
	memoMu sync.Mutex
	memo   map[string]*memoEntry

	// plannedVMs and drivers are what this plan says of GPU VMs and their
	// driver extensions, by lower-case ID (guarded by memoMu).
	plannedVMs map[string]plannedVM
	drivers    map[string]string
}

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

func newProviderData(c *device.Client, s settings) *providerData {
	return &providerData{client: c, release: s.release, declared: s.declared}
}

// providerDataFrom reads the provider data given to a resource or data source.
func providerDataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil // not configured yet (validation)
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider.", data))
		return nil
	}
	return pd
}

// snapshotInventory is the inventory for plan-time checks, read from the
// device once per provider instance and shared by every resource.
func (pd *providerData) snapshotInventory(ctx context.Context) (placement.Inventory, error) {
	pd.snapshotOnce.Do(func() { pd.snapshot, pd.snapshotErr = pd.readGPUs(ctx, false) })
	return pd.snapshot, pd.snapshotErr
}

// errUnknownCapacity is why the GPU arithmetic cannot run.
var errUnknownCapacity = errors.New("the device's GPU count is unknown: set device_id (to read it from the device's Azure side) or gpu_count in the provider block")

// readInventory reads who holds the device's GPUs: the capacity API and
// roles when device_id is set, the declared hardware otherwise; the VMs
// always from the device.
func (pd *providerData) readInventory(ctx context.Context) (placement.Inventory, error) {
	return pd.readGPUs(ctx, true)
}

// readGPUs reads the inventory. The roles are read when asked for (the
// inventory data source reports whether Kubernetes is configured), else
// only when the GPU arithmetic needs them: when the device uses more GPUs
// than its VMs hold, which only the Kubernetes role explains.
func (pd *providerData) readGPUs(ctx context.Context, withRoles bool) (placement.Inventory, error) {
	if !pd.client.HasAzureSide() && (pd.declared == nil || pd.declared.GPUs == 0) {
		return placement.Inventory{}, errUnknownCapacity
	}
	var list []device.VirtualMachine
	var err error
	if withRoles {
		list, err = pd.client.ListVMs(ctx) // the device as it is now
	} else {
		list, err = pd.vmsForPlan(ctx) // the plan's snapshot: one list with the name checks
	}
	if err != nil {
		return placement.Inventory{}, err
	}
	vms := make([]placement.VM, 0, len(list))
	for _, v := range list {
		vms = append(vms, placement.VM{ID: v.ID, Name: v.Name, Size: v.Properties.HardwareProfile.VMSize, GUID: v.Properties.VMID,
			PowerState: v.PowerState(), ProvisioningState: v.Properties.ProvisioningState})
	}
	vms = placement.ApplyRelease(pd.release, vms)
	if !pd.client.HasAzureSide() {
		return placement.FromDeclared(*pd.declared, vms), nil
	}
	capacity, err := pd.client.GetCapacity(ctx)
	if err != nil {
		return placement.Inventory{}, err
	}
	gc := capacity.Properties.ClusterComputeCapacityInfo.GPUCapacity
	held := 0
	for _, v := range vms {
		held += placement.Holds(v)
	}
	// The roles are read only when something holds GPUs or memory that no
	// VM does: Kubernetes is then the likely holder, and messages name it.
	unattributedMemory := placement.MemoryFromCapacity(capacityMemory(capacity), false, vms).OtherMiB > 0
	kubernetes := false
	if withRoles || gc.UsedUnits > held || unattributedMemory {
		roles, err := pd.client.ListRoles(ctx)
		if err != nil {
			return placement.Inventory{}, err
		}
		for _, r := range roles {
			kubernetes = kubernetes || strings.EqualFold(r.Kind, "Kubernetes")
		}
	}
	inv, err := placement.FromCapacity(placement.Capacity{GPUType: gc.GPUType, Total: gc.TotalUnits, Used: gc.UsedUnits, Free: gc.FreeUnits}, kubernetes, vms)
	inv.Memory = placement.MemoryFromCapacity(capacityMemory(capacity), kubernetes, vms)
	inv.FreeStorageGB = int64(capacity.Properties.ClusterStorageCapacityInfo.FreeMb) / 1024
	return inv, err
}

// gpuType is the device's GPU type: from its Azure side when device_id is
// set (read once, with the snapshot), else declared.
func (pd *providerData) gpuType(ctx context.Context) (catalog.GPUType, error) {
	if !pd.client.HasAzureSide() {
		return pd.declared.GPUType, nil
	}
	inv, err := pd.snapshotInventory(ctx)
	return inv.GPUType, err
}

// diagnostics is the framework's diagnostics list.
type diagnostics = diag.Diagnostics

// ready reports whether the device can be used now; when the provider
// block was not known during this plan, it says so.
func (pd *providerData) ready(diags *diag.Diagnostics) bool {
	switch {
	case pd == nil:
		diags.AddError("Provider not configured", "The azurestackedge provider was not configured. This is a bug in the provider.")
		return false
	case pd.unknownConfig:
		diags.AddError("Provider configuration not known yet",
			"The azurestackedge provider block depends on values known only after apply, so the device cannot be read now. "+
				"Apply the resources it depends on first (terraform apply -target=...).")
		return false
	}
	return true
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
