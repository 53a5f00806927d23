package provider

import (
	"context"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/placement"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*gpuInventoryDataSource)(nil)

// gpuInventoryDataSource reports who holds the device's GPUs.
type gpuInventoryDataSource struct{ pd *providerData }

func newGPUInventoryDataSource() datasource.DataSource { return &gpuInventoryDataSource{} }

type gpuInventoryModel struct {
	GPUType              types.String `tfsdk:"gpu_type"`
	TotalGPUs            types.Int64  `tfsdk:"total_gpus"`
	FreeGPUs             types.Int64  `tfsdk:"free_gpus"`
	KubernetesConfigured types.Bool   `tfsdk:"kubernetes_configured"`
	KubernetesGPUs       types.Int64  `tfsdk:"kubernetes_gpus"`
	VMClaims             types.List   `tfsdk:"vm_claims"`
	Source               types.String `tfsdk:"source"`
	inventoryMemoryModel
}

var claimType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"virtual_machine_id": types.StringType,
	"name":               types.StringType,
	"size":               types.StringType,
	"gpu_count":          types.Int64Type,
	"power_state":        types.StringType,
}}

func (d *gpuInventoryDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gpu_inventory"
}

func (d *gpuInventoryDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Who holds the device's GPUs: its GPU VMs and the Kubernetes role, and how many are free. " +
			"Capacity comes from the device's Azure side when the provider has `device_id`, otherwise from `gpu_count` and `gpu_type`; " +
			"VMs always come from the device.",
		Attributes: map[string]schema.Attribute{
			"gpu_type":              schema.StringAttribute{Computed: true, MarkdownDescription: "The device's GPU type: `T4` or `A2`."},
			"total_gpus":            schema.Int64Attribute{Computed: true, MarkdownDescription: "GPUs the device has."},
			"free_gpus":             schema.Int64Attribute{Computed: true, MarkdownDescription: "GPUs neither a VM nor Kubernetes holds: what new GPU VMs can have."},
			"kubernetes_configured": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the Kubernetes role is configured (always false without `device_id`, which is how it is seen)."},
			"kubernetes_gpus":       schema.Int64Attribute{Computed: true, MarkdownDescription: "GPUs the Kubernetes role holds: every GPU free when it was configured."},
			"vm_claims": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The VMs holding GPUs. A deallocated GPU VM keeps its GPU; a VM whose creation failed holds none.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"virtual_machine_id": schema.StringAttribute{Computed: true, MarkdownDescription: "ARM ID of the VM."},
					"name":               schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the VM."},
					"size":               schema.StringAttribute{Computed: true, MarkdownDescription: "VM size."},
					"gpu_count":          schema.Int64Attribute{Computed: true, MarkdownDescription: "GPUs the VM holds."},
					"power_state":        schema.StringAttribute{Computed: true, MarkdownDescription: "Power state: `running`, `deallocated`, `stopped`, ..."},
				}},
			},
			"source": schema.StringAttribute{Computed: true, MarkdownDescription: "Where capacity came from: `capacity_api` or `declared`."},
		},
	}
	for name, a := range inventoryMemoryAttributes() {
		resp.Schema.Attributes[name] = a
	}
}

func (d *gpuInventoryDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.pd = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *gpuInventoryDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.pd.ready(&resp.Diagnostics) || !d.pd.connected(ctx, &resp.Diagnostics) {
		return
	}
	inv, err := d.pd.readInventory(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the GPU inventory", connectionDetail(err))
		return
	}
	if inv.Source == placement.SourceDeclared {
		resp.Diagnostics.AddWarning("GPU inventory without the device's Azure side",
			"Without device_id, total_gpus and gpu_type are those declared in the provider block, and the GPUs the Kubernetes role holds "+
				"cannot be seen: free_gpus counts only what VMs hold. Set device_id (with Azure credentials) for the device's own count.")
	}
	m, diags := inventoryModel(inv)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func inventoryModel(inv placement.Inventory) (gpuInventoryModel, diagnostics) {
	claims := make([]attr.Value, 0, len(inv.Claims))
	var diags diagnostics
	for _, c := range inv.Claims {
		obj, d := types.ObjectValue(claimType.AttrTypes, map[string]attr.Value{
			"virtual_machine_id": types.StringValue(c.VMID),
			"name":               types.StringValue(c.Name),
			"size":               types.StringValue(c.Size),
			"gpu_count":          types.Int64Value(int64(c.GPUs)),
			"power_state":        types.StringValue(c.PowerState),
		})
		diags.Append(d...)
		claims = append(claims, obj)
	}
	list, d := types.ListValue(claimType, claims)
	diags.Append(d...)
	mem, d := inventoryMemory(inv.Memory)
	diags.Append(d...)
	return gpuInventoryModel{
		inventoryMemoryModel: mem,
		GPUType:              types.StringValue(string(inv.GPUType)),
		TotalGPUs:            types.Int64Value(int64(inv.Total)),
		FreeGPUs:             types.Int64Value(int64(inv.Free)),
		KubernetesConfigured: types.BoolValue(inv.KubernetesConfigured),
		KubernetesGPUs:       types.Int64Value(int64(inv.KubernetesGPUs)),
		VMClaims:             list,
		Source:               types.StringValue(inv.Source),
	}, diags
}
