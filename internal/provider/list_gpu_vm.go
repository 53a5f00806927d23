package provider

import (
	"context"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ list.ListResourceWithConfigure = (*gpuVMList)(nil)

// gpuVMList is the list resource azurestackedge_gpu_vm: the device's GPU VMs.
type gpuVMList struct{ vms gpuVMResource }

func newGPUVMList() list.ListResource { return &gpuVMList{} }

func (l *gpuVMList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	l.vms.Metadata(ctx, req, resp)
}

func (l *gpuVMList) Configure(ctx context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.vms.Configure(ctx, req, resp)
}

func (l *gpuVMList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listFilterSchema("the GPU VMs (VMs of a GPU size)")
}

func (l *gpuVMList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	f, diags := readFilter(ctx, l.vms.pd, req.Config)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		vms, err := gpuVMsOnDevice(ctx, l.vms.pd, f)
		if err != nil {
			diags.AddError("Cannot list the device's VMs", err.Error())
			push(list.ListResult{Diagnostics: diags})
			return
		}
		for i, vm := range vms {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			if !push(l.result(ctx, req, vm)) {
				return
			}
		}
	}
}

// result is one VM: its identity, and with IncludeResource the values an
// import of it would give.
func (l *gpuVMList) result(ctx context.Context, req list.ListRequest, vm device.VirtualMachine) list.ListResult {
	res := req.NewListResult(ctx)
	id, err := device.ParseResourceID(vm.ID)
	if err != nil {
		res.Diagnostics.AddError("Unexpected VM ID", err.Error())
		return res
	}
	res.DisplayName = id.ResourceGroup + "/" + id.Name() + " (" + vm.Properties.HardwareProfile.VMSize + ")"
	res.Diagnostics.Append(res.Identity.Set(ctx, identityOf(id.SubscriptionID, id.ResourceGroup, id.Name()))...)
	if !req.IncludeResource {
		return res
	}
	res.Resource = nullResource(ctx, req)
	var m gpuVMModel
	res.Diagnostics.Append(res.Resource.Get(ctx, &m)...)
	m.ID = types.StringValue(vm.ID)
	if !l.vms.refresh(ctx, &m, noPrivate{}, &res.Diagnostics) {
		res.Diagnostics.AddWarning("VM gone", "VM "+vm.ID+" was deleted while it was being listed.")
		return res
	}
	l.vms.readBack(ctx, vm).apply(&m)
	res.Diagnostics.Append(res.Resource.Set(ctx, m)...)
	return res
}
