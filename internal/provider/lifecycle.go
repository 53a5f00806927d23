package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/ownership"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Crash consistency of azurestackedge_gpu_vm: what a create, update or
// delete left when it was interrupted (Ctrl-C, a timeout, a lost answer)
// is found and either recorded or removed, never left in no state.

// ownedDisks lists the managed disks a VM owns, as the device has it: the
// OS disk and the data disks it was made with.
func ownedDisks(vm device.VirtualMachine) []string {
	var ids []string
	if id := vm.OSDiskID(); id != "" {
		ids = append(ids, id)
	}
	// The data disks the VM was made with (Empty); disks attached as they
	// were (Attach) belong to whoever made them.
	for _, d := range vm.DataDisks() {
		if strings.EqualFold(d.CreateOption, dataDiskCreateEmpty) && d.ManagedDisk != nil && d.ManagedDisk.ID != "" {
			ids = append(ids, d.ManagedDisk.ID)
		}
	}
	return ids
}

func recordOwnedDisks(ctx context.Context, p privateSetter, disks []string, diags *diag.Diagnostics) {
	if disks == nil {
		disks = []string{}
	}
	b, _ := json.Marshal(disks)
	diags.Append(p.SetKey(ctx, privateOwnedDisks, b)...)
}

func recordedDisks(ctx context.Context, p privateGetter) []string {
	ids, _ := recordedDisksKnown(ctx, p)
	return ids
}

// recordedDisksKnown is the recorded disks, and whether they are known
// whole: a read of the VM recorded its OS disk. Every VM has one, so an
// empty record (state written before the VM was read, or a VM read while
// the device had not yet made its disk) says nothing.
func recordedDisksKnown(ctx context.Context, p privateGetter) ([]string, bool) {
	b, _ := p.GetKey(ctx, privateOwnedDisks)
	var ids []string
	_ = json.Unmarshal(b, &ids)
	return ids, len(ids) > 0
}

// without is ids less those in drop, ignoring case.
func without(ids, drop []string) []string {
	out := []string{}
	for _, id := range ids {
		if !slices.ContainsFunc(drop, func(d string) bool { return strings.EqualFold(d, id) }) {
			out = append(out, id)
		}
	}
	return out
}

// union of ID lists, ignoring case, in order.
func union(lists ...[]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lists {
		for _, id := range l {
			if k := strings.ToLower(id); id != "" && !seen[k] {
				seen[k] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// dropNIC deletes a NIC this run made for a VM it does not own, on a
// clean-up context.
// It reports whether the NIC is gone.
func (r *gpuVMResource) dropNIC(ctx context.Context, id string, diags *diag.Diagnostics) bool {
	cctx, cancel := cleanupContext(ctx)
	defer cancel()
	err := r.pd.deleteNIC(cctx, id)
	if err != nil && !errors.Is(err, device.ErrNotFound) {
		diags.AddWarning("Network interface left on the device",
			fmt.Sprintf("The VM was not created, and deleting its network interface %s failed too: %v. The next apply or destroy of a VM of this name deletes it.", id, err))
		return false
	}
	return true
}

// findVM asks the device, on a clean-up context, whether a create whose
// answer did not come made the VM, and whose it is.
func (r *gpuVMResource) findVM(ctx context.Context, vmID, ourNIC string) (device.VirtualMachine, ownership.Outcome, error) {
	cctx, cancel := cleanupContext(ctx)
	defer cancel()
	vm, err := r.pd.client.GetVM(cctx, vmID)
	switch {
	case errors.Is(err, device.ErrNotFound):
		return vm, ownership.Absent, nil
	case err != nil:
		return vm, ownership.Absent, err
	}
	return vm, ownership.OfVM(true, vm.NICIDs(), ourNIC), nil
}

// sweepCreationNICs deletes the NICs that earlier creates of VM vmName
// made and left unattached (a run killed before it could record or
// delete them), except keep. It returns how many it deleted, and whether
// none is left on the device (every NIC of the device looked at, and
// every delete done). It runs once this run owns the name, when it
// deletes it (unless this run's refresh recorded what is left, see
// leftover_nics.go and refreshedThisRun), and when such a NIC holds the static address a
// create asks for: another run's create of the name then fails at its VM
// PUT and owns nothing anyway. Given the VM's subnet, it looks there when
// it can (see findLeftoverNICs); otherwise, or given "", it lists the
// NICs, once per provider instance (see nicsForSweep).
func (r *gpuVMResource) sweepCreationNICs(ctx context.Context, rg, vmName, keep, subnetID string) (deleted int, clean bool) {
	cctx, cancel := cleanupContext(ctx)
	defer cancel()
	left, whole, err := r.pd.findLeftoverNICs(cctx, rg, vmName, keep, subnetID)
	if err != nil {
		tflog.Warn(ctx, "cannot look for network interfaces to sweep", map[string]any{"error": err.Error()})
	}
	deleted = r.deleteLeftoverNICs(cctx, left)
	return deleted, err == nil && whole && deleted == len(left)
}

// deleteLeftoverNICs deletes NICs interrupted creates left, and returns
// how many it deleted; a failure is logged, the next sweep tries again.
func (r *gpuVMResource) deleteLeftoverNICs(ctx context.Context, ids []string) int {
	deleted := 0
	for _, id := range ids {
		tflog.Info(ctx, "deleting a network interface an interrupted create left", map[string]any{"id": id})
		if err := r.pd.deleteNIC(ctx, id); err != nil {
			tflog.Warn(ctx, "cannot delete a left network interface", map[string]any{"id": id, "error": err.Error()})
			continue
		}
		deleted++
	}
	return deleted
}

// partsLeft reports whether any part a VM owned is still on the device
// when the VM is gone: its NIC or its disks. Such a resource stays in
// state, so that the next apply or destroy deletes them.
func (r *gpuVMResource) partsLeft(ctx context.Context, nicID string, disks []string) bool {
	c := r.pd.client
	if nicID != "" {
		if _, err := c.GetNIC(ctx, nicID); !errors.Is(err, device.ErrNotFound) {
			return true
		}
	}
	for _, d := range disks {
		if _, err := c.GetDisk(ctx, d); !errors.Is(err, device.ErrNotFound) {
			return true
		}
	}
	return false
}

// provisioningGone is the private provisioning state of a VM the device
// no longer has while parts it owned remain: the next plan replaces it.
const provisioningGone = "Gone"

// madeWith reports whether vm is the VM this resource made (or imported):
// it holds the resource's NIC, whose name carries the creation's token
// (package ownership). A VM of the same name holding other NICs is
// another's, made after this resource's was deleted outside Terraform.
// An unknown NIC (not recorded) cannot tell: the VM counts as this one.
func madeWith(vm device.VirtualMachine, nicID string) bool {
	if nicID == "" {
		return true
	}
	for _, n := range vm.NICIDs() {
		if device.SameID(n, nicID) {
			return true
		}
	}
	return false
}

// settleUnknowns nulls what is unknown until the device answers, so a
// model can be recorded in state before it does.
func settleUnknowns(m *gpuVMModel) {
	for _, v := range []*types.String{&m.PrivateIPAddress, &m.ComputerName, &m.GPUType, &m.PowerState} {
		if v.IsUnknown() {
			*v = types.StringNull()
		}
	}
	if m.GPUCount.IsUnknown() {
		m.GPUCount = types.Int64Null()
	}
}

// ownNIC reports whether a NIC is this VM's own: attached to it (a VM this
// plan replaces), or left unattached by an interrupted create of its name,
// which the create deletes before it makes its own.
func ownNIC(n device.NetworkInterface, plan gpuVMModel) bool {
	if n.Properties.VirtualMachine != nil {
		return known(plan.ID) && device.SameID(n.Properties.VirtualMachine.ID, plan.ID.ValueString())
	}
	id, err := device.ParseResourceID(n.ID)
	return err == nil && strings.EqualFold(id.ResourceGroup, plan.ResourceGroupName.ValueString()) &&
		ownership.IsCreationNIC(plan.Name.ValueString(), n.Name)
}
