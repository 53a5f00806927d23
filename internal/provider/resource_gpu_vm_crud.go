package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/ownership"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/placement"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

func (r *gpuVMResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config gpuVMModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || !r.pd.ready(&resp.Diagnostics) {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Create, vmCreateTimeout, &resp.Diagnostics)
	defer cancel()
	// Custom data is a secret: mask it (and what it decodes to) wherever
	// this create would log it.
	ctx = maskSecrets(ctx, customDataSecrets(plan.CustomData.ValueString()))
	c := r.pd.client
	sub, ok := r.pd.subscription(ctx, &resp.Diagnostics, plan.ID, plan.ImageID, plan.SubnetID)
	if !ok {
		return
	}
	rg, name := plan.ResourceGroupName.ValueString(), plan.Name.ValueString()
	// The NIC's name carries this create's token: the VM read back names
	// the NIC of the run that owns it (see package ownership).
	vmID := device.VMID(sub, rg, name)
	nicID := device.NICID(sub, rg, ownership.NICName(name, ownership.NewToken()))

	// The run's VM deletes end first: the GPUs, memory and names they
	// free are then free on the device too (see inFlight).
	if waited, err := r.pd.vmDeletes.awaitIdle(ctx); err != nil {
		resp.Diagnostics.AddError("VM create interrupted", "The create stopped while it waited for this run's VM deletes to end; nothing was made: "+err.Error())
		return
	} else if waited {
		tflog.Info(ctx, "waited for this run's VM deletes to end before creating the VM", map[string]any{"id": vmID})
		// The plan counted on what they free; a delete that failed, or
		// that spared a VM another run made of the name, freed nothing.
		if short := r.stillFits(ctx, plan, vmID); short != nil {
			resp.Diagnostics.AddAttributeError(path.Root("size"), short.Summary(),
				"This run's VM deletes, whose GPUs or memory the plan counted for this VM, ended without freeing them (a delete failed, or "+
					"spared a VM that was not this configuration's): "+short.Detail()+" Nothing was made; apply again once they are free.")
			return
		}
	}
	// A VM of this name that Terraform does not manage is not adopted.
	if existing, err := c.GetVM(ctx, vmID); err == nil {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "VM already exists", alreadyOnDevice(existing, r.pd.lostNames.has(vmID)))
		return
	} else if !errors.Is(err, device.ErrNotFound) {
		resp.Diagnostics.AddError("Cannot read the device", err.Error())
		return
	}

	// Recorded before anything is made: a run interrupted from here on
	// (its requests may still land) leaves state naming what it may have
	// made, and the next apply or destroy finds and deletes it (Read keeps
	// the resource while any part of it is on the device). A failure
	// known to have left nothing removes the record again.
	pending := plan
	pending.ID, pending.NetworkInterfaceID = types.StringValue(vmID), types.StringValue(nicID)
	settleUnknowns(&pending)
	resp.Diagnostics.Append(resp.State.Set(ctx, pending)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, identityOf(sub, rg, name))...)
	forget := func(cause error) {
		if answered(ctx, cause) {
			resp.State.RemoveResource(ctx)
			return
		}
		setPrivate(ctx, resp.Private, privateProvisioningState, provisioningGone, &resp.Diagnostics)
		resp.Diagnostics.AddWarning("Create interrupted: recorded in state",
			fmt.Sprintf("The create of VM %s was interrupted before the device answered (%v). What it may have made (network interface %s) "+
				"is recorded in Terraform state as tainted: the next apply or destroy deletes whatever of it the device has.", vmID, cause, nicID))
	}

	nic, err := r.putNIC(ctx, nicID, plan)
	if err != nil && answered(ctx, err) && known(plan.PrivateIPAddress) && r.sweptAny(ctx, rg, name, nicID, plan.SubnetID.ValueString()) {
		// A NIC an interrupted create of this name left held the
		// static address: it is gone now.
		nic, err = r.putNIC(ctx, nicID, plan)
	}
	if err != nil {
		if ctx.Err() != nil {
			resp.Diagnostics.AddError("VM create interrupted", "The create stopped while the VM's network interface was being made: "+r.explain(ctx, "create", err, false))
		} else {
			resp.Diagnostics.AddAttributeError(path.Root("subnet_id"), "Cannot create the VM's network interface", err.Error())
		}
		if r.dropNIC(ctx, nicID, &resp.Diagnostics) && ctx.Err() == nil {
			// Not interrupted, so no request of this create is in flight
			// (each was answered or given up on); the VM's was never sent
			// and the NIC is deleted: nothing of it exists to record.
			resp.State.RemoveResource(ctx)
			return
		}
		forget(err)
		return
	}
	op, putErr := c.BeginPutVM(ctx, vmID, r.vmSpec(ctx, plan, config, nicID, &resp.Diagnostics))
	outcome, found := ownership.Ours, device.VirtualMachine{}
	if putErr != nil {
		// No answer, or a refusal: ask the device what exists before
		// saying anything (a lost answer may hide a VM it made).
		var ferr error
		if found, outcome, ferr = r.findVM(ctx, vmID, nicID); ferr != nil {
			resp.Diagnostics.AddError("The device did not answer the VM's creation",
				fmt.Sprintf("%v\n\nReading it back failed too: %v. The VM and network interface %s stay recorded in state as tainted: the next apply or destroy deletes what the device has of them.", putErr, ferr, nicID))
			setPrivate(ctx, resp.Private, privateProvisioningState, device.ProvisioningFailed, &resp.Diagnostics)
			return
		}
	} else if nics := op.Initial.NICIDs(); len(nics) > 0 {
		found, outcome = op.Initial, ownership.OfVM(true, nics, nicID)
	}
	switch outcome {
	case ownership.Absent:
		// The device refused the VM: nothing of it exists, so the NIC
		// made for it goes too.
		summary := "The device refused the VM"
		if !answered(ctx, putErr) {
			summary = "The VM was not created" // no answer came, and the device has none
		}
		resp.Diagnostics.AddError(summary, r.explain(ctx, "create", putErr, false))
		if r.dropNIC(ctx, nicID, &resp.Diagnostics) && ctx.Err() == nil {
			// Not interrupted: every attempt of the VM's PUT is over, the
			// device has no VM and the NIC is deleted. Nothing to record.
			resp.State.RemoveResource(ctx)
			return
		}
		forget(putErr)
		return
	case ownership.Theirs:
		// Never recorded: a destroy of this state would delete the other
		// run's VM.
		resp.State.RemoveResource(ctx)
		resp.Diagnostics.AddAttributeError(path.Root("name"), "VM created by another run",
			fmt.Sprintf("Another Terraform run created VM %s at the same time as this one (it holds network interface %s; this run's was %s). "+
				"The device keeps one VM per name and it is the other run's: this run recorded nothing and deleted what it made. "+
				"Choose another name, or import the VM where it should be managed.", vmID, strings.Join(found.NICIDs(), ", "), nicID))
		r.dropNIC(ctx, nicID, &resp.Diagnostics)
		return
	}

	// The device accepted the VM: record it now, so a failure or timeout
	// from here on leaves it in state (tainted), never orphaned.
	plan.ID, plan.NetworkInterfaceID = types.StringValue(vmID), types.StringValue(nicID)
	plan.PrivateIPAddress = types.StringValue(nic.PrivateIP())
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, identityOf(sub, rg, name))...)
	recordNIC(ctx, config, resp.Private, &resp.Diagnostics)
	forgetImport(ctx, resp.Private, &resp.Diagnostics)
	r.pd.createdVMs.add(vmID)
	tflog.Info(ctx, "device accepted the VM; waiting for it", map[string]any{"id": vmID})
	// Swept in the VM's subnet, "clean" vouches for that subnet only: no
	// record then (see recordLeftoverNICs).
	_, clean := r.sweepCreationNICs(ctx, rg, name, nicID, plan.SubnetID.ValueString())
	recordLeftoverNICs(ctx, resp.Private, nil, clean, &resp.Diagnostics)

	if putErr != nil {
		// The answer was lost but the VM is ours: record what exists, and
		// wait for a VM still being made to end, as the lost operation
		// would have been waited for.
		recordOwnedDisks(ctx, resp.Private, ownedDisks(found), &resp.Diagnostics)
		waitErr := error(nil)
		if !device.ProvisioningEnded(found.Properties.ProvisioningState) {
			var ended device.VirtualMachine
			if ended, waitErr = c.AwaitVMProvisioned(ctx, vmID); waitErr == nil {
				found = ended
			}
		}
		if state := found.Properties.ProvisioningState; waitErr != nil || !strings.EqualFold(state, device.ProvisioningSucceeded) {
			setPrivate(ctx, resp.Private, privateProvisioningState, device.ProvisioningFailed, &resp.Diagnostics)
			why := fmt.Sprintf("provisioning state %s", state)
			if waitErr != nil {
				why = fmt.Sprintf("provisioning state %s; waiting for it to end: %v", state, waitErr)
			}
			resp.Diagnostics.AddError("The device's answer to the VM's creation was lost",
				fmt.Sprintf("%v\n\nThe device made VM %s (%s), so it is recorded in Terraform state as tainted: the next apply deletes it and creates it again.",
					putErr, vmID, why))
			return
		}
	} else if made, err := op.Wait(ctx); err != nil {
		setPrivate(ctx, resp.Private, privateProvisioningState, device.ProvisioningFailed, &resp.Diagnostics)
		resp.Diagnostics.AddError("The VM failed to provision", r.explain(ctx, "create", err, true))
		return
	} else {
		found = made
	}
	deallocated := true
	if plan.PowerState.ValueString() == powerDeallocated {
		if err := wait(c.BeginDeallocateVM(ctx, vmID)); err != nil {
			resp.Diagnostics.AddError("Cannot deallocate the new VM", err.Error())
			deallocated = false
		}
	}
	if putErr == nil && deallocated && ctx.Err() == nil && device.SameID(found.ID, vmID) &&
		strings.EqualFold(found.Properties.ProvisioningState, device.ProvisioningSucceeded) {
		// The poller's last GET is the VM as the device made it, and the
		// NIC's operation answered the NIC: no need to read them again.
		// That GET has no instance view, so the power state is the one
		// just brought about: a VM the device provisioned runs, unless it
		// was deallocated above. The next refresh reads the instance view.
		r.fill(ctx, &plan, found, &nic, resp.Private, &resp.Diagnostics)
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		return
	}
	rctx, rcancel := ctx, context.CancelFunc(func() {})
	if ctx.Err() != nil { // interrupted: read what the device has all the same
		rctx, rcancel = cleanupContext(ctx)
	}
	defer rcancel()
	r.refresh(rctx, &plan, resp.Private, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *gpuVMResource) putNIC(ctx context.Context, id string, plan gpuVMModel) (device.NetworkInterface, error) {
	var ipc device.IPConfiguration
	ipc.Name = "ipconfig1"
	ipc.Properties.Subnet = &device.SubResource{ID: plan.SubnetID.ValueString()}
	ipc.Properties.PrivateIPAllocationMethod = "Dynamic"
	if known(plan.PrivateIPAddress) {
		ipc.Properties.PrivateIPAllocationMethod, ipc.Properties.PrivateIPAddress = "Static", plan.PrivateIPAddress.ValueString()
	}
	op, err := r.pd.client.BeginPutNIC(ctx, id, device.NetworkInterface{Location: device.Location, Tags: nicTags(ctx, plan),
		Properties: device.NICProperties{IPConfigurations: []device.IPConfiguration{ipc}}})
	if err != nil {
		return device.NetworkInterface{}, err
	}
	// The operation's result is the NIC as the device made it.
	return op.Wait(ctx)
}

// vmSpec is the VM body of a create: the template's fields [TPL].
func (r *gpuVMResource) vmSpec(ctx context.Context, plan, config gpuVMModel, nicID string, diags *diag.Diagnostics) device.VirtualMachine {
	os, _ := catalog.LookupOS(plan.OS.ValueString())
	password := plan.AdminPassword.ValueString()
	if !config.AdminPasswordWO.IsNull() {
		password = config.AdminPasswordWO.ValueString()
	}
	profile := &device.OSProfile{ComputerName: plan.ComputerName.ValueString(), AdminUsername: plan.AdminUsername.ValueString(), AdminPassword: password,
		CustomData: plan.CustomData.ValueString()}
	if os.Type == catalog.Windows {
		profile.WindowsConfiguration = &device.WindowsConfiguration{ProvisionVMAgent: true, EnableAutomaticUpdates: true}
	} else {
		lc := &device.LinuxConfiguration{DisablePasswordAuthentication: password == ""}
		if key := strings.TrimSpace(plan.SSHPublicKey.ValueString()); key != "" {
			lc.SSH = &struct {
				PublicKeys []device.SSHPublicKey `json:"publicKeys"`
			}{PublicKeys: []device.SSHPublicKey{{Path: "/home/" + plan.AdminUsername.ValueString() + "/.ssh/authorized_keys", KeyData: key}}}
		}
		profile.LinuxConfiguration = lc
	}
	return device.VirtualMachine{
		Location: device.Location,
		Tags:     tagsOf(ctx, plan.Tags),
		Properties: device.VMProperties{
			HardwareProfile: device.HardwareProfile{VMSize: plan.Size.ValueString()},
			StorageProfile: &device.StorageProfile{ImageReference: &device.SubResource{ID: plan.ImageID.ValueString()},
				DataDisks: dataDisksSpec(dataDisksOf(ctx, plan.DataDisks, diags))},
			OSProfile:      profile,
			NetworkProfile: &device.NetworkProfile{NetworkInterfaces: []device.SubResource{{ID: nicID}}},
		},
	}
}

// stillFits checks, against the device as it is now, that the VM about to
// be created fits its free GPUs and memory; nil when it does, or when the
// device's capacity is not known.
func (r *gpuVMResource) stillFits(ctx context.Context, plan gpuVMModel, vmID string) *placement.Shortage {
	size, ok := catalog.LookupSize(plan.Size.ValueString())
	if !ok {
		return nil
	}
	inv, err := r.pd.readInventory(ctx)
	if err != nil {
		return nil // unknown capacity, or unreadable: the device decides
	}
	change := placement.Change{SizeAfter: size.Name, PowerAfter: plan.PowerState.ValueString()}
	var l placement.Ledger
	return l.Add(inv, placement.Request{VMID: vmID, Name: plan.ResourceGroupName.ValueString() + "/" + plan.Name.ValueString(),
		Size: size.Name, GPUs: size.GPUs, Why: placement.ReasonNew, MemoryMiB: change.MemoryMiB(size.MemoryMiB())})
}

// explain says why the device refused or failed a VM's create or update
// (operation, which names its timeout), and what now.
func (r *gpuVMResource) explain(ctx context.Context, operation string, err error, recorded bool) string {
	var b strings.Builder
	b.WriteString(err.Error())
	if errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(&b, " (the %s timeout ran out; raise timeouts.%s if the device is slow)", operation, operation)
	}
	if errors.Is(err, context.Canceled) {
		b.WriteString(" (the run was interrupted)")
	}
	if errors.Is(err, device.ErrInsufficientGPUs) {
		if inv, ierr := r.pd.readInventory(ctx); ierr == nil {
			fmt.Fprintf(&b, "\n\nThe device has %d %s GPU(s), %d free now: %s.", inv.Total, inv.GPUType, inv.Free, inv.Describe())
			if inv.KubernetesGPUs > 0 {
				b.WriteString(" The Kubernetes role claims every GPU free when it is configured " + catalog.Cite("SEED") + ": deploy GPU VMs before configuring Kubernetes, or remove the role.")
			}
		}
		b.WriteString(" Another user or run took the GPUs after this plan was made, or the device's capacity is not known to the provider (set device_id or gpu_count).")
	}
	explainMemory(ctx, r.pd, err, &b)
	if recorded {
		b.WriteString("\n\nThe VM stays on the device and is recorded in Terraform state as tainted: the next apply deletes it and creates it again.")
	}
	return b.String()
}

func (r *gpuVMResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state gpuVMModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.pd.ready(&resp.Diagnostics) || !r.pd.connected(ctx, &resp.Diagnostics) {
		return
	}
	ctx, cancel := withTimeout(ctx, state.Timeouts.Read, vmReadTimeout, &resp.Diagnostics)
	defer cancel()
	ctx = withSharedReads(ctx)
	// The framework wants an identity even for a resource that is gone.
	if id, err := device.ParseResourceID(state.ID.ValueString()); err == nil {
		resp.Diagnostics.Append(resp.Identity.Set(ctx, identityOf(id.SubscriptionID, id.ResourceGroup, id.Name()))...)
	}
	if !r.refresh(ctx, &state, resp.Private, &resp.Diagnostics) {
		if r.partsLeft(ctx, state.NetworkInterfaceID.ValueString(), recordedDisks(ctx, req.Private)) {
			r.pd.inState.add(state.ID.ValueString())
			// An interrupted delete: the resource stays until what it
			// owned is gone too, which the next apply or destroy does.
			tflog.Warn(ctx, "VM gone, parts it owned remain; keeping it in state", map[string]any{"id": state.ID.ValueString()})
			setPrivate(ctx, resp.Private, privateProvisioningState, provisioningGone, &resp.Diagnostics)
			resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
			return
		}
		tflog.Warn(ctx, "VM deleted outside Terraform; removing it from state", map[string]any{"id": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	// Its name is this state's own (a VM of the name that is not this
	// resource's, above, is not: the plan refuses to take it over).
	r.pd.inState.add(state.ID.ValueString())
	if !resp.Diagnostics.HasError() {
		r.pd.ownVMs.add(state.ID.ValueString()) // read, and found this state's
	}
	r.pd.markRefreshed(ctx, resp.Private, &resp.Diagnostics)
	// The NICs interrupted creates of this name left, from the NIC list
	// the refresh shares (one request for every VM): the delete needs
	// no list of its own then.
	nics, err := r.pd.nicsForSweep(ctx)
	recordLeftoverNICs(ctx, resp.Private, leftoverCreationNICs(nics, state.ResourceGroupName.ValueString(), state.Name.ValueString(),
		state.NetworkInterfaceID.ValueString()), err == nil, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// refresh reads the VM and its NIC into m. It reports false when the VM is
// gone.
func (r *gpuVMResource) refresh(ctx context.Context, m *gpuVMModel, private privateState, diags *diag.Diagnostics) bool {
	vm, err := r.pd.getVM(ctx, m.ID.ValueString())
	if errors.Is(err, device.ErrNotFound) {
		return false
	}
	if err != nil {
		diags.AddError("Cannot read the VM", err.Error())
		return true
	}
	if !madeWith(vm, m.NetworkInterfaceID.ValueString()) {
		// The name's VM is another's: this resource's is gone, and the
		// other's is not adopted (nor deleted with this resource).
		tflog.Warn(ctx, "the device's VM of this name holds other NICs: this resource's VM is gone", map[string]any{
			"id": m.ID.ValueString(), "nic": m.NetworkInterfaceID.ValueString(), "its_nics": vm.NICIDs()})
		r.pd.lostNames.add(m.ID.ValueString())
		return false
	}
	r.fill(ctx, m, vm, nil, private, diags)
	return true
}

// fill sets m from the VM as the device answered, and its NIC: nic when
// the caller has the device's answer for it, else read.
func (r *gpuVMResource) fill(ctx context.Context, m *gpuVMModel, vm device.VirtualMachine, nic *device.NetworkInterface, private privateState, diags *diag.Diagnostics) {
	id, _ := device.ParseResourceID(vm.ID)
	m.ID, m.Name, m.ResourceGroupName = sameFold(m.ID, vm.ID), sameFold(m.Name, vm.Name), sameFold(m.ResourceGroupName, id.ResourceGroup)
	m.Size = sameFold(m.Size, vm.Properties.HardwareProfile.VMSize)
	if s, ok := catalog.LookupSize(vm.Properties.HardwareProfile.VMSize); ok {
		m.GPUCount, m.GPUType = types.Int64Value(int64(s.GPUs)), types.StringValue(string(s.GPUType))
	} else {
		m.GPUCount, m.GPUType = types.Int64Value(0), types.StringValue("")
	}
	m.ImageID = sameFold(m.ImageID, vm.ImageID())
	if p := vm.Properties.OSProfile; p != nil {
		m.AdminUsername, m.ComputerName = sameFold(m.AdminUsername, p.AdminUsername), sameFold(m.ComputerName, p.ComputerName)
	}
	if power := vm.PowerState(); power != "" {
		m.PowerState = types.StringValue(power)
	} else if m.PowerState.IsNull() || m.PowerState.IsUnknown() {
		m.PowerState = types.StringValue(powerDeallocated) // never ran
	}
	if m.AllowUntestedOS.IsNull() || m.AllowUntestedOS.IsUnknown() {
		m.AllowUntestedOS = types.BoolValue(false) // a choice of the configuration; imported VMs take the default
	}
	if len(vm.Tags) > 0 || !m.Tags.IsNull() {
		tags, d := types.MapValueFrom(ctx, types.StringType, vm.Tags)
		diags.Append(d...)
		m.Tags = tags
	}
	m.DataDisks = refreshDataDisks(ctx, m.DataDisks, vm, diags)
	setPrivate(ctx, private, privateProvisioningState, vm.Properties.ProvisioningState, diags)
	// Kept, not replaced: a disk this resource made and someone detached
	// is no longer the VM's, but still this resource's to delete.
	recordOwnedDisks(ctx, private, union(recordedDisks(ctx, private), ownedDisks(vm)), diags)
	if nics := vm.NICIDs(); len(nics) > 0 {
		m.NetworkInterfaceID = sameFold(m.NetworkInterfaceID, nics[0])
		var err error
		if nic == nil || !device.SameID(nic.ID, nics[0]) || len(nic.Properties.IPConfigurations) == 0 {
			var n device.NetworkInterface
			n, err = r.pd.getNIC(ctx, nics[0])
			nic = &n
		}
		if err == nil {
			m.SubnetID, m.PrivateIPAddress = sameFold(m.SubnetID, nic.SubnetID()), types.StringValue(nic.PrivateIP())
			setPrivate(ctx, private, privateIPAllocation, nic.Properties.IPConfigurations[0].Properties.PrivateIPAllocationMethod, diags)
		} else if !errors.Is(err, device.ErrNotFound) {
			diags.AddError("Cannot read the VM's network interface", err.Error())
		}
	}
}

// recordNIC notes how the NIC got its address, for the next plan: static
// when the configuration gave one.
func recordNIC(ctx context.Context, config gpuVMModel, private privateSetter, diags *diag.Diagnostics) {
	alloc := "Dynamic"
	if known(config.PrivateIPAddress) {
		alloc = "Static"
	}
	setPrivate(ctx, private, privateIPAllocation, alloc, diags)
}

func (r *gpuVMResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config gpuVMModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || !r.pd.ready(&resp.Diagnostics) {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Update, vmUpdateTimeout, &resp.Diagnostics)
	defer cancel()
	id := state.ID.ValueString()

	err := r.update(ctx, plan, state, config)
	if err == nil {
		// The disks the update removed are deleted: no longer this
		// resource's to delete.
		if removed := diskUpdateOf(ctx, plan, state).removed; len(removed) > 0 {
			recordOwnedDisks(ctx, resp.Private, without(recordedDisks(ctx, resp.Private), removed), &resp.Diagnostics)
		}
	}
	// Whatever happened, state says what the device has now, read on a
	// context of its own when the update was interrupted.
	rctx, rcancel := ctx, context.CancelFunc(func() {})
	if ctx.Err() != nil {
		rctx, rcancel = cleanupContext(ctx)
	}
	defer rcancel()
	plan.ID, plan.NetworkInterfaceID = state.ID, state.NetworkInterfaceID
	if !r.refresh(rctx, &plan, resp.Private, &resp.Diagnostics) {
		resp.Diagnostics.AddError("VM gone during update", "VM "+id+" disappeared from the device while it was being updated.")
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if parsed, perr := device.ParseResourceID(id); perr == nil {
		resp.Diagnostics.Append(resp.Identity.Set(ctx, identityOf(parsed.SubscriptionID, parsed.ResourceGroup, parsed.Name()))...)
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot update the VM", r.explain(ctx, "update", err, false))
	}
}

// update applies a plan to an existing VM: the NIC's address, the size
// (deallocating and starting again, as the device requires for GPU VMs),
// tags, and the power state.
func (r *gpuVMResource) update(ctx context.Context, plan, state, config gpuVMModel) error {
	c := r.pd.client
	id := state.ID.ValueString()
	if plan.PrivateIPAddress.ValueString() != state.PrivateIPAddress.ValueString() || plan.PrivateIPAddress.IsUnknown() {
		p := plan
		if config.PrivateIPAddress.IsNull() {
			p.PrivateIPAddress = types.StringNull()
		}
		p.SubnetID = state.SubnetID
		if _, err := r.putNIC(ctx, state.NetworkInterfaceID.ValueString(), p); err != nil {
			return err
		}
	}
	resize := !strings.EqualFold(plan.Size.ValueString(), state.Size.ValueString())
	retag := !plan.Tags.Equal(state.Tags)
	wantPower := plan.PowerState.ValueString()
	disks := diskUpdateOf(ctx, plan, state)
	if resize || disks.grow {
		vm, err := c.GetVM(ctx, id)
		if err != nil {
			return err
		}
		if p := vm.PowerState(); p != device.PowerDeallocated {
			tflog.Info(ctx, "deallocating the VM to resize it", map[string]any{"id": id, "from": state.Size.ValueString(), "to": plan.Size.ValueString()})
			if err := wait(c.BeginDeallocateVM(ctx, id)); err != nil {
				return err
			}
		}
	}
	if resize || retag || disks.changed {
		size, tags := plan.Size.ValueString(), tagsOf(ctx, plan.Tags)
		if tags == nil {
			tags = map[string]string{}
		}
		change := device.VMChange{Size: &size, Tags: &tags}
		if disks.changed {
			if err := attachExisting(ctx, c, id, disks.spec); err != nil {
				return err
			}
			change.DataDisks = &disks.spec
		}
		if err := wait(c.BeginUpdateVM(ctx, id, change)); err != nil {
			return err
		}
		if err := deleteDataDisks(ctx, c, disks.removed); err != nil {
			return err
		}
	}
	vm, err := c.GetVM(ctx, id)
	if err != nil {
		return err
	}
	switch power := vm.PowerState(); {
	case wantPower == powerRunning && power != device.PowerRunning:
		return wait(c.BeginStartVM(ctx, id))
	case wantPower == powerDeallocated && power != device.PowerDeallocated:
		return wait(c.BeginDeallocateVM(ctx, id))
	}
	return nil
}

func (r *gpuVMResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state gpuVMModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.pd.ready(&resp.Diagnostics) {
		return
	}
	ctx, cancel := withTimeout(ctx, state.Timeouts.Delete, vmDeleteTimeout, &resp.Diagnostics)
	defer cancel()
	defer r.pd.vmDeletes.start()()
	r.releaseGPUs(ctx, state)
	c := r.pd.client
	id := state.ID.ValueString()
	// The VM, then its disks (the device keeps them), then its NIC: each
	// to completion; already gone counts as done, and a VM already gone
	// does not make the rest forgotten (the disks were recorded when the
	// VM was last read, and the data disks are in state).
	recorded, haveRecord := recordedDisksKnown(ctx, req.Private)
	disks := union(recorded, ownedDataDiskIDs(ctx, state.DataDisks, &resp.Diagnostics))
	nic := state.NetworkInterfaceID.ValueString()
	deleteVM := func() bool {
		if err := wait(c.BeginDeleteVM(ctx, id)); err != nil {
			resp.Diagnostics.AddError("Cannot delete the VM", err.Error())
			return false
		}
		return true
	}
	// This run's refresh read the VM and recorded its disks: no need to
	// read it again, and a VM already gone is done. Without a record, when
	// that read found no VM of this resource's (gone, or the name
	// another's now; a create's lost PUT may also have made ours since),
	// or when no refresh of this run read it (see refreshedThisRun), the
	// VM is read, and deleted only if it holds this resource's NIC.
	refreshed := r.pd.refreshedThisRun(ctx, req.Private)
	if haveRecord && refreshed && getPrivate(ctx, req.Private, privateProvisioningState) != provisioningGone {
		if !deleteVM() {
			return
		}
	} else if vm, err := c.GetVM(ctx, id); err == nil && !madeWith(vm, nic) {
		tflog.Warn(ctx, "the device's VM of this name is another's: not deleted", map[string]any{"id": id, "its_nics": vm.NICIDs()})
	} else if err == nil {
		disks = union(ownedDisks(vm), disks)
		if !deleteVM() {
			return
		}
	} else if !errors.Is(err, device.ErrNotFound) {
		resp.Diagnostics.AddError("Cannot read the VM", err.Error())
		return
	}
	for _, disk := range disks {
		if err := wait(c.BeginDeleteDisk(ctx, disk)); err != nil {
			resp.Diagnostics.AddError("Cannot delete the VM's disk", err.Error())
			return
		}
	}
	if nic != "" {
		if err := r.pd.deleteNIC(ctx, nic); err != nil {
			resp.Diagnostics.AddError("Cannot delete the VM's network interface", err.Error())
			return
		}
	}
	if left, ok := recordedLeftoverNICs(ctx, req.Private); ok && refreshed {
		// This run's refresh found these: no need to list every NIC
		// again.
		r.deleteLeftoverNICs(ctx, left)
	} else {
		r.sweepCreationNICs(ctx, state.ResourceGroupName.ValueString(), state.Name.ValueString(), nic, "")
	}
}

func (r *gpuVMResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !r.pd.ready(&resp.Diagnostics) {
		return
	}
	c := r.pd.client
	id := importID(ctx, req, &resp.Diagnostics, func(ident gpuVMIdentity) string {
		return device.VMID(r.pd.subscriptionOr(ctx, ident.SubscriptionID, &resp.Diagnostics), ident.ResourceGroupName.ValueString(), ident.Name.ValueString())
	})
	if resp.Diagnostics.HasError() {
		return
	}
	parsed, err := device.ParseTypedID(id, "Microsoft.Compute", "virtualMachines")
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error()+
			". Import a GPU VM by its ID: /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Compute/virtualMachines/<name>")
		return
	}
	vm, err := c.GetVM(ctx, id)
	if err != nil {
		resp.Diagnostics.AddError("Cannot import the VM", err.Error())
		return
	}
	if s, ok := catalog.LookupSize(vm.Properties.HardwareProfile.VMSize); !ok || !s.IsGPU() {
		resp.Diagnostics.AddError("Not a GPU VM",
			fmt.Sprintf("VM %s has size %s, which holds no GPU: azurestackedge_gpu_vm manages GPU VMs only.", id, vm.Properties.HardwareProfile.VMSize))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), vm.ID)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, identityOf(parsed.SubscriptionID, parsed.ResourceGroup, parsed.Name()))...)
	r.recoverImported(ctx, vm, resp)
}

func identityOf(sub, rg, name string) gpuVMIdentity {
	return gpuVMIdentity{SubscriptionID: types.StringValue(sub), ResourceGroupName: types.StringValue(rg), Name: types.StringValue(name)}
}

// tagsOf reads a tags map; nil when null or unknown.
func tagsOf(ctx context.Context, m types.Map) map[string]string {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	out := map[string]string{}
	_ = m.ElementsAs(ctx, &out, false)
	return out
}
