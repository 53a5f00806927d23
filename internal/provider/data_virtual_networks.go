package provider

import (
	"context"
	"sort"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*virtualNetworksDataSource)(nil)

// virtualNetworksDataSource lists the device's virtual networks and
// subnets: the compute network is named after the virtual switch on newer
// releases (ASEVNET on older ones), so it is found, not hard-coded [TPL].
type virtualNetworksDataSource struct{ pd *providerData }

func newVirtualNetworksDataSource() datasource.DataSource { return &virtualNetworksDataSource{} }

type virtualNetworksModel struct {
	Name              types.String          `tfsdk:"name"`
	ResourceGroupName types.String          `tfsdk:"resource_group_name"`
	VirtualNetworks   []virtualNetworkModel `tfsdk:"virtual_networks"`
}

type virtualNetworkModel struct {
	ID                types.String  `tfsdk:"id"`
	Name              types.String  `tfsdk:"name"`
	ResourceGroupName types.String  `tfsdk:"resource_group_name"`
	AddressSpace      []string      `tfsdk:"address_space"`
	Subnets           []subnetModel `tfsdk:"subnets"`
}

type subnetModel struct {
	ID            types.String `tfsdk:"id"`
	Name          types.String `tfsdk:"name"`
	AddressPrefix types.String `tfsdk:"address_prefix"`
}

func (d *virtualNetworksDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_virtual_networks"
}

func (d *virtualNetworksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The virtual networks on the device with their subnets, read in one request: find the compute network's " +
			"subnet (`ASEVNET`/`ASEVNETsubNet` on older releases, named after the virtual switch on newer ones) instead of hard-coding it.",
		Attributes: map[string]schema.Attribute{
			"name":                schema.StringAttribute{Optional: true, MarkdownDescription: "Only the network of this name (ignoring case)."},
			"resource_group_name": schema.StringAttribute{Optional: true, MarkdownDescription: "Only networks of this resource group (ignoring case)."},
			"virtual_networks": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The networks that pass the filters, sorted by resource group and name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                  schema.StringAttribute{Computed: true, MarkdownDescription: "ARM ID of the network."},
					"name":                schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the network."},
					"resource_group_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Resource group of the network."},
					"address_space":       schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Address prefixes of the network."},
					"subnets": schema.ListNestedAttribute{
						Computed:            true,
						MarkdownDescription: "Subnets of the network.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"id":             schema.StringAttribute{Computed: true, MarkdownDescription: "ARM ID of the subnet: the `subnet_id` of `azurestackedge_gpu_vm`."},
							"name":           schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the subnet."},
							"address_prefix": schema.StringAttribute{Computed: true, MarkdownDescription: "Address prefix of the subnet."},
						}},
					},
				}},
			},
		},
	}
}

func (d *virtualNetworksDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.pd = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *virtualNetworksDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m virtualNetworksModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !d.pd.ready(&resp.Diagnostics) {
		return
	}
	vnets, err := d.pd.client.ListVirtualNetworks(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot list the device's virtual networks", connectionDetail(err))
		return
	}
	m.VirtualNetworks = filterVirtualNetworks(vnets, m.Name.ValueString(), m.ResourceGroupName.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// filterVirtualNetworks keeps the networks that match every filter that is not "".
func filterVirtualNetworks(vnets []device.VirtualNetwork, name, group string) []virtualNetworkModel {
	out := []virtualNetworkModel{}
	for _, v := range vnets {
		id, _ := device.ParseResourceID(v.ID)
		if (name != "" && !strings.EqualFold(v.Name, name)) || (group != "" && !strings.EqualFold(id.ResourceGroup, group)) {
			continue
		}
		vm := virtualNetworkModel{ID: types.StringValue(v.ID), Name: types.StringValue(v.Name), ResourceGroupName: types.StringValue(id.ResourceGroup),
			AddressSpace: append([]string{}, v.Properties.AddressSpace.AddressPrefixes...), Subnets: []subnetModel{}}
		for _, s := range v.Properties.Subnets {
			vm.Subnets = append(vm.Subnets, subnetModel{ID: types.StringValue(s.ID), Name: types.StringValue(s.Name),
				AddressPrefix: types.StringValue(s.Properties.AddressPrefix)})
		}
		out = append(out, vm)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := strings.ToLower(out[i].ResourceGroupName.ValueString()), strings.ToLower(out[j].ResourceGroupName.ValueString())
		if a != b {
			return a < b
		}
		return strings.ToLower(out[i].Name.ValueString()) < strings.ToLower(out[j].Name.ValueString())
	})
	return out
}
