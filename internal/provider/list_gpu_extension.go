package provider

import (
	"context"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ list.ListResourceWithConfigure = (*gpuExtensionList)(nil)

// gpuExtensionList is the list resource azurestackedge_gpu_extension: the
// NVIDIA GPU driver extensions of the device's GPU VMs.
type gpuExtensionList struct{ exts gpuExtensionResource }

func newGPUExtensionList() list.ListResource { return &gpuExtensionList{} }

func (l *gpuExtensionList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	l.exts.Metadata(ctx, req, resp)
}

func (l *gpuExtensionList) Configure(ctx context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.exts.Configure(ctx, req, resp)
}

func (l *gpuExtensionList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listFilterSchema("the NVIDIA GPU driver extensions of the GPU VMs (the filters apply to the VMs)")
}

func (l *gpuExtensionList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	f, diags := readFilter(ctx, l.exts.pd, req.Config)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		vms, err := gpuVMsOnDevice(ctx, l.exts.pd, f)
		if err != nil {
			diags.AddError("Cannot list the device's VMs", err.Error())
			push(list.ListResult{Diagnostics: diags})
			return
		}
		n := int64(0)
		for _, vm := range vms {
			exts, err := l.exts.pd.client.ListExtensions(ctx, vm.ID)
			if err != nil {
				if !push(list.ListResult{Diagnostics: diagError("Cannot list the extensions of VM "+vm.ID, err)}) {
					return
				}
				continue
			}
			for _, ext := range exts {
				if !catalog.IsDriverExtension(ext.Properties.Publisher, ext.Properties.Type) {
					continue
				}
				if req.Limit > 0 && n >= req.Limit {
					return
				}
				n++
				if !push(l.result(ctx, req, vm, ext)) {
					return
				}
			}
		}
	}
}

func (l *gpuExtensionList) result(ctx context.Context, req list.ListRequest, vm device.VirtualMachine, ext device.Extension) list.ListResult {
	res := req.NewListResult(ctx)
	res.DisplayName = vm.Name + "/" + ext.Name + " (" + ext.Properties.Type + " " + ext.Properties.TypeHandlerVersion + ")"
	res.Diagnostics.Append(res.Identity.Set(ctx, extensionIdentityOf(ext.ID))...)
	if !req.IncludeResource {
		return res
	}
	res.Resource = nullResource(ctx, req)
	var m gpuExtensionModel
	res.Diagnostics.Append(res.Resource.Get(ctx, &m)...)
	m.ID = types.StringValue(ext.ID)
	if !l.exts.refresh(ctx, &m, &res.Diagnostics) {
		res.Diagnostics.AddWarning("Extension gone", "Extension "+ext.ID+" was deleted while it was being listed.")
		return res
	}
	res.Diagnostics.Append(res.Resource.Set(ctx, m)...)
	return res
}
