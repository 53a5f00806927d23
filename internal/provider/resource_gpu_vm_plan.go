package provider

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/placement"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// ValidateConfig checks what needs neither the device nor its release:
// names, the size being a GPU size, credentials for the OS.
func (r *gpuVMResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m gpuVMModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if known(m.Name) {
		addProblem(&resp.Diagnostics, "Invalid VM name", catalog.CheckVMName(m.Name.ValueString()))
	}
	checkTimeouts(m.Timeouts, &resp.Diagnostics)
	checkVMInputs(m, &resp.Diagnostics)
	if known(m.Size) {
		if s, ok := catalog.LookupSize(m.Size.ValueString()); !ok || !s.IsGPU() {
			addProblem(&resp.Diagnostics, "Not a GPU VM size", catalog.CheckGPUSize(m.Size.ValueString(), catalog.Release{}, ""))
		}
	}
	if !known(m.OS) {
		return
	}
	os, ok := catalog.LookupOS(m.OS.ValueString())
	if !ok {
		return // the schema's OneOf says so
	}
	if !m.AllowUntestedOS.IsUnknown() { // null: the default, false
		if p := catalog.CheckGPUOSAllowing(os.Key, catalog.Oldest(), m.AllowUntestedOS.ValueBool()); p != nil && !p.Warning {
			addProblem(&resp.Diagnostics, "OS not supported for GPU VMs", p)
		}
	}
	if known(m.Size) {
		if s, ok := catalog.LookupSize(m.Size.ValueString()); ok {
			addProblem(&resp.Diagnostics, "Too many network interfaces", catalog.CheckNICs(s, os, vmNICCount))
		}
	}
	r.validateCredentials(m, os, &resp.Diagnostics)
	switch {
	case known(m.ComputerName):
		addProblem(&resp.Diagnostics, "Invalid computer name", catalog.CheckComputerName("computer_name", m.ComputerName.ValueString(), os.Type))
	case m.ComputerName.IsNull() && known(m.Name):
		addProblem(&resp.Diagnostics, "Invalid computer name", catalog.CheckComputerName("name", m.Name.ValueString(), os.Type))
	}
}

// vmNICCount is how many NICs a VM of this resource has: the one it owns.
const vmNICCount = 1

// validateCredentials: Windows takes exactly one password (plain or
// write-only) and no SSH key; Linux a password or an SSH key.
func (r *gpuVMResource) validateCredentials(m gpuVMModel, os catalog.OS, diags *diag.Diagnostics) {
	// admin_password_wo_version = 0 stands for an imported VM's password,
	// which the device cannot tell (ModifyPlan refuses it for a new VM).
	hasPw, hasWO, hasKey := !m.AdminPassword.IsNull(), !m.AdminPasswordWO.IsNull() || importedPasswordVersion(m), !m.SSHPublicKey.IsNull()
	if os.Type == catalog.Windows {
		if hasKey {
			diags.AddAttributeError(path.Root("ssh_public_key"), "SSH key on a Windows VM",
				fmt.Sprintf("ssh_public_key is set, but os = %q is Windows, which signs in with a password only. Drop ssh_public_key.", os.Key))
		}
		if !hasPw && !hasWO {
			diags.AddAttributeError(path.Root("admin_password"), "Missing administrator password",
				fmt.Sprintf("os = %q is Windows: set admin_password, or admin_password_wo with admin_password_wo_version. "+
					"(For an imported VM give the password it has: the device cannot tell it, and it is not sent.)", os.Key))
		}
	} else if !hasPw && !hasWO && !hasKey {
		diags.AddAttributeError(path.Root("ssh_public_key"), "Missing administrator credentials",
			fmt.Sprintf("os = %q is Linux: set ssh_public_key, admin_password, or admin_password_wo with admin_password_wo_version.", os.Key))
	}
	for _, pw := range []struct {
		attr string
		v    types.String
	}{{"admin_password", m.AdminPassword}, {"admin_password_wo", m.AdminPasswordWO}} {
		if known(pw.v) {
			// Not at the attribute: Terraform would quote its source line,
			// the password, under the diagnostic. The detail names it.
			// Warnings wait for the plan (warnWellKnownPasswords):
			// Terraform validates twice per plan and would show them twice.
			if p := catalog.CheckAdminPassword(pw.attr, pw.v.ValueString(), os.Type); p != nil && !p.Warning {
				diags.AddError("Password the device would refuse", p.Detail())
			}
		}
	}
}

// ModifyPlan fills in what the size implies, applies the release's rules,
// and checks the plan against the device: the image, the subnet, the
// address, the GPU type, and the GPUs this plan asks for.
func (r *gpuVMResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		// A VM this plan deletes gives its GPUs back to the others.
		var state gpuVMModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		r.releaseGPUs(ctx, state)
		return
	}
	if r.pd != nil && r.pd.skipsChecks(ctx) {
		if req.State.Raw.IsNull() {
			var plan gpuVMModel
			if d := req.Plan.Get(ctx, &plan); !d.HasError() {
				r.checkNameManagedAtDestroy(ctx, plan, &resp.Diagnostics)
			}
		}
		return
	}
	var plan gpuVMModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	var state *gpuVMModel
	if !req.State.Raw.IsNull() {
		state = &gpuVMModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if known(plan.Size) {
		if s, ok := catalog.LookupSize(plan.Size.ValueString()); ok {
			plan.GPUCount, plan.GPUType = types.Int64Value(int64(s.GPUs)), types.StringValue(string(s.GPUType))
		}
	} else {
		plan.GPUCount, plan.GPUType = types.Int64Unknown(), types.StringUnknown()
	}
	defer func() { resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...) }()
	warnWellKnownPasswords(ctx, req.Config, plan.OS, &resp.Diagnostics)

	pd := r.pd
	if pd == nil {
		return
	}
	if known(plan.Size) {
		if p := catalog.CheckGPUSize(plan.Size.ValueString(), pd.release, ""); p != nil {
			addProblem(&resp.Diagnostics, "VM size not offered for GPU VMs", p)
			return
		}
	}
	if known(plan.OS) {
		p := catalog.CheckGPUOSAllowing(plan.OS.ValueString(), pd.release, plan.AllowUntestedOS.ValueBool())
		summary := "OS not supported for GPU VMs"
		if p != nil && p.Warning {
			summary = "OS untested with the GPU driver"
		}
		addProblem(&resp.Diagnostics, summary, p)
	}
	if pd.unknownConfig || resp.Diagnostics.HasError() {
		return
	}
	warnAdoptedOS(plan, state, &resp.Diagnostics)
	if state != nil && renamed(*state, plan) {
		// Replaced under another name or group (the schema forces it):
		// Terraform deletes this VM first, which gives its GPUs back, and
		// plans the new one next, as a create, which the checks weigh.
		// (With create_before_destroy the device would refuse the new VM
		// while the old holds its GPUs; the provider cannot see that.)
		pd.inState.add(state.ID.ValueString())
		r.releaseGPUs(ctx, *state)
		return
	}
	if state != nil {
		pd.inState.add(state.ID.ValueString())
		provisioning := getPrivate(ctx, req.Private, privateProvisioningState)
		if provisioning == provisioningGone && len(resp.RequiresReplace) == 0 {
			plan.ID = types.StringUnknown()
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("id"))
			if pd.lostNames.has(state.ID.ValueString()) {
				resp.Diagnostics.AddWarning("VM deleted outside Terraform, and its name is another's",
					fmt.Sprintf("This state's VM %s was deleted outside Terraform, and the device's VM of that name is another's (it holds "+
						"other network interfaces than this resource's %s). This plan deletes what is left of this state's (its network "+
						"interface and disks) and then fails to create the VM, whose name is taken: choose another name, or remove this "+
						"resource from the configuration. Do not import the device's VM here if another configuration manages it: it would "+
						"have two owners.", state.ID.ValueString(), state.NetworkInterfaceID.ValueString()))
			} else {
				resp.Diagnostics.AddWarning("VM gone from the device: it will be replaced",
					fmt.Sprintf("VM %s is no longer on the device, but parts it owned (network interface %s, disks) are: an earlier delete was interrupted. "+
						"This plan deletes what is left and creates the VM again.", state.ID.ValueString(), state.NetworkInterfaceID.ValueString()))
			}
		}
		if provisioning == device.ProvisioningFailed && len(resp.RequiresReplace) == 0 {
			// Terraform replaces only for a path whose value changes.
			plan.ID = types.StringUnknown()
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("id"))
			resp.Diagnostics.AddWarning("VM failed on the device: it will be replaced",
				fmt.Sprintf("The device reports VM %s in provisioning state Failed, which it cannot recover from in place; this plan deletes and recreates it.",
					state.ID.ValueString()))
		}
	}
	creating := state == nil || len(resp.RequiresReplace) > 0
	if creating {
		checkNewVMPassword(ctx, req.Config, &resp.Diagnostics)
		if !pd.connected(ctx, &resp.Diagnostics) {
			return // a create reads the device: say why it cannot, as the provider's
		}
	}
	if state == nil && known(plan.ResourceGroupName) && known(plan.Name) {
		// The IDs are the device's by name: known now, so what refers
		// to them (extensions) can be checked in this plan. (A
		// replacement is planned twice, the second time as a create.)
		sub, ok := pd.subscription(ctx, &resp.Diagnostics, plan.ImageID, plan.SubnetID)
		if !ok {
			return
		}
		plan.ID = types.StringValue(device.VMID(sub, plan.ResourceGroupName.ValueString(), plan.Name.ValueString()))
		// The NIC's name carries the create's token: known after apply.
		plan.NetworkInterfaceID = types.StringUnknown()
		r.checkNameFree(ctx, plan, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	if known(plan.ID) {
		pd.planVM(plan.ID.ValueString(), plannedVM{Size: plan.Size.ValueString(), OSKey: plan.OS.ValueString(),
			PowerState: plan.PowerState.ValueString(), Creating: creating, AllowUntestedOS: plan.AllowUntestedOS.ValueBool()})
	}
	prior := state
	if creating {
		prior = nil // a replacement makes its disks anew: no shrinking or growing
	}
	r.planDataDisks(ctx, &plan, prior, &resp.Diagnostics)
	r.checkDevice(ctx, plan, state, creating, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		r.checkGPUs(ctx, plan, state, creating, &resp.Diagnostics)
	}
}

// renamed reports whether the plan gives the VM in state another name or
// resource group, which replaces it with another VM.
func renamed(state, plan gpuVMModel) bool {
	return known(plan.Name) && known(plan.ResourceGroupName) &&
		(!strings.EqualFold(state.Name.ValueString(), plan.Name.ValueString()) ||
			!strings.EqualFold(state.ResourceGroupName.ValueString(), plan.ResourceGroupName.ValueString()))
}

// checkDevice checks the plan against what the device has: its GPU type,
// the image and its OS type, the subnet, the static address.
func (r *gpuVMResource) checkDevice(ctx context.Context, plan gpuVMModel, state *gpuVMModel, creating bool, diags *diag.Diagnostics) {
	pd := r.pd
	resized := state != nil && !strings.EqualFold(state.Size.ValueString(), plan.Size.ValueString())
	if known(plan.Size) && (creating || resized) {
		gpuType, err := pd.gpuType(ctx)
		if err != nil {
			diags.AddError("Cannot read the device's GPUs", err.Error())
			return
		}
		if gpuType != "" {
			addProblem(diags, "VM size of another GPU type", catalog.CheckGPUSize(plan.Size.ValueString(), pd.release, gpuType))
		}
	}
	// An imported VM whose os the device could not tell: the os adopted
	// from the configuration must be the image's OS type.
	adoptingOS := state != nil && state.OS.IsNull()
	if (creating || adoptingOS) && known(plan.ImageID) && known(plan.OS) {
		r.checkImage(ctx, plan.ImageID.ValueString(), plan.OS.ValueString(), plan.Size.ValueString(), diags)
	}
	// The address is checked when it is new: a new VM's, or a changed one.
	ipChanged := known(plan.PrivateIPAddress) && (state == nil || state.PrivateIPAddress.ValueString() != plan.PrivateIPAddress.ValueString())
	var subnetPrefix string
	if known(plan.SubnetID) && (creating || ipChanged) {
		id := plan.SubnetID.ValueString()
		subnet, err := pd.getSubnet(ctx, id)
		switch {
		case errors.Is(err, device.ErrNotFound):
			diags.AddAttributeError(path.Root("subnet_id"), "Subnet not found",
				fmt.Sprintf("subnet_id = %q: the device has no such subnet. Its compute network is created when compute is enabled on a port "+
					"(ASERG/ASEVNET/ASEVNETsubNet on older releases; newer ones name it after the virtual switch) %s.", id, catalog.Cite("TPL")))
			return
		case err != nil:
			diags.AddAttributeError(path.Root("subnet_id"), "Cannot read the subnet", err.Error())
			return
		}
		subnetPrefix = subnet.Properties.AddressPrefix
	}
	if known(plan.PrivateIPAddress) && subnetPrefix != "" && (creating || ipChanged) {
		r.checkAddress(ctx, plan, subnetPrefix, diags)
	}
}

// checkImage: the image exists, its OS type is the os's, and a GPU VM's
// image is generation 1 [PROV-TS].
func (r *gpuVMResource) checkImage(ctx context.Context, imageID, osKey, size string, diags *diag.Diagnostics) {
	pd := r.pd
	img, err := remember(pd.planSession, imageKey(imageID), func() (device.Image, error) { return pd.client.GetImage(ctx, imageID) })
	if errors.Is(err, device.ErrNotFound) {
		hint := ""
		if id, perr := device.ParseResourceID(imageID); perr == nil {
			if imgs, lerr := pd.client.ListImages(ctx, id.ResourceGroup); lerr == nil {
				var names []string
				for _, i := range imgs {
					names = append(names, fmt.Sprintf("%s (%s)", i.Name, i.Properties.StorageProfile.OSDisk.OSType))
				}
				sort.Strings(names)
				hint = fmt.Sprintf(" Images in resource group %s: %s.", id.ResourceGroup, strings.Join(names, ", "))
				if len(names) == 0 {
					hint = fmt.Sprintf(" Resource group %s has no images.", id.ResourceGroup)
				}
			}
		}
		diags.AddAttributeError(path.Root("image_id"), "Image not found",
			fmt.Sprintf("image_id = %q: the device has no such image; a VM needs an image made from a generation 1 VHD in a local storage account %s.%s", imageID, catalog.Cite("TPL"), hint))
		return
	}
	if err != nil {
		diags.AddAttributeError(path.Root("image_id"), "Cannot read the image", err.Error())
		return
	}
	os, _ := catalog.LookupOS(osKey)
	if got := img.Properties.StorageProfile.OSDisk.OSType; !strings.EqualFold(got, string(os.Type)) {
		diags.AddAttributeError(path.Root("os"), "Image of another OS type",
			fmt.Sprintf("os = %q is %s, but image %s has osType %s: the VM would be set up for the wrong OS. Use a %s image, or the os of this image.",
				osKey, os.Type, img.Name, got, os.Type))
	}
	if s, ok := catalog.LookupSize(size); ok && s.IsGPU() && strings.EqualFold(img.Properties.HyperVGeneration, "V2") {
		diags.AddAttributeError(path.Root("image_id"), "Generation 2 image for a GPU VM",
			fmt.Sprintf("image_id = %q is a generation 2 image; GPU VMs on the device take generation 1 images only %s. "+
				"Make the image from a fixed-size generation 1 VHD.", imageID, catalog.Cite("SIZES", "PROV-TS")))
	}
}

// checkAddress: a static address is in the subnet and no other NIC holds
// it; the device would otherwise let the VM's provisioning time out [PROV-TS].
func (r *gpuVMResource) checkAddress(ctx context.Context, plan gpuVMModel, subnetPrefix string, diags *diag.Diagnostics) {
	pd := r.pd
	ip := plan.PrivateIPAddress.ValueString()
	addr, _ := netip.ParseAddr(ip)
	if prefix, err := netip.ParsePrefix(subnetPrefix); err == nil && !prefix.Contains(addr) {
		diags.AddAttributeError(path.Root("private_ip_address"), "Address outside the subnet",
			fmt.Sprintf("private_ip_address = %q is not in subnet %s (%s). Use an address of %s, or leave it unset for DHCP.",
				ip, plan.SubnetID.ValueString(), subnetPrefix, subnetPrefix))
		return
	}
	if p := catalog.CheckReservedAddress(ip, subnetPrefix); p != nil {
		addProblem(diags, "Address the subnet reserves", p)
		return
	}
	if other := pd.planAddress(plan.SubnetID.ValueString(), ip, plan.ID.ValueString()); other != "" {
		diags.AddAttributeError(path.Root("private_ip_address"), "Address given twice in this plan",
			fmt.Sprintf("private_ip_address = %q is also the address this plan gives VM %s, on the same subnet: the device would give it to one "+
				"and let the other's provisioning time out. Give each VM its own address, or leave it unset for DHCP.", ip, other))
		return
	}
	nics, err := pd.listNICs(ctx, plan.SubnetID.ValueString())
	if err != nil {
		diags.AddError("Cannot read the device's network interfaces", err.Error())
		return
	}
	own := plan.NetworkInterfaceID.ValueString() // unknown (so "") for a new VM
	for _, n := range nics {
		if n.PrivateIP() == ip && device.SameID(n.SubnetID(), plan.SubnetID.ValueString()) && !device.SameID(n.ID, own) && !ownNIC(n, plan) {
			holder := n.ID
			if n.Properties.VirtualMachine != nil {
				holder += " of VM " + n.Properties.VirtualMachine.ID
			}
			diags.AddAttributeError(path.Root("private_ip_address"), "Address in use",
				fmt.Sprintf("private_ip_address = %q is held by network interface %s. A static address already in use makes the device's "+
					"VM provisioning time out %s. Use a free address, or leave it unset for DHCP.%s", ip, holder, catalog.Cite("TPL", "PROV-TS"),
					destroyHintForNewNames))
			return
		}
	}
}

// checkGPUs adds this VM's GPU and memory request to the plan's ledger and
// refuses the plan when the device's free GPUs or memory cannot cover
// every VM of it.
func (r *gpuVMResource) checkGPUs(ctx context.Context, plan gpuVMModel, state *gpuVMModel, creating bool, diags *diag.Diagnostics) {
	pd := r.pd
	size, ok := catalog.LookupSize(plan.Size.ValueString())
	if !known(plan.Size) || !ok {
		return
	}
	change := placement.Change{InState: state != nil, Replaced: creating, SizeAfter: plan.Size.ValueString(),
		PowerAfter: plan.PowerState.ValueString(), StoppedVMsLoseGPUs: catalog.StoppedGPUVMsLoseGPUs(pd.release)}
	if state != nil {
		change.SizeBefore, change.PowerBefore = state.Size.ValueString(), state.PowerState.ValueString()
	}
	why, asks := placement.ReasonOf(change)
	if !asks {
		// Asks nothing new of the GPUs, and gives none back: known now,
		// which a shortage elsewhere in the plan may be waiting for.
		if known(plan.ID) {
			pd.ledger.Planned(plan.ID.ValueString())
		}
		return
	}
	inv, err := pd.snapshotInventory(ctx)
	if errors.Is(err, errUnknownCapacity) {
		return // warned at Configure
	}
	if err != nil {
		diags.AddError("Cannot read the device's GPU inventory", err.Error())
		return
	}
	rg, name := plan.ResourceGroupName.ValueString(), plan.Name.ValueString()
	vmID := pd.unnamedKey()
	if !known(plan.ResourceGroupName) || !known(plan.Name) {
		name = "(name known after apply)"
	} else if sub, ok := pd.subscription(ctx, diags, plan.ID, plan.ImageID, plan.SubnetID); ok {
		vmID = device.VMID(sub, rg, name)
	} else {
		return
	}
	asked := placement.Request{VMID: vmID, Name: rg + "/" + name, Size: size.Name, GPUs: size.GPUs, Why: why,
		MemoryMiB: change.MemoryMiB(size.MemoryMiB())}
	short := pd.ledger.Add(inv, asked)
	pd.ledger.Planned(vmID)
	if short != nil {
		// The plan's other resources, deletions among them, are planned
		// alongside in no set order: wait until nothing not yet planned
		// could make room.
		waitForLedger(ctx, &pd.ledger, inv, vmID)
		switch short = pd.ledger.Check(inv, vmID); {
		case short == nil:
		case why.Creates() && inv.Exists(vmID):
			// Replacing a VM the device has, Failed or tainted: a warning,
			// since Terraform plans the configuration before destroying
			// too, and an error would keep the VM from being destroyed.
			diags.AddAttributeWarning(path.Root("size"), short.Summary()+": the replacement will fail",
				short.Detail()+" VM "+vmID+" is on the device already; replacing it fails the same way until GPUs are free.")
		case why == placement.ReasonStart && catalog.StoppedGPUVMsLoseGPUs(pd.release) && short.Inventory.KubernetesGPUs > 0:
			diags.AddAttributeError(path.Root("power_state"), "Kubernetes took this stopped VM's GPU", startTakenDetail(pd.release, rg+"/"+name, short))
		default:
			diags.AddAttributeError(path.Root("size"), short.Summary(), short.Detail())
		}
	}
}

// releaseGPUs tells the plan's ledger that a VM goes away, giving its GPUs
// to the plan's other VMs. Both the destroy plan and the delete call it:
// during apply, Terraform plans again only what it creates or updates.
func (r *gpuVMResource) releaseGPUs(ctx context.Context, state gpuVMModel) {
	pd := r.pd
	if pd == nil || pd.unknownConfig || !known(state.ID) {
		return
	}
	// A deletion asks nothing of the free GPUs: recorded without an
	// inventory, so a destroy reads none.
	name := state.ResourceGroupName.ValueString() + "/" + state.Name.ValueString()
	pd.ledger.Record(placement.Request{VMID: state.ID.ValueString(), Name: name, Size: state.Size.ValueString(), Why: placement.ReasonDelete})
	pd.planVMDeletion(state.ID.ValueString())
	// Its name is this state's own, for a create that takes it over once
	// it is deleted (see stateIDs.awaitAdded and inFlight).
	pd.inState.add(state.ID.ValueString())
	tflog.Debug(ctx, "the plan deletes a VM: its GPUs count as free for the plan's other VMs", map[string]any{"id": state.ID.ValueString()})
}
