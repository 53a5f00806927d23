package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ resource.ResourceWithConfigure      = (*gpuExtensionResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*gpuExtensionResource)(nil)
	_ resource.ResourceWithValidateConfig = (*gpuExtensionResource)(nil)
	_ resource.ResourceWithImportState    = (*gpuExtensionResource)(nil)
	_ resource.ResourceWithIdentity       = (*gpuExtensionResource)(nil)
)

// Default timeouts of azurestackedge_gpu_extension: the install takes
// about 10 minutes [EXT].
const (
	extCreateTimeout = 30 * time.Minute
	extUpdateTimeout = 30 * time.Minute
	extDeleteTimeout = 30 * time.Minute
	extReadTimeout   = 5 * time.Minute
)

// defaultExtensionName is the extension's default name.
const defaultExtensionName = "gpu-driver"

// gpuExtensionResource is azurestackedge_gpu_extension: the NVIDIA GPU
// driver extension of a GPU VM.
type gpuExtensionResource struct{ pd *providerData }

func newGPUExtensionResource() resource.Resource { return &gpuExtensionResource{} }

type gpuExtensionModel struct {
	ID                      types.String         `tfsdk:"id"`
	VirtualMachineID        types.String         `tfsdk:"virtual_machine_id"`
	Name                    types.String         `tfsdk:"name"`
	DriverType              types.String         `tfsdk:"driver_type"`
	TypeHandlerVersion      types.String         `tfsdk:"type_handler_version"`
	Settings                jsontypes.Normalized `tfsdk:"settings"`
	AutoUpgradeMinorVersion types.Bool           `tfsdk:"auto_upgrade_minor_version"`
	Publisher               types.String         `tfsdk:"publisher"`
	Type                    types.String         `tfsdk:"type"`
	ProvisioningState       types.String         `tfsdk:"provisioning_state"`
	StatusMessage           types.String         `tfsdk:"status_message"`
	Timeouts                timeouts.Value       `tfsdk:"timeouts"`
}

type gpuExtensionIdentity struct {
	SubscriptionID     types.String `tfsdk:"subscription_id"`
	ResourceGroupName  types.String `tfsdk:"resource_group_name"`
	VirtualMachineName types.String `tfsdk:"virtual_machine_name"`
	Name               types.String `tfsdk:"name"`
}

func (r *gpuExtensionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gpu_extension"
}

func (r *gpuExtensionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.pd = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *gpuExtensionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	computedKept := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The NVIDIA GPU driver extension (`Microsoft.HpcCompute`) of a GPU VM on an Azure Stack Edge device. " +
			"Its type, handler version and settings default to what the device's release takes for the VM's OS. " +
			"Plans the device would fail after the 10-minute install are refused at plan time.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: computedKept, MarkdownDescription: "ARM ID of the extension."},
			"virtual_machine_id": schema.StringAttribute{
				Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "ARM ID of the GPU VM, such as `azurestackedge_gpu_vm.this.id`. Changing it replaces the extension.",
				Validators:          []validator.String{armID("Microsoft.Compute", "virtualMachines")},
			},
			"name": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(defaultExtensionName),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "Name of the extension. Default `" + defaultExtensionName + "`. Changing it replaces the extension.",
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 80)},
			},
			"driver_type": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: []planmodifier.String{keepImportedDriverType{}},
				MarkdownDescription: "Windows only: `CUDA` (the default the templates use) or `GRID` drivers. Sets `DriverType` in the settings. " +
					"An import reads it from the settings; left unset after an import, the driver keeps the type it has.",
				Validators: []validator.String{stringvalidator.OneOf("CUDA", "GRID")},
			},
			"type_handler_version": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Extension version. Default: what the release takes (before 2205: 1.3; from 2205: 1.5 on Windows, 1.8 on Linux). Changes in place.",
			},
			"settings": schema.StringAttribute{
				Optional: true, Computed: true, CustomType: jsontypes.NormalizedType{},
				MarkdownDescription: "Public settings as a JSON object. Default: the release's, for the OS (on Windows `DriverURL`, " +
					"`DriverCertificateUrl` and `DriverType`; `{}` on Linux). Compared as JSON: key order and white space make no change.",
				Validators: []validator.String{stringCheck{"must be a JSON object", checkSettings}},
			},
			"auto_upgrade_minor_version": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Let the device take newer minor versions. Default true, as in every template.",
			},
			"publisher":          schema.StringAttribute{Computed: true, PlanModifiers: computedKept, MarkdownDescription: "`Microsoft.HpcCompute`."},
			"type":               schema.StringAttribute{Computed: true, PlanModifiers: computedKept, MarkdownDescription: "`NvidiaGpuDriverWindows` or `NvidiaGpuDriverLinux`, from the VM's OS."},
			"provisioning_state": schema.StringAttribute{Computed: true, MarkdownDescription: "`Succeeded`, or `Failed` (the resource is then replaced on the next apply)."},
			"status_message":     schema.StringAttribute{Computed: true, MarkdownDescription: "The extension's latest status message from the device."},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "Default 30m: the install takes about 10 minutes."}),
		},
	}
}

func (r *gpuExtensionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"subscription_id":      identityschema.StringAttribute{OptionalForImport: true, Description: "The device's subscription; default the provider's."},
			"resource_group_name":  identityschema.StringAttribute{RequiredForImport: true, Description: "Resource group of the VM."},
			"virtual_machine_name": identityschema.StringAttribute{RequiredForImport: true, Description: "Name of the VM."},
			"name":                 identityschema.StringAttribute{RequiredForImport: true, Description: "Name of the extension."},
		},
	}
}
