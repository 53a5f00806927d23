package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/ownership"
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// extensionSpec is the extension body the device is sent.
func extensionSpec(m gpuExtensionModel) device.Extension {
	return device.Extension{Location: device.Location, Properties: device.ExtensionProperties{
		Publisher: m.Publisher.ValueString(), Type: m.Type.ValueString(), TypeHandlerVersion: m.TypeHandlerVersion.ValueString(),
		AutoUpgradeMinorVersion: m.AutoUpgradeMinorVersion.ValueBool(), Settings: json.RawMessage(m.Settings.ValueString()),
	}}
}

func (r *gpuExtensionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan gpuExtensionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !r.pd.ready(&resp.Diagnostics) {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Create, extCreateTimeout, &resp.Diagnostics)
	defer cancel()
	if !known(plan.Type) {
		// The VM was not known at plan time: fill in from the device now.
		r.fillDefaults(ctx, &plan, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	c := r.pd.client
	id := device.ExtensionID(plan.VirtualMachineID.ValueString(), plan.Name.ValueString())
	// A VM this provider instance just created, and owns by its NIC's
	// creation token, has no extension this run did not install: nothing
	// to read. (Another run's install at the same moment is told apart by
	// the creation token below all the same.)
	if r.pd.createdVMs.has(plan.VirtualMachineID.ValueString()) {
		tflog.Debug(ctx, "the VM was created by this run: its extension name is free", map[string]any{"id": id})
	} else if existing, err := c.GetExtension(ctx, id); err == nil {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "GPU driver extension already exists", extensionOnDevice(existing, r.pd.lostNames.has(id)))
		return
	}
	// The creation token, read back after the PUT, says whose the
	// extension is (see package ownership).
	token := ownership.NewToken()
	spec := extensionSpec(plan)
	spec.Tags = map[string]string{ownership.TokenTag: token}
	op, putErr := c.BeginPutExtension(ctx, id, spec)
	var outcome ownership.Outcome
	found := device.Extension{}
	if putErr != nil {
		// No answer, or a refusal: ask the device what exists first.
		cctx, ccancel := cleanupContext(ctx)
		ext, gerr := c.GetExtension(cctx, id)
		ccancel()
		switch {
		case errors.Is(gerr, device.ErrNotFound):
			outcome = ownership.Absent
		case gerr != nil:
			resp.Diagnostics.AddError("The device did not answer the GPU driver extension's install",
				fmt.Sprintf("%v\n\nReading it back failed too: %v.", putErr, gerr))
			return
		default:
			found, outcome = ext, ownership.OfExtension(true, false, ext.Tags, token)
		}
	} else {
		outcome = ownership.OfExtension(true, op.Created(), op.Initial.Tags, token)
	}
	switch outcome {
	case ownership.Absent:
		resp.Diagnostics.AddError("The device refused the GPU driver extension", explainExtension(putErr.Error(), false))
		return
	case ownership.Theirs:
		resp.Diagnostics.AddAttributeError(path.Root("name"), "GPU driver extension created by another run",
			fmt.Sprintf("Another Terraform run created extension %s at the same time as this one; the device keeps one extension per name "+
				"and it is the other run's. This run recorded nothing. Import it where it should be managed, or remove it from this configuration.", id))
		return
	}
	// Accepted: recorded now, so a failed install stays in state (tainted).
	plan.ID = types.StringValue(id)
	setPrivate(ctx, resp.Private, privateCreationToken, token, &resp.Diagnostics)
	plan.ProvisioningState, plan.StatusMessage = types.StringValue("Creating"), types.StringValue("")
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, extensionIdentityOf(id))...)
	if putErr != nil {
		// The answer was lost but the extension is ours: record it as it is.
		cctx, ccancel := cleanupContext(ctx)
		defer ccancel()
		r.refresh(cctx, &plan, &resp.Diagnostics)
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		if !strings.EqualFold(found.Properties.ProvisioningState, device.ProvisioningSucceeded) {
			resp.Diagnostics.AddError("The device's answer to the GPU driver extension's install was lost",
				explainExtension(fmt.Sprintf("%v\n\nThe device has extension %s (provisioning state %s).", putErr, id, found.Properties.ProvisioningState), true))
		}
		return
	}
	installed, waitErr := op.Wait(ctx)
	if waitErr == nil && ctx.Err() == nil && installed.Properties.InstanceView != nil {
		// The operation's last read was the extension with its instance
		// view (device.BeginPutExtension): what a refresh reads.
		fillExtension(&plan, installed)
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		return
	}
	rctx, rcancel := ctx, context.CancelFunc(func() {})
	if ctx.Err() != nil { // interrupted: read what exists all the same
		rctx, rcancel = cleanupContext(ctx)
	}
	defer rcancel()
	r.refresh(rctx, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if waitErr != nil {
		resp.Diagnostics.AddError("The GPU driver extension failed to install", explainExtension(failureText(waitErr, plan), true))
	}
}

// fillDefaults sets type, version and settings from the VM as the device
// has it, for a VM whose ID was not known when the plan was made.
func (r *gpuExtensionResource) fillDefaults(ctx context.Context, plan *gpuExtensionModel, diags *diag.Diagnostics) {
	t, ok := r.target(ctx, plan.VirtualMachineID.ValueString(), diags)
	if !ok {
		return
	}
	r.checkTarget(t, *plan, diags)
	if diags.HasError() {
		return
	}
	config := *plan
	if !known(plan.TypeHandlerVersion) {
		config.TypeHandlerVersion = types.StringNull()
	}
	if !known(plan.Settings) {
		config.Settings = jsontypes.NewNormalizedNull()
	}
	r.planDefaults(t, plan.DriverType, config, nil, plan, diags)
}

// failureText is the device's own account of a failed install: the
// instance view's message, else the operation's error.
func failureText(err error, m gpuExtensionModel) string {
	if msg := m.StatusMessage.ValueString(); msg != "" {
		return msg
	}
	return err.Error()
}

// explainExtension adds what to do about the known failures of the GPU
// driver extension (catalog.DriverFailureAdvice), and what became of it.
func explainExtension(msg string, recorded bool) string {
	var b strings.Builder
	b.WriteString(msg)
	if advice := catalog.DriverFailureAdvice(msg); advice != "" {
		b.WriteString("\n\n" + advice)
	}
	if recorded {
		b.WriteString("\n\nThe extension is recorded in Terraform state as tainted: the next apply deletes it and installs it again.")
	}
	return b.String()
}

func (r *gpuExtensionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state gpuExtensionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.pd.ready(&resp.Diagnostics) || !r.pd.connected(ctx, &resp.Diagnostics) {
		return
	}
	ctx, cancel := withTimeout(ctx, state.Timeouts.Read, extReadTimeout, &resp.Diagnostics)
	defer cancel()
	ctx = withSharedReads(ctx)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, extensionIdentityOf(state.ID.ValueString()))...)
	if !r.refreshInto(ctx, &state, req.Private, resp.Private, &resp.Diagnostics) {
		resp.State.RemoveResource(ctx)
		return
	}
	r.pd.inState.add(state.ID.ValueString()) // the name is this state's own
	r.pd.markRefreshed(ctx, resp.Private, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// refreshInto refreshes the state's extension into m for Read, and
// reports whether it is still there. Before a destroy of the whole state,
// on this state's VM, the VM list says whether it is, and m stays as the
// state has it (see listedExtension); otherwise the extension is read, and
// counts only when it carries this state's creation token (an imported
// one records the token it carries).
func (r *gpuExtensionResource) refreshInto(ctx context.Context, m *gpuExtensionModel, prior privateGetter, private privateSetter, diags *diag.Diagnostics) bool {
	if listed, known := r.pd.listedExtension(ctx, m.ID.ValueString()); known {
		return listed
	}
	token := getPrivate(ctx, prior, privateCreationToken)
	seen, ok := r.refreshOwned(ctx, m, token, diags)
	if ok && token == "" && seen != "" {
		// Imported (or installed before tokens were recorded): the
		// extension the device has now is this resource's, and one made
		// again later, with another token, will not be.
		setPrivate(ctx, private, privateCreationToken, seen, diags)
	}
	return ok
}

// refresh reads the extension into m; false when it is gone.
func (r *gpuExtensionResource) refresh(ctx context.Context, m *gpuExtensionModel, diags *diag.Diagnostics) bool {
	_, ok := r.refreshOwned(ctx, m, "", diags)
	return ok
}

// refreshOwned is refresh for the extension installed with creation
// token ("" when none is recorded: imported, or installed before tokens
// were recorded): an extension of the name that carries another token is
// another run's, made after this one's was deleted outside Terraform, and
// this one is gone. One without a token (tags are the PUT's, and
// other tools set none) cannot tell, and counts as this one.
//
// It also returns the token the device's extension carries.
func (r *gpuExtensionResource) refreshOwned(ctx context.Context, m *gpuExtensionModel, token string, diags *diag.Diagnostics) (string, bool) {
	ext, err := r.pd.getExtension(ctx, m.ID.ValueString())
	if errors.Is(err, device.ErrNotFound) {
		return "", false
	}
	if err != nil {
		diags.AddError("Cannot read the GPU driver extension", err.Error())
		return "", true
	}
	if anothersExtension(ext, token) {
		tflog.Warn(ctx, "the device's extension of this name is another run's: this resource's is gone", map[string]any{"id": m.ID.ValueString()})
		r.pd.lostNames.add(m.ID.ValueString())
		return ext.Tags[ownership.TokenTag], false
	}
	fillExtension(m, ext)
	return ext.Tags[ownership.TokenTag], true
}

// anothersExtension reports whether ext, found under the name of the
// extension installed with creation token, is another run's: it carries
// another token. One without a token cannot tell (see refreshOwned).
func anothersExtension(ext device.Extension, token string) bool {
	theirs := ext.Tags[ownership.TokenTag]
	return token != "" && theirs != "" && theirs != token
}

// fillExtension sets m from the extension as the device has it, with its
// instance view.
func fillExtension(m *gpuExtensionModel, ext device.Extension) {
	id, _ := device.ParseResourceID(ext.ID)
	m.ID = sameFold(m.ID, ext.ID)
	m.VirtualMachineID = sameFold(m.VirtualMachineID, id.Parent().String())
	m.Name = sameFold(m.Name, ext.Name)
	p := ext.Properties
	m.Publisher, m.Type = sameFold(m.Publisher, p.Publisher), sameFold(m.Type, p.Type)
	m.TypeHandlerVersion = sameFold(m.TypeHandlerVersion, p.TypeHandlerVersion)
	m.AutoUpgradeMinorVersion = types.BoolValue(p.AutoUpgradeMinorVersion)
	got := string(p.Settings)
	if !catalog.SameSettings(m.Settings.ValueString(), got) {
		norm, err := catalog.NormalizeSettings(got)
		if err != nil {
			norm = "{}"
		}
		m.Settings = jsontypes.NewNormalizedValue(norm)
	}
	if !m.DriverType.IsNull() {
		m.DriverType = sameFold(m.DriverType, catalog.DriverTypeOf(got))
	}
	m.ProvisioningState, m.StatusMessage = types.StringValue(p.ProvisioningState), types.StringValue(ext.StatusMessage())
}

func (r *gpuExtensionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan gpuExtensionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !r.pd.ready(&resp.Diagnostics) {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Update, extUpdateTimeout, &resp.Diagnostics)
	defer cancel()
	spec := extensionSpec(plan)
	if token := getPrivate(ctx, req.Private, privateCreationToken); token != "" {
		spec.Tags = map[string]string{ownership.TokenTag: token} // a PUT replaces the tags: keep the token
	}
	updated, err := device.Await(r.pd.client.BeginPutExtension(ctx, plan.ID.ValueString(), spec))
	if err == nil && ctx.Err() == nil && updated.Properties.InstanceView != nil {
		// The operation's last read is the extension with its instance
		// view (as for a create): nothing more to read.
		fillExtension(&plan, updated)
	} else {
		rctx, rcancel := ctx, context.CancelFunc(func() {})
		if ctx.Err() != nil { // interrupted: read what the device has all the same
			rctx, rcancel = cleanupContext(ctx)
		}
		defer rcancel()
		r.refresh(rctx, &plan, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, extensionIdentityOf(plan.ID.ValueString()))...)
	if err != nil {
		resp.Diagnostics.AddError("The GPU driver extension failed to update", explainExtension(failureText(err, plan), false))
	}
}

func (r *gpuExtensionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state gpuExtensionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.pd.ready(&resp.Diagnostics) {
		return
	}
	ctx, cancel := withTimeout(ctx, state.Timeouts.Delete, extDeleteTimeout, &resp.Diagnostics)
	defer cancel()
	id := state.ID.ValueString()
	if !r.pd.refreshedThisRun(ctx, req.Private) {
		// No refresh of this run found it this resource's: the name may
		// be another run's since (see refreshedThisRun).
		ext, err := r.pd.client.GetExtension(ctx, id)
		switch {
		case errors.Is(err, device.ErrNotFound):
			return
		case err != nil:
			resp.Diagnostics.AddError("Cannot read the GPU driver extension", err.Error())
			return
		case anothersExtension(ext, getPrivate(ctx, req.Private, privateCreationToken)):
			tflog.Warn(ctx, "the device's extension of this name is another run's: not deleted", map[string]any{"id": id})
			return
		}
	}
	// Gone already, or its VM is (which takes its extensions): done.
	if _, err := device.Await(r.pd.client.BeginDeleteExtension(ctx, id)); err != nil && !errors.Is(err, device.ErrNotFound) {
		resp.Diagnostics.AddError("Cannot delete the GPU driver extension", err.Error())
	}
}

func (r *gpuExtensionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !r.pd.ready(&resp.Diagnostics) {
		return
	}
	c := r.pd.client
	id := importID(ctx, req, &resp.Diagnostics, func(ident gpuExtensionIdentity) string {
		vm := device.VMID(r.pd.subscriptionOr(ctx, ident.SubscriptionID, &resp.Diagnostics), ident.ResourceGroupName.ValueString(), ident.VirtualMachineName.ValueString())
		return device.ExtensionID(vm, ident.Name.ValueString())
	})
	if resp.Diagnostics.HasError() {
		return
	}
	parsed, err := device.ParseTypedID(id, "Microsoft.Compute", "virtualMachines", "extensions")
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error()+
			". Import a GPU driver extension by its ID: /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Compute/virtualMachines/<vm>/extensions/<name>")
		return
	}
	ext, err := c.GetExtension(ctx, id)
	if err != nil {
		resp.Diagnostics.AddError("Cannot import the extension", err.Error())
		return
	}
	if !catalog.IsDriverExtension(ext.Properties.Publisher, ext.Properties.Type) {
		resp.Diagnostics.AddError("Not a GPU driver extension",
			fmt.Sprintf("Extension %s is %s.%s; azurestackedge_gpu_extension manages the NVIDIA GPU driver extension (%s.%s or %s) only.",
				id, ext.Properties.Publisher, ext.Properties.Type, catalog.DriverPublisher, catalog.DriverTypeLinux, catalog.DriverTypeWindows))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), ext.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("virtual_machine_id"), parsed.Parent().String())...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), parsed.Name())...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, extensionIdentityOf(ext.ID))...)
	recoverImportedDriverType(ctx, ext, resp)
}

func extensionIdentityOf(id string) gpuExtensionIdentity {
	p, err := device.ParseResourceID(id)
	if err != nil || len(p.Names) < 2 {
		return gpuExtensionIdentity{SubscriptionID: types.StringNull(), ResourceGroupName: types.StringNull(),
			VirtualMachineName: types.StringNull(), Name: types.StringNull()}
	}
	return gpuExtensionIdentity{SubscriptionID: types.StringValue(p.SubscriptionID), ResourceGroupName: types.StringValue(p.ResourceGroup),
		VirtualMachineName: types.StringValue(p.Names[0]), Name: types.StringValue(p.Name())}
}
