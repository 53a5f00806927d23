package provider

import (
	"context"
	"sort"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*imagesDataSource)(nil)

// imagesDataSource lists the device's VM images, so that configurations
// find an image instead of hard-coding its ID.
type imagesDataSource struct{ pd *providerData }

func newImagesDataSource() datasource.DataSource { return &imagesDataSource{} }

type imagesModel struct {
	Name              types.String `tfsdk:"name"`
	OSType            types.String `tfsdk:"os_type"`
	ResourceGroupName types.String `tfsdk:"resource_group_name"`
	Images            []imageModel `tfsdk:"images"`
}

type imageModel struct {
	ID                types.String `tfsdk:"id"`
	Name              types.String `tfsdk:"name"`
	OSType            types.String `tfsdk:"os_type"`
	HyperVGeneration  types.String `tfsdk:"hyper_v_generation"`
	ResourceGroupName types.String `tfsdk:"resource_group_name"`
}

func (d *imagesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_images"
}

func (d *imagesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The VM images (`Microsoft.Compute/images`) on the device, read in one request, optionally filtered: " +
			"find an image's ID instead of hard-coding it.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{Optional: true, MarkdownDescription: "Only the image of this name (ignoring case, as ARM does)."},
			"os_type": schema.StringAttribute{Optional: true, MarkdownDescription: "Only images of this OS type: `Linux` or `Windows`.",
				Validators: []validator.String{stringvalidator.OneOfCaseInsensitive("Linux", "Windows")}},
			"resource_group_name": schema.StringAttribute{Optional: true, MarkdownDescription: "Only images of this resource group (ignoring case)."},
			"images": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The images that pass the filters, sorted by resource group and name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                  schema.StringAttribute{Computed: true, MarkdownDescription: "ARM ID of the image: the `image_id` of `azurestackedge_gpu_vm`."},
					"name":                schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the image."},
					"os_type":             schema.StringAttribute{Computed: true, MarkdownDescription: "`Linux` or `Windows`."},
					"hyper_v_generation":  schema.StringAttribute{Computed: true, MarkdownDescription: "`V1` or `V2`; GPU VMs take `V1` images only."},
					"resource_group_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Resource group of the image."},
				}},
			},
		},
	}
}

func (d *imagesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.pd = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *imagesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m imagesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !d.pd.ready(&resp.Diagnostics) {
		return
	}
	imgs, err := d.pd.client.ListAllImages(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot list the device's images", connectionDetail(err))
		return
	}
	m.Images = filterImages(imgs, m.Name.ValueString(), m.OSType.ValueString(), m.ResourceGroupName.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// filterImages keeps the images that match every filter that is not "".
func filterImages(imgs []device.Image, name, osType, group string) []imageModel {
	out := []imageModel{}
	for _, img := range imgs {
		id, _ := device.ParseResourceID(img.ID)
		gotOS := img.Properties.StorageProfile.OSDisk.OSType
		if (name != "" && !strings.EqualFold(img.Name, name)) || (osType != "" && !strings.EqualFold(gotOS, osType)) ||
			(group != "" && !strings.EqualFold(id.ResourceGroup, group)) {
			continue
		}
		out = append(out, imageModel{ID: types.StringValue(img.ID), Name: types.StringValue(img.Name), OSType: types.StringValue(gotOS),
			HyperVGeneration: types.StringValue(img.Properties.HyperVGeneration), ResourceGroupName: types.StringValue(id.ResourceGroup)})
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
