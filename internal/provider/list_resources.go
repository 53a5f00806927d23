package provider

import (
	"context"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// List resources answer `terraform query` (Terraform 1.14 and later): what
// the device has, each with its identity and, when asked, its values, so
// `terraform query -generate-config-out` writes import blocks and
// configuration that plan nothing.

var _ provider.ProviderWithListResources = (*AzureStackEdgeProvider)(nil)

func (p *AzureStackEdgeProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{newGPUVMList, newGPUExtensionList}
}

// listFilter is the list configuration both list resources take.
type listFilter struct {
	ResourceGroupName types.String `tfsdk:"resource_group_name"`
	NamePrefix        types.String `tfsdk:"name_prefix"`
}

func listFilterSchema(what string) listschema.Schema {
	return listschema.Schema{
		MarkdownDescription: "Lists " + what + " on the device. With no configuration, every one.",
		Attributes: map[string]listschema.Attribute{
			"resource_group_name": listschema.StringAttribute{
				Optional: true, MarkdownDescription: "Only VMs of this resource group (case does not matter).",
			},
			"name_prefix": listschema.StringAttribute{
				Optional: true, MarkdownDescription: "Only VMs whose name starts with this (case does not matter).",
			},
		},
	}
}

// keeps reports whether the filter keeps a VM.
func (f listFilter) keeps(vmID string) bool {
	id, err := device.ParseResourceID(vmID)
	if err != nil {
		return false
	}
	if rg := f.ResourceGroupName.ValueString(); rg != "" && !strings.EqualFold(rg, id.ResourceGroup) {
		return false
	}
	return strings.HasPrefix(strings.ToLower(id.Name()), strings.ToLower(f.NamePrefix.ValueString()))
}

// gpuVMsOnDevice lists the device's GPU VMs the filter keeps: the VMs
// azurestackedge_gpu_vm can import.
func gpuVMsOnDevice(ctx context.Context, pd *providerData, f listFilter) ([]device.VirtualMachine, error) {
	vms, err := pd.client.ListVMs(ctx)
	if err != nil {
		return nil, err
	}
	var out []device.VirtualMachine
	for _, vm := range vms {
		if s, ok := catalog.LookupSize(vm.Properties.HardwareProfile.VMSize); ok && s.IsGPU() && f.keeps(vm.ID) {
			out = append(out, vm)
		}
	}
	return out, nil
}

// readFilter reads the list configuration and checks the provider is ready.
func readFilter(ctx context.Context, pd *providerData, config tfsdk.Config) (listFilter, diag.Diagnostics) {
	var f listFilter
	var diags diag.Diagnostics
	if !config.Raw.IsNull() {
		diags.Append(config.Get(ctx, &f)...)
	}
	pd.ready(&diags)
	return f, diags
}

// nullResource is a resource of the schema with every attribute null, so
// a model read from it has the right null value in every field.
func nullResource(ctx context.Context, req list.ListRequest) *tfsdk.Resource {
	typ := req.ResourceSchema.Type().TerraformType(ctx)
	obj, _ := typ.(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, t := range obj.AttributeTypes {
		vals[name] = tftypes.NewValue(t, nil)
	}
	return &tfsdk.Resource{Raw: tftypes.NewValue(typ, vals), Schema: req.ResourceSchema}
}

// noPrivate discards the private state a refresh records: a list result
// has none (the import that follows records it).
type noPrivate struct{}

func (noPrivate) SetKey(context.Context, string, []byte) diag.Diagnostics { return nil }

func (noPrivate) GetKey(context.Context, string) ([]byte, diag.Diagnostics) { return nil, nil }

func diagError(summary string, err error) diag.Diagnostics {
	var d diag.Diagnostics
	d.AddError(summary, err.Error())
	return d
}
