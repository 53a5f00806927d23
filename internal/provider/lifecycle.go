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
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Crash consistency of azurestackedge_gpu_vm: what a create, update or
// delete left when it was interrupted (Ctrl-C, a timeout, a lost answer)
// is found and either recorded or removed, never left in no state.

// privateOwnedDisks is the private state key of the managed disks a VM
// owns (its OS disk, and its data disks), so that a delete finds them when
// the VM itself is already gone.
const privateOwnedDisks = "owned_disks"

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

// destroyHintForNewNames: terraform destroy plans the configuration once
// more before it destroys, and where the provider cannot tell the run is
// a destroy (see providerData.skipsChecks), this refusal stops that plan.
const destroyHintForNewNames = "\n\nIf this stops terraform destroy (where the provider cannot tell a destroy from Terraform's command line: " +
	"not on Linux, or options it does not know): destroy first plans the configuration again, and that plan is what is refused. " +
	"Run terraform destroy -refresh=false, which deletes only what the state records (nothing of this name), or import it first."

// lostNameHint replaces destroyHintForNewNames for a name this state
// recorded and lost: its resource was deleted outside Terraform and the
// device's resource of the name is another's (see madeWith and the
// extension's creation token). The state still names it until a refresh
// is saved; a delete reads it first when no refresh of its run did (see
// refreshedThisRun), so even destroy -refresh=false leaves the other's.
const lostNameHint = "\n\nThis state recorded a resource of this name, which was deleted outside Terraform: the device's is another's " +
	"(made by another run or person since). Run terraform apply -refresh-only to record that this state's is gone " +
	"(terraform destroy then has nothing of it to delete), then import the device's or choose another name. " +
	"Do not import it here if another configuration manages it: it would have two owners. " +
	"terraform destroy, with or without -refresh=false, deletes nothing of the other's."

// destroyHint is the advice for a name the device has that the plan would
// create: lost is whether this state's refresh just found it another's.
func destroyHint(lost bool) string {
	if lost {
		return lostNameHint
	}
	return destroyHintForNewNames
}

// alreadyOnDevice explains a create refused because the device has a VM
// of the name, with the import blocks that adopt it.
func alreadyOnDevice(vm device.VirtualMachine, lost bool) string {
	id, _ := device.ParseResourceID(vm.ID)
	return fmt.Sprintf("The device already has VM %s (size %s, provisioning state %s), which no Terraform state this plan reads manages: "+
		"creating it again would take over a VM another configuration or person owns, or one an interrupted run left. %s",
		vm.ID, vm.Properties.HardwareProfile.VMSize, vm.Properties.ProvisioningState,
		importBlocks("azurestackedge_gpu_vm", vm.ID, fmt.Sprintf("    resource_group_name = %q\n    name                = %q\n", id.ResourceGroup, id.Name()))+destroyHint(lost))
}

// checkNameFree refuses, at plan, a new VM whose resource group the device
// does not have, or whose name it already has.
func (r *gpuVMResource) checkNameFree(ctx context.Context, plan gpuVMModel, diags *diag.Diagnostics) {
	c := r.pd.client
	rg := plan.ResourceGroupName.ValueString()
	var err error
	if !r.pd.groupShownToExist(ctx, rg, plan) {
		_, err = remember(r.pd.planSession, groupKey(rg), func() (device.ResourceGroup, error) { return c.GetResourceGroup(ctx, rg) })
	}
	switch {
	case errors.Is(err, device.ErrNotFound):
		diags.AddAttributeError(path.Root("resource_group_name"), "Resource group not found",
			fmt.Sprintf("resource_group_name = %q: the device at %s has no such resource group, and the VM and its network interface are made in it. "+
				"Create it first (the Azure-Samples/azure-stack-edge-deploy-vms templates make one per deployment, with New-AzResourceGroup against the device's local ARM), "+
				"or use one it has.", rg, c.Endpoint()))
		return
	case err != nil:
		diags.AddAttributeError(path.Root("resource_group_name"), "Cannot read the resource group", err.Error())
		return
	}
	if r.pd.inState.has(plan.ID.ValueString()) {
		return // a replacement of this state's own VM
	}
	// One list of the device's VMs (shared with the GPU inventory) serves
	// every name this plan checks; a name it holds is read for the advice.
	taken, err := r.pd.vmNameTaken(ctx, plan.ID.ValueString())
	if err == nil && !taken {
		return
	}
	vm, err := c.GetVM(ctx, plan.ID.ValueString())
	switch {
	case err == nil:
		diags.AddAttributeError(path.Root("name"), "VM already exists", alreadyOnDevice(vm, r.pd.lostNames.has(plan.ID.ValueString())))
	case !errors.Is(err, device.ErrNotFound):
		diags.AddError("Cannot read the device", err.Error())
	}
}

// extensionOnDevice explains an extension create refused because the
// device has one of the name, with the import blocks that adopt it.
func extensionOnDevice(ext device.Extension, lost bool) string {
	id, _ := device.ParseResourceID(ext.ID)
	vmName := ""
	if len(id.Names) > 1 {
		vmName = id.Names[0]
	}
	return fmt.Sprintf("The device already has extension %s (%s.%s, provisioning state %s), which no Terraform state this plan reads manages. %s",
		ext.ID, ext.Properties.Publisher, ext.Properties.Type, ext.Properties.ProvisioningState,
		importBlocks("azurestackedge_gpu_extension", ext.ID, fmt.Sprintf("    resource_group_name  = %q\n    virtual_machine_name = %q\n    name                 = %q\n",
			id.ResourceGroup, vmName, id.Name()))+destroyHint(lost))
}

// checkNameFree refuses, at plan, an extension the device already has.
func (r *gpuExtensionResource) checkNameFree(ctx context.Context, id string, diags *diag.Diagnostics) {
	if r.pd.inState.has(id) {
		return // a replacement of this state's own extension
	}
	ext, err := r.pd.client.GetExtension(ctx, id)
	switch {
	case err == nil:
		diags.AddAttributeError(path.Root("name"), "GPU driver extension already exists", extensionOnDevice(ext, r.pd.lostNames.has(id)))
	case !errors.Is(err, device.ErrNotFound):
		diags.AddError("Cannot read the device", err.Error())
	}
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
