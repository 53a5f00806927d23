package provider

import (
	"github.com/asegpu/terraform-provider-azurestackedge/internal/placement"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// inventoryMemoryModel is the memory part of the inventory: null figures
// when the device's memory is not known (no device_id and no memory_gib).
type inventoryMemoryModel struct {
	TotalMemoryGiB      types.Float64 `tfsdk:"total_memory_gib"`
	MemoryForVMsGiB     types.Float64 `tfsdk:"memory_for_vms_gib"`
	FreeMemoryGiB       types.Float64 `tfsdk:"free_memory_gib"`
	VMMemoryGiB         types.Float64 `tfsdk:"vm_memory_gib"`
	KubernetesMemoryGiB types.Float64 `tfsdk:"kubernetes_memory_gib"`
	MemoryClaims        types.List    `tfsdk:"memory_claims"`
}

var memoryClaimType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"virtual_machine_id": types.StringType,
	"name":               types.StringType,
	"size":               types.StringType,
	"memory_gib":         types.Float64Type,
	"power_state":        types.StringType,
}}

func inventoryMemoryAttributes() map[string]schema.Attribute {
	figure := func(d string) schema.Attribute {
		return schema.Float64Attribute{Computed: true, MarkdownDescription: d + " Null when the device's memory is not known."}
	}
	return map[string]schema.Attribute{
		"total_memory_gib":      figure("The device's memory in GiB: from the capacity API, or `memory_gib` of the provider."),
		"memory_for_vms_gib":    figure("What VMs could have with none running: the device's usable memory less what Kubernetes holds."),
		"free_memory_gib":       figure("Memory no VM or Kubernetes holds: what new VMs can have."),
		"vm_memory_gib":         figure("Memory the VMs hold together (running or stopped VMs; a deallocated VM holds none)."),
		"kubernetes_memory_gib": figure("Memory the Kubernetes role holds (0 without `device_id`, which is how it is seen)."),
		"memory_claims": schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "The VMs holding memory, GPU VMs or not.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"virtual_machine_id": schema.StringAttribute{Computed: true, MarkdownDescription: "ARM ID of the VM."},
				"name":               schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the VM."},
				"size":               schema.StringAttribute{Computed: true, MarkdownDescription: "VM size."},
				"memory_gib":         schema.Float64Attribute{Computed: true, MarkdownDescription: "Memory the VM holds, in GiB."},
				"power_state":        schema.StringAttribute{Computed: true, MarkdownDescription: "Power state."},
			}},
		},
	}
}

func inventoryMemory(m placement.Memory) (inventoryMemoryModel, diagnostics) {
	var diags diagnostics
	claims := make([]attr.Value, 0, len(m.Holders))
	for _, h := range m.Holders {
		obj, d := types.ObjectValue(memoryClaimType.AttrTypes, map[string]attr.Value{
			"virtual_machine_id": types.StringValue(h.VMID),
			"name":               types.StringValue(h.Name),
			"size":               types.StringValue(h.Size),
			"memory_gib":         types.Float64Value(gib(h.MiB)),
			"power_state":        types.StringValue(h.PowerState),
		})
		diags.Append(d...)
		claims = append(claims, obj)
	}
	list, d := types.ListValue(memoryClaimType, claims)
	diags.Append(d...)
	if !m.Known {
		null := types.Float64Null()
		return inventoryMemoryModel{null, null, null, null, null, list}, diags
	}
	return inventoryMemoryModel{
		TotalMemoryGiB:      types.Float64Value(gib(m.TotalMiB)),
		MemoryForVMsGiB:     types.Float64Value(gib(m.ForVMsMiB - m.KubernetesMiB)),
		FreeMemoryGiB:       types.Float64Value(gib(m.FreeMiB)),
		VMMemoryGiB:         types.Float64Value(gib(m.HeldByVMsMiB())),
		KubernetesMemoryGiB: types.Float64Value(gib(m.KubernetesMiB)),
		MemoryClaims:        list,
	}, diags
}
