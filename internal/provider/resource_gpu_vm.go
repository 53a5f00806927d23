package provider

import (
	"context"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ resource.ResourceWithConfigure      = (*gpuVMResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*gpuVMResource)(nil)
	_ resource.ResourceWithValidateConfig = (*gpuVMResource)(nil)
	_ resource.ResourceWithImportState    = (*gpuVMResource)(nil)
	_ resource.ResourceWithIdentity       = (*gpuVMResource)(nil)
)

// Default timeouts of azurestackedge_gpu_vm: VM creation takes 15-20
// minutes on the device [TPL].
const (
	vmCreateTimeout = 45 * time.Minute
	vmUpdateTimeout = 45 * time.Minute
	vmDeleteTimeout = 45 * time.Minute
	vmReadTimeout   = 5 * time.Minute
)

// Power states a configuration may ask for.
const (
	powerRunning     = device.PowerRunning
	powerDeallocated = device.PowerDeallocated
)

// gpuVMResource is azurestackedge_gpu_vm: a GPU VM and the NIC it owns.
type gpuVMResource struct{ pd *providerData }

func newGPUVMResource() resource.Resource { return &gpuVMResource{} }

type gpuVMModel struct {
	ID                     types.String   `tfsdk:"id"`
	Name                   types.String   `tfsdk:"name"`
	ResourceGroupName      types.String   `tfsdk:"resource_group_name"`
	Size                   types.String   `tfsdk:"size"`
	OS                     types.String   `tfsdk:"os"`
	ImageID                types.String   `tfsdk:"image_id"`
	SubnetID               types.String   `tfsdk:"subnet_id"`
	PrivateIPAddress       types.String   `tfsdk:"private_ip_address"`
	AdminUsername          types.String   `tfsdk:"admin_username"`
	AdminPassword          types.String   `tfsdk:"admin_password"`
	AdminPasswordWO        types.String   `tfsdk:"admin_password_wo"`
	AdminPasswordWOVersion types.Int64    `tfsdk:"admin_password_wo_version"`
	SSHPublicKey           types.String   `tfsdk:"ssh_public_key"`
	ComputerName           types.String   `tfsdk:"computer_name"`
	PowerState             types.String   `tfsdk:"power_state"`
	AllowUntestedOS        types.Bool     `tfsdk:"allow_untested_os"`
	Tags                   types.Map      `tfsdk:"tags"`
	CustomData             types.String   `tfsdk:"custom_data"`
	DataDisks              types.List     `tfsdk:"data_disks"`
	NetworkInterfaceID     types.String   `tfsdk:"network_interface_id"`
	GPUCount               types.Int64    `tfsdk:"gpu_count"`
	GPUType                types.String   `tfsdk:"gpu_type"`
	Timeouts               timeouts.Value `tfsdk:"timeouts"`
}

// gpuVMIdentity is the resource identity (Terraform 1.12 and later).
type gpuVMIdentity struct {
	SubscriptionID    types.String `tfsdk:"subscription_id"`
	ResourceGroupName types.String `tfsdk:"resource_group_name"`
	Name              types.String `tfsdk:"name"`
}

func (r *gpuVMResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gpu_vm"
}

func (r *gpuVMResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.pd = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *gpuVMResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A GPU virtual machine on an Azure Stack Edge Pro GPU device, with the network interface it owns " +
			"(created first, deleted last, with the VM's OS disk). Plans the device would refuse are refused at plan time: " +
			"sizes and OSes it does not support for GPU VMs, images of the wrong OS, addresses in use, and more GPUs than are free.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ARM ID of the VM.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required: true, PlanModifiers: replace,
				MarkdownDescription: "Name of the VM (1 to 64 letters, digits, `-`, `.` and `_`). Changing it replaces the VM.",
			},
			"resource_group_name": schema.StringAttribute{
				Required: true, PlanModifiers: replace,
				MarkdownDescription: "Resource group of the VM and its NIC, on the device. Changing it replaces the VM.",
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 90)},
			},
			"size": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "GPU VM size, such as `Standard_NC4as_T4_v3`: one the device's release offers, of the device's GPU type. " +
					"Changing it resizes the VM in place (deallocate, resize, start).",
			},
			"os": schema.StringAttribute{
				Required: true, PlanModifiers: []planmodifier.String{replaceUnlessImported},
				MarkdownDescription: "Operating system of the image: one of `" + joinKeys(catalog.OSKeys()) + "`. GPU VMs need one the GPU " +
					"driver extension supports: `windows_server_2019`, `windows_server_2016`, `ubuntu_18_04`, `rhel_7_4`. Changing it replaces the VM. " +
					"The device records only Windows or Linux, so an import reads `os` from what this provider recorded on the VM's network " +
					"interface at create, else from the image's name (such as `ubuntu-18.04` or `win2019`); when neither tells, the import " +
					"warns, and the first plan records the configuration's `os` (checked against the image's OS type) without changing the VM.",
				Validators: []validator.String{stringvalidator.OneOf(catalog.OSKeys()...)},
			},
			"image_id": schema.StringAttribute{
				Required: true, PlanModifiers: replace,
				MarkdownDescription: "ARM ID of the `Microsoft.Compute/images` image (a generation 1 VHD) whose OS type matches `os`. Changing it replaces the VM.",
				Validators:          []validator.String{armID("Microsoft.Compute", "images")},
			},
			"subnet_id": schema.StringAttribute{
				Required: true, PlanModifiers: replace,
				MarkdownDescription: "ARM ID of the subnet of the VM's NIC: the compute network of the device (`ASEVNET`/`ASEVNETsubNet` on older releases). " +
					"Changing it replaces the VM.",
				Validators: []validator.String{armID("Microsoft.Network", "virtualNetworks", "subnets")},
			},
			"private_ip_address": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Static IPv4 address of the NIC. Unset, the device's DHCP gives one, shown here.",
				Validators:          []validator.String{ipv4Address()},
				PlanModifiers:       []planmodifier.String{keepLease{}},
			},
			"admin_username": schema.StringAttribute{
				Required: true, PlanModifiers: replace,
				MarkdownDescription: "Administrator user name. Changing it replaces the VM.",
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 64)},
			},
			"admin_password": schema.StringAttribute{
				Optional: true, Computed: true, Sensitive: true, PlanModifiers: []planmodifier.String{keepImportedPassword{}, replaceUnlessImported},
				MarkdownDescription: "Administrator password. It is never read back from the device. Changing it replaces the VM. " +
					"Prefer `admin_password_wo`, which is kept out of state. After an import the device cannot tell the VM's password: " +
					"state holds `\"\"` and plans ignore this value (nothing is sent) until the VM is replaced, e.g. with `terraform apply -replace`.",
				Validators: []validator.String{stringvalidator.ConflictsWith(path.MatchRoot("admin_password_wo"))},
			},
			"admin_password_wo": schema.StringAttribute{
				Optional: true, Sensitive: true, WriteOnly: true,
				MarkdownDescription: "Administrator password, write-only: it is in neither plan nor state (Terraform 1.11 or later). " +
					"Set `admin_password_wo_version` with it, and change the version to replace the VM with a new password.",
				Validators: []validator.String{stringvalidator.AlsoRequires(path.MatchRoot("admin_password_wo_version"))},
			},
			"admin_password_wo_version": schema.Int64Attribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Version of `admin_password_wo`; changing it replaces the VM. After an import the device cannot tell " +
					"the VM's password: state holds `0` and plans ignore this value (nothing is sent) until the VM is replaced.",
				Validators: []validator.Int64{versionNeedsPassword{}},
				PlanModifiers: []planmodifier.Int64{keepImportedVersion{},
					int64planmodifier.RequiresReplaceIf(replaceInt64UnlessImported, "Changing it replaces the VM.", "Changing it replaces the VM.")},
			},
			"ssh_public_key": schema.StringAttribute{
				// The device returns the VM's keys, so an import reads it back:
				// adding one to a VM that has none is a change like any other.
				Optional: true, PlanModifiers: []planmodifier.String{sameSSHKey{}, stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "SSH public key of the administrator (Linux only), in OpenSSH form. Changing it, adding it or removing it replaces the VM " +
					"(white space around the key makes no change; an import reads it from the device).",
				Validators: []validator.String{sshPublicKey()},
			},
			"computer_name": schema.StringAttribute{
				Optional: true, Computed: true,
				PlanModifiers:       []planmodifier.String{defaultToName{}, stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "Host name of the guest. Default: `name` (which must then fit: at most 15 characters on Windows). Changing it replaces the VM.",
			},
			"power_state": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(powerRunning),
				MarkdownDescription: "`running` (default) or `deallocated`. A deallocated GPU VM keeps its GPU from release 2207 on; " +
					"on earlier releases (2103 to 2205, whose release notes say so) a configured Kubernetes role takes it, and the plan to start the VM again is refused.",
				Validators: []validator.String{stringvalidator.OneOf(powerRunning, powerDeallocated)},
			},
			"allow_untested_os": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Run an `os` outside the GPU driver's tested list (for example `windows_server_2022`, or `ubuntu_18_04` from release 2407, whose notes dropped its driver) " +
					"with a plan-time warning instead of an error: such OSes \"may work but haven't been tested\". The GPU driver extension of the VM follows this choice. Default `false`.",
			},
			"tags": schema.MapAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Tags of the VM.",
			},
			"custom_data": customDataAttribute(),
			"data_disks":  dataDisksAttribute(),
			"network_interface_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ARM ID of the NIC this resource owns. Its name, `<name>-nic-<token>`, carries the creation token that makes one run the VM's owner.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"gpu_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "GPUs the VM holds, from its size."},
			"gpu_type":  schema.StringAttribute{Computed: true, MarkdownDescription: "GPU type of its size: `T4` or `A2`."},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "Default 45m: the device takes 15 to 20 minutes to create a VM.",
			}),
		},
	}
}

func (r *gpuVMResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"subscription_id":     identityschema.StringAttribute{OptionalForImport: true, Description: "The device's subscription; default the provider's."},
			"resource_group_name": identityschema.StringAttribute{RequiredForImport: true, Description: "Resource group of the VM."},
			"name":                identityschema.StringAttribute{RequiredForImport: true, Description: "Name of the VM."},
		},
	}
}
