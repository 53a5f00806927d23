package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/placement"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// providerData is what Configure hands every resource and data source.
type providerData struct {
	// unknownConfig is set when the provider block depended on values not
	// known during this plan: there is no client, and device checks wait.
	unknownConfig bool
	client        *device.Client
	release       catalog.Release
	declared      *placement.Hardware

	// planSession is what this provider instance learns and plans during
	// its walk (see plansession.go); its fields and methods are promoted,
	// so pd.ledger is pd.planSession.ledger.
	*planSession

	// deletedNICs are the NICs this instance deleted, and createdVMs the
	// VMs it created and owns (see device_lists.go).
	deletedNICs, createdVMs stateIDs
	// vmDeletes are the VM deletes under way, which creates wait for.
	vmDeletes inFlight

	// destroying is set when the Terraform run that started this process
	// is in destroy mode (runcache.Destroying): see skipsChecks.
	destroying bool
	// destroyingAll is set when that destroy deletes every resource of
	// the state (runcache.DestroyingAll: no -target, no -exclude): see
	// getVM and the extension's Read.
	destroyingAll bool
	// runName names the Terraform run that started this process
	// (runcache.ThisRun), "" when it cannot be told or in tests that
	// serve the provider for many runs: see refreshedThisRun.
	runName string
}

// skipsChecks reports whether a create or update planned in this process
// goes unchecked: in destroy mode Terraform first plans the configuration
// to refresh the state, and discards that plan (it creates and updates
// nothing), so a refusal there would only stop the destroy, for a VM or
// driver it was never going to make. Deletes are planned as ever, and a
// VM the configuration names that the device has and no state manages is
// still flagged (see checkNameManagedAtDestroy).
func (pd *providerData) skipsChecks(ctx context.Context) bool {
	if pd.destroying {
		tflog.Debug(ctx, "destroy mode: the configuration's creates and updates are not checked against the device")
	}
	return pd.destroying
}

func newProviderData(c *device.Client, s settings) *providerData {
	return &providerData{client: c, release: s.release, declared: s.declared, planSession: newPlanSession()}
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
	return remember(pd.planSession, inventoryKey, func() (placement.Inventory, error) { return pd.readGPUs(ctx, false) })
}

// errUnknownCapacity is why the GPU arithmetic cannot run.
var errUnknownCapacity = errors.New("the device's GPU count is unknown: set device_id (to read it from the device's Azure side) or gpu_count in the provider block")

// readInventory reads who holds the device's GPUs: the capacity API and
// roles when device_id is set, the declared hardware otherwise; the VMs
// always from the device.
func (pd *providerData) readInventory(ctx context.Context) (placement.Inventory, error) {
	return pd.readGPUs(ctx, true)
}

// readGPUs reads the inventory. Live, it reads the device as it is now,
// roles included (the inventory data source reports whether Kubernetes is
// configured; an apply's failure says who holds the GPUs now); else it
// takes the plan's snapshot (one VM list with the name checks, reads the
// run shares) and reads the roles only when the GPU arithmetic needs them:
// when the device uses more GPUs than its VMs hold, which only the
// Kubernetes role explains.
func (pd *providerData) readGPUs(ctx context.Context, live bool) (placement.Inventory, error) {
	if !pd.client.HasAzureSide() && (pd.declared == nil || pd.declared.GPUs == 0) {
		return placement.Inventory{}, errUnknownCapacity
	}
	var list []device.VirtualMachine
	var err error
	if live {
		list, err = pd.vmsWithPowerNow(ctx) // the device as it is now
	} else {
		list, err = pd.sharedVMsWithPower(ctx) // the plan's snapshot: the name checks' list, and the statuses
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
		inv := placement.FromDeclared(*pd.declared, vms)
		inv.Release = pd.release
		return inv, nil
	}
	capacity, err := snapshotOrNow(pd, !live, capacityKey, func() (device.CapacityInfo, error) { return pd.client.GetCapacity(ctx) })
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
	if live || gc.UsedUnits > held || unattributedMemory {
		roles, err := snapshotOrNow(pd, !live, rolesKey, func() ([]device.Role, error) { return pd.client.ListRoles(ctx) })
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
	inv.Release = pd.release
	return inv, err
}

// The Azure side's reads of the plan's snapshot.
var (
	capacityKey = runKeyOf[device.CapacityInfo]("capacity", "")
	rolesKey    = runKeyOf[[]device.Role]("roles", "")
)

// snapshotOrNow reads through the plan's session when snapshot is set (the
// plan's checks), else reads the device as it is now.
func snapshotOrNow[T any](pd *providerData, snapshot bool, key memoKey[T], read func() (T, error)) (T, error) {
	if snapshot {
		return remember(pd.planSession, key, read)
	}
	return read()
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
