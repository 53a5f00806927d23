package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// One owner per name: a plan refuses to create a VM or a driver extension
// under a name the device already has and no state this plan reads
// manages (see providerData.inState), and says how to adopt it (import)
// or, when this state lost the name to another run, how to record that.

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

// nameOwnerWait is how long a plan that finds a name it would create on
// the device waits for this state's resource that holds it to be read
// (see stateIDs.awaitAdded) before it refuses the name.
const nameOwnerWait = 3 * time.Second

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
	if err == nil && r.pd.inState.awaitAdded(ctx, plan.ID.ValueString(), nameOwnerWait) {
		return // this state's own, refreshed after this plan asked
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

// checkNameManagedAtDestroy is the one check a destroy makes of a VM the
// configuration names and the state does not hold (see skipsChecks): the
// device has a VM of that name that no state this run reads manages. A run
// killed before it saved its state may have left it, or another
// configuration owns it; either way this destroy would leave it on the
// device unseen, so it says so, and how to go on. A name this state lost
// to another run (lostNames) is known to be the other's, and passes.
func (r *gpuVMResource) checkNameManagedAtDestroy(ctx context.Context, plan gpuVMModel, diags *diag.Diagnostics) {
	pd := r.pd
	if pd.unknownConfig || !known(plan.ResourceGroupName) || !known(plan.Name) {
		return
	}
	sub, ok := pd.subscription(ctx, diags, plan.ImageID, plan.SubnetID)
	if !ok {
		return
	}
	id := device.VMID(sub, plan.ResourceGroupName.ValueString(), plan.Name.ValueString())
	if pd.inState.has(id) || pd.lostNames.has(id) {
		return
	}
	if taken, err := pd.vmNameTaken(ctx, id); err == nil && !taken {
		return
	}
	if pd.inState.awaitAdded(ctx, id, nameOwnerWait) || pd.lostNames.has(id) {
		return // this state's own (or lost), refreshed after this plan asked
	}
	vm, err := pd.client.GetVM(ctx, id)
	switch {
	case err == nil:
		parsed, _ := device.ParseResourceID(vm.ID)
		diags.AddAttributeError(path.Root("name"), "VM of this configuration that no state manages",
			fmt.Sprintf("The device has VM %s (size %s, provisioning state %s), which this configuration names and no Terraform state this "+
				"destroy reads manages: a run killed before it saved its state may have left it, or another configuration owns it. This "+
				"destroy deletes only what the state records, and would leave it on the device unseen. If it is this configuration's, "+
				"import it first (terraform destroy does not import: run terraform import <address> %s, or add the import block below and run "+
				"terraform apply), and the destroy deletes it too. The import block %s\n\n"+
				"If it is another configuration's, run terraform destroy -refresh=false, which skips this check and leaves it alone.",
				vm.ID, vm.Properties.HardwareProfile.VMSize, vm.Properties.ProvisioningState, vm.ID,
				strings.TrimPrefix(importBlocks("azurestackedge_gpu_vm", vm.ID, fmt.Sprintf("    resource_group_name = %q\n    name                = %q\n", parsed.ResourceGroup, parsed.Name())),
					"To manage it with this configuration, import it ")))
	case !errors.Is(err, device.ErrNotFound):
		diags.AddError("Cannot read the device", err.Error())
	}
}
