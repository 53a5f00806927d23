package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

func (r *gpuExtensionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m gpuExtensionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	checkTimeouts(m.Timeouts, &resp.Diagnostics)
	checkExtensionInputs(m, &resp.Diagnostics)
	if !known(m.DriverType) || !known(m.Settings) {
		return
	}
	if _, err := catalog.WithDriverType(m.Settings.ValueString(), m.DriverType.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("driver_type"), "Conflicting driver type",
			fmt.Sprintf("driver_type = %q: %v.", m.DriverType.ValueString(), err))
	}
}

// extensionTarget is what the checks need of the extension's VM.
type extensionTarget struct {
	size, osKey, power string
	osType             catalog.OSType
	creating           bool // the plan creates or replaces the VM
	allowUntestedOS    bool // the VM's allow_untested_os
}

// target finds the extension's VM: in this plan, else on the device. An
// extension may be planned before its VM (see planSession's ordering
// contract): when the VM may yet be planned (the device lacks it, or this
// walk read it from state), its plan is awaited for a while; without it,
// the device's view is checked, and the log says so.
func (r *gpuExtensionResource) target(ctx context.Context, vmID string, diags *diag.Diagnostics) (extensionTarget, bool) {
	pd := r.pd
	if pv, ok := pd.plannedVMOf(vmID); ok {
		return plannedTarget(pv)
	}
	vm, err := remember(pd.planSession, vmKey(vmID), func() (device.VirtualMachine, error) { return pd.client.GetVM(ctx, vmID) })
	if errors.Is(err, device.ErrNotFound) || pd.inState.has(vmID) {
		if pv, ok := pd.awaitVMPlan(ctx, vmID, vmPlanWait); ok {
			return plannedTarget(pv)
		}
		tflog.Info(ctx, "the extension's VM was not planned in time: checking the extension against the device's view of it",
			map[string]any{"virtual_machine_id": vmID, "waited": vmPlanWait.String()})
	}
	if errors.Is(err, device.ErrNotFound) {
		diags.AddAttributeError(path.Root("virtual_machine_id"), "VM not found",
			fmt.Sprintf("virtual_machine_id = %q: the device has no such VM, and no VM of this plan has that ID.", vmID))
		return extensionTarget{}, false
	}
	if err != nil {
		diags.AddAttributeError(path.Root("virtual_machine_id"), "Cannot read the VM", err.Error())
		return extensionTarget{}, false
	}
	t := extensionTarget{size: vm.Properties.HardwareProfile.VMSize, power: vm.PowerState()}
	switch {
	case strings.EqualFold(vm.OSType(), string(catalog.Windows)):
		t.osType = catalog.Windows
	case strings.EqualFold(vm.OSType(), string(catalog.Linux)):
		t.osType = catalog.Linux
	default:
		return t, false
	}
	return t, true
}

// plannedTarget is the extension's VM as this plan has it.
func plannedTarget(pv plannedVM) (extensionTarget, bool) {
	os, _ := catalog.LookupOS(pv.OSKey)
	return extensionTarget{size: pv.Size, osKey: pv.OSKey, power: pv.PowerState, osType: os.Type, creating: pv.Creating,
		allowUntestedOS: pv.AllowUntestedOS}, os.Type != ""
}

// ModifyPlan fills in the defaults of the VM's OS and the release, and
// refuses what the device would fail: a VM that is not a GPU VM of the
// release, an OS the driver does not support, a version the release
// lacks, a second driver extension, a VM that is not running.
func (r *gpuExtensionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.pd == nil || r.pd.skipsChecks(ctx) {
		return
	}
	var plan, config gpuExtensionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	var state *gpuExtensionModel
	if !req.State.Raw.IsNull() {
		state = &gpuExtensionModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	if resp.Diagnostics.HasError() || !known(plan.VirtualMachineID) || r.pd.unknownConfig {
		return
	}
	vmID := plan.VirtualMachineID.ValueString()
	defer func() { resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...) }()

	if state != nil {
		r.pd.inState.add(state.ID.ValueString())
	}
	if state != nil && state.ProvisioningState.ValueString() == device.ProvisioningFailed {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("provisioning_state"))
		resp.Diagnostics.AddWarning("GPU driver extension failed on the device: it will be replaced",
			fmt.Sprintf("Extension %s is in provisioning state Failed (%s); this plan deletes and installs it again.",
				state.ID.ValueString(), state.StatusMessage.ValueString()))
	}
	t, ok := r.target(ctx, vmID, &resp.Diagnostics)
	if !ok {
		return
	}
	if t.creating && state != nil {
		// Same VM ID, new VM: Terraform replaces only for a path whose
		// value changes, so the extension's ID is planned anew.
		plan.ID = types.StringUnknown()
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("id"))
		resp.Diagnostics.AddWarning("VM replaced: so is its GPU driver extension",
			fmt.Sprintf("This plan replaces VM %s, which deletes its extensions on the device; the extension is installed again on the new VM.", vmID))
	}
	if known(plan.Name) && (state == nil || !plan.ID.IsUnknown()) {
		plan.ID = types.StringValue(device.ExtensionID(vmID, plan.Name.ValueString()))
	}
	if state == nil && !t.creating && known(plan.ID) {
		r.checkNameFree(ctx, plan.ID.ValueString(), &resp.Diagnostics)
	}
	r.checkTarget(t, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.planDefaults(t, plan.DriverType, config, state, &plan, &resp.Diagnostics)
	changing := state == nil || len(resp.RequiresReplace) > 0 || !sameExtension(*state, plan)
	if !changing {
		// Nothing for the device to do: what it reports stays as it is.
		plan.ProvisioningState, plan.StatusMessage = state.ProvisioningState, state.StatusMessage
	}
	if changing && t.power != "" && t.power != device.PowerRunning && t.power != device.PowerStarting {
		resp.Diagnostics.AddAttributeError(path.Root("virtual_machine_id"), "VM not running",
			fmt.Sprintf("virtual_machine_id = %q: the VM is %s, and the device refuses to install or change extensions on a VM that is not running "+
				"(\"Cannot modify extensions in the VM when the VM is not running\"). Set the VM's power_state to running.", vmID, t.power))
	}
	if changing {
		r.checkOneDriver(ctx, vmID, plan, t, &resp.Diagnostics)
	}
}

// checkTarget: the VM is a GPU VM of a size the release gives the driver,
// of an OS the driver supports, or one the VM allows untested [SEED, EXT-TS].
func (r *gpuExtensionResource) checkTarget(t extensionTarget, plan gpuExtensionModel, diags *diag.Diagnostics) {
	vmID := plan.VirtualMachineID.ValueString()
	if p := catalog.CheckGPUSize(t.size, r.pd.release, ""); p != nil {
		diags.AddAttributeError(path.Root("virtual_machine_id"), "VM cannot take the GPU driver",
			fmt.Sprintf("virtual_machine_id = %q: the VM's %s The driver extension fails on any VM without a GPU size %s.", vmID, p.Detail(), catalog.Cite("EXT-TS")))
	}
	if t.osKey != "" {
		if p := catalog.CheckGPUOSAllowing(t.osKey, r.pd.release, t.allowUntestedOS); p != nil {
			summary, add := "OS not supported by the GPU driver", diags.AddAttributeError
			if p.Warning {
				summary, add = "GPU driver untested on this OS", diags.AddAttributeWarning
			}
			add(path.Root("virtual_machine_id"), summary, fmt.Sprintf("virtual_machine_id = %q: the VM's %s", vmID, p.Detail()))
		}
	}
	if t.osType == catalog.Linux && known(plan.DriverType) {
		diags.AddAttributeError(path.Root("driver_type"), "driver_type on a Linux VM",
			fmt.Sprintf("driver_type = %q: the Linux extension installs CUDA drivers and takes no driver type %s; driver_type applies to Windows VMs. Drop it.",
				plan.DriverType.ValueString(), catalog.Cite("EXT")))
	}
}

// planDefaults sets publisher, type, version and settings: configured
// values (checked against the release), else the release's defaults for
// the VM's OS, keeping what the extension has when it already matches.
func (r *gpuExtensionResource) planDefaults(t extensionTarget, driverType types.String, config gpuExtensionModel, state *gpuExtensionModel, plan *gpuExtensionModel, diags *diag.Diagnostics) {
	release := r.pd.release
	os, ok := catalog.LookupOS(t.osKey)
	if !ok {
		os = catalog.OS{Name: string(t.osType), Type: t.osType} // a VM this plan does not hold: its OS type only
	}
	// Whether the OS may take the driver is checkTarget's: here, its defaults.
	defaults, err := catalog.DriverExtensionDefaultsAllowing(os, release, driverType.ValueString(), true)
	if err != nil {
		return // reported by checkTarget
	}
	plan.Publisher, plan.Type = types.StringValue(defaults.Publisher), types.StringValue(defaults.Type)
	sameType := state != nil && strings.EqualFold(state.Type.ValueString(), defaults.Type)
	switch {
	case known(config.TypeHandlerVersion):
		if v := config.TypeHandlerVersion.ValueString(); !catalog.IsDriverHandlerVersion(t.osType, release, v) {
			diags.AddAttributeError(path.Root("type_handler_version"), "Extension version not on this release",
				fmt.Sprintf("type_handler_version = %q: release %s has version %s of %s %s. Use it, or leave type_handler_version unset.",
					v, release, strings.Join(catalog.DriverHandlerVersions(t.osType, release), ", "), defaults.Type, catalog.Cite("EXT")))
		}
	case sameType && catalog.IsDriverHandlerVersion(t.osType, release, state.TypeHandlerVersion.ValueString()):
		plan.TypeHandlerVersion = state.TypeHandlerVersion
	default:
		plan.TypeHandlerVersion = types.StringValue(defaults.HandlerVersion)
	}
	if !config.Settings.IsNull() {
		// The same JSON spelled otherwise changes nothing: Terraform takes
		// the prior value for a configured one it is equivalent to.
		if state != nil && catalog.SameSettings(state.Settings.ValueString(), config.Settings.ValueString()) {
			plan.Settings = state.Settings
		}
	} else {
		want := catalog.SettingsJSON(defaults.Settings)
		if sameType && catalog.SameSettings(state.Settings.ValueString(), want) {
			plan.Settings = state.Settings
		} else {
			plan.Settings = jsontypes.NewNormalizedValue(want)
		}
	}
}

// sameExtension reports whether a plan changes nothing the device has.
func sameExtension(state, plan gpuExtensionModel) bool {
	return state.TypeHandlerVersion.Equal(plan.TypeHandlerVersion) && catalog.SameSettings(state.Settings.ValueString(), plan.Settings.ValueString()) &&
		state.AutoUpgradeMinorVersion.Equal(plan.AutoUpgradeMinorVersion)
}

// checkOneDriver: a VM takes one GPU driver extension, in this plan and on
// the device ("Multiple VMExtensions per handler not supported").
func (r *gpuExtensionResource) checkOneDriver(ctx context.Context, vmID string, plan gpuExtensionModel, t extensionTarget, diags *diag.Diagnostics) {
	pd := r.pd
	extID := plan.ID.ValueString()
	if other := pd.claimDriver(vmID, extID); other != "" {
		diags.AddAttributeError(path.Root("name"), "Second GPU driver extension",
			fmt.Sprintf("name = %q: this plan also installs GPU driver extension %s on VM %s, and a VM takes one GPU driver extension "+
				"(the device refuses a second: \"Multiple VMExtensions per handler not supported\"). Keep one.", plan.Name.ValueString(), other, vmID))
		return
	}
	if t.creating {
		return // a new VM has no extensions yet
	}
	exts, err := remember(pd.planSession, extensionsKey(vmID), func() ([]device.Extension, error) { return pd.client.ListExtensions(ctx, vmID) })
	if err != nil {
		if !errors.Is(err, device.ErrNotFound) {
			diags.AddError("Cannot read the VM's extensions", err.Error())
		}
		return
	}
	for _, e := range exts {
		if catalog.IsDriverExtensionType(e.Properties.Type) && !device.SameID(e.ID, extID) {
			diags.AddAttributeError(path.Root("name"), "VM already has a GPU driver extension",
				fmt.Sprintf("name = %q: VM %s already has GPU driver extension %s (%s %s), and a VM takes one "+
					"(the device refuses a second: \"Multiple VMExtensions per handler not supported\"). Import it with "+
					"terraform import <address> %s, or delete it.", plan.Name.ValueString(), vmID, e.Name, e.Properties.Type, e.Properties.TypeHandlerVersion, e.ID))
			return
		}
	}
}
