package provider

import (
	"context"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestRefreshDataDisks(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	disk := func(name string, lun, gb int) device.DataDisk {
		return device.DataDisk{LUN: lun, Name: name, CreateOption: "Empty", DiskSizeGB: gb, ManagedDisk: &device.SubResource{ID: "/d/" + name}}
	}
	vm := func(disks ...device.DataDisk) device.VirtualMachine {
		var v device.VirtualMachine
		v.Properties.StorageProfile = &device.StorageProfile{DataDisks: disks}
		return v
	}
	model := func(name string, lun, gb int64) dataDiskModel {
		return dataDiskModel{LUN: types.Int64Value(lun), SizeGB: types.Int64Value(gb), Caching: types.StringValue("None"),
			Name: types.StringValue(name), ID: types.StringValue("/d/" + name)}
	}
	// No disks and none configured stays null; an empty list stays empty.
	if got := refreshDataDisks(ctx, types.ListNull(dataDiskType), vm(), &diags); !got.IsNull() {
		t.Fatalf("null prior: %v", got)
	}
	if got := refreshDataDisks(ctx, dataDisksValue(ctx, []dataDiskModel{}, &diags), vm(), &diags); got.IsNull() || len(got.Elements()) != 0 {
		t.Fatalf("empty prior: %v", got)
	}
	// The prior's order is kept (by name); disks it lacks follow, by LUN;
	// the device's sizes win (drift).
	prior := dataDisksValue(ctx, []dataDiskModel{model("b", 5, 10), model("a", 0, 10)}, &diags)
	got := dataDisksOf(ctx, refreshDataDisks(ctx, prior, vm(disk("z", 9, 1), disk("a", 0, 20), disk("y", 3, 1), disk("b", 5, 10)), &diags), &diags)
	var names []string
	for _, d := range got {
		names = append(names, d.Name.ValueString())
	}
	if diags.HasError() || len(got) != 4 || names[0] != "b" || names[1] != "a" || names[2] != "y" || names[3] != "z" || got[1].SizeGB.ValueInt64() != 20 {
		t.Fatalf("refreshed %v %v", names, diags)
	}
}
