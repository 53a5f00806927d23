package provider

import (
	"context"
	"fmt"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*vmSizesDataSource)(nil)

// vmSizesDataSource lists the VM sizes of a device release.
type vmSizesDataSource struct{ pd *providerData }

func newVMSizesDataSource() datasource.DataSource { return &vmSizesDataSource{} }

type vmSizesModel struct {
	Release types.String `tfsdk:"release"`
	GPUOnly types.Bool   `tfsdk:"gpu_only"`
	GPUType types.String `tfsdk:"gpu_type"`
	Sizes   types.List   `tfsdk:"sizes"`
}

var sizeType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"name":       types.StringType,
	"vcpus":      types.Int64Type,
	"memory_gib": types.Float64Type,
	"gpu_count":  types.Int64Type,
	"gpu_type":   types.StringType,
}}

func (d *vmSizesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vm_sizes"
}

func (d *vmSizesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The VM sizes a device release offers, from this provider's catalog (no device request). " +
			"Filter to GPU sizes, or to the sizes of one GPU type.",
		Attributes: map[string]schema.Attribute{
			"release": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Device release to list, such as `2309`. Default: the provider's `device_release`.",
				Validators:          []validator.String{releaseName()},
			},
			"gpu_only": schema.BoolAttribute{Optional: true, MarkdownDescription: "List GPU sizes only."},
			"gpu_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "List only GPU sizes of this GPU type: `T4` or `A2`.",
				Validators:          []validator.String{stringvalidator.OneOf("T4", "A2")},
			},
			"sizes": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The sizes, by name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":       schema.StringAttribute{Computed: true, MarkdownDescription: "Size name, such as `Standard_NC4as_T4_v3`."},
					"vcpus":      schema.Int64Attribute{Computed: true, MarkdownDescription: "Virtual CPUs."},
					"memory_gib": schema.Float64Attribute{Computed: true, MarkdownDescription: "Memory in GiB."},
					"gpu_count":  schema.Int64Attribute{Computed: true, MarkdownDescription: "GPUs a VM of this size holds; 0 for general-purpose sizes."},
					"gpu_type":   schema.StringAttribute{Computed: true, MarkdownDescription: "`T4`, `A2`, or empty for general-purpose sizes."},
				}},
			},
		},
	}
}

func (d *vmSizesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.pd = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *vmSizesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m vmSizesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	release := catalog.Newest()
	if d.pd != nil && !d.pd.release.IsZero() {
		release = d.pd.release
	}
	if !m.Release.IsNull() {
		r, err := catalog.ParseRelease(m.Release.ValueString())
		if err != nil {
			resp.Diagnostics.AddError("Invalid release", fmt.Sprintf("release = %q: %v", m.Release.ValueString(), err))
			return
		}
		release = r
	}
	filter := catalog.SizeFilter{GPUOnly: m.GPUOnly.ValueBool()}
	if !m.GPUType.IsNull() {
		filter.GPUType, _ = catalog.ParseGPUType(m.GPUType.ValueString())
	}
	var sizes []attr.Value
	for _, s := range catalog.Sizes(release, filter) {
		obj, diags := types.ObjectValue(sizeType.AttrTypes, map[string]attr.Value{
			"name":       types.StringValue(s.Name),
			"vcpus":      types.Int64Value(int64(s.VCPUs)),
			"memory_gib": types.Float64Value(s.MemoryGiB),
			"gpu_count":  types.Int64Value(int64(s.GPUs)),
			"gpu_type":   types.StringValue(string(s.GPUType)),
		})
		resp.Diagnostics.Append(diags...)
		sizes = append(sizes, obj)
	}
	list, diags := types.ListValue(sizeType, sizes)
	resp.Diagnostics.Append(diags...)
	m.Release = types.StringValue(release.String())
	m.Sizes = list
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
