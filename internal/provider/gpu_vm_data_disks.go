package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Data disks of azurestackedge_gpu_vm: empty managed disks made with the
// VM (or added later), attached at their LUNs, deleted with the VM.

// dataDiskCreateEmpty is how this resource makes its data disks.
const dataDiskCreateEmpty = "Empty"

// Cachings of Compute's CachingTypes.
var dataDiskCachings = []string{"None", "ReadOnly", "ReadWrite"}

type dataDiskModel struct {
	LUN     types.Int64  `tfsdk:"lun"`
	SizeGB  types.Int64  `tfsdk:"size_gb"`
	Caching types.String `tfsdk:"caching"`
	Name    types.String `tfsdk:"name"`
	ID      types.String `tfsdk:"id"`
}

var dataDiskType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"lun": types.Int64Type, "size_gb": types.Int64Type, "caching": types.StringType, "name": types.StringType, "id": types.StringType,
}}

func dataDisksAttribute() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		Optional: true,
		MarkdownDescription: "Empty managed data disks the VM owns: made with it, attached at their LUNs, deleted with it " +
			"(and so, with their data, whenever the VM is replaced: by a change to an attribute that replaces it). " +
			"Adding or removing a disk updates the VM in place (a removed disk is detached and deleted, with its data). " +
			"Growing `size_gb` is in place too, but the device grows a disk only while its VM is deallocated: the plan warns, " +
			"and the VM is deallocated and started again. Shrinking is refused at plan time. " +
			"The size's maximum number of data disks, one disk per LUN and the device's free storage (when its Azure side reports it) are checked at plan time.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"lun": schema.Int64Attribute{Required: true, MarkdownDescription: "Logical unit number of the disk on the VM, 0 to 63; one disk per LUN.",
				Validators: []validator.Int64{int64validator.Between(0, catalog.MaxDataDiskLUN)}},
			"size_gb": schema.Int64Attribute{Required: true, MarkdownDescription: "Size in GB, 1 to 32767. It can grow (in place, deallocating the VM meanwhile) but not shrink.",
				Validators: []validator.Int64{int64validator.Between(1, catalog.MaxDataDiskSizeGB)}},
			"caching": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("None"),
				MarkdownDescription: "Host caching: `None` (default), `ReadOnly` or `ReadWrite`.",
				Validators:          []validator.String{stringvalidator.OneOf(dataDiskCachings...)}},
			"name": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Name of the managed disk, in the VM's resource group. Default: the VM's name, `_DataDisk_` and the LUN. " +
					"A disk of another name is another disk: changing it (or, when unset, the LUN) replaces that disk, not the VM."},
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "ARM ID of the managed disk."},
		}},
	}
}

// dataDisksOf reads a data_disks list; nil when null or unknown.
func dataDisksOf(ctx context.Context, l types.List, diags *diag.Diagnostics) []dataDiskModel {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	var out []dataDiskModel
	diags.Append(l.ElementsAs(ctx, &out, false)...)
	return out
}

func dataDisksValue(ctx context.Context, disks []dataDiskModel, diags *diag.Diagnostics) types.List {
	l, d := types.ListValueFrom(ctx, dataDiskType, disks)
	diags.Append(d...)
	return l
}

// catalogDisks is what the catalog's rules see of the disks; ok is false
// while some value is unknown.
func catalogDisks(disks []dataDiskModel) (out []catalog.DataDisk, ok bool) {
	for _, d := range disks {
		if !known(d.LUN) || !known(d.SizeGB) || !known(d.Name) {
			return nil, false
		}
		out = append(out, catalog.DataDisk{Name: d.Name.ValueString(), LUN: int(d.LUN.ValueInt64()), SizeGB: int(d.SizeGB.ValueInt64())})
	}
	return out, true
}

// defaultDataDiskName is the name of a disk the configuration leaves unnamed.
func defaultDataDiskName(vmName string, lun int64) string {
	return fmt.Sprintf("%s_DataDisk_%d", vmName, lun)
}

// planDataDisks fills in the disks' names and IDs, and checks them: the
// size's limit, LUNs, no shrinking (growing warns of the restart), and the
// device's free storage.
func (r *gpuVMResource) planDataDisks(ctx context.Context, plan *gpuVMModel, state *gpuVMModel, diags *diag.Diagnostics) {
	if plan.DataDisks.IsNull() || plan.DataDisks.IsUnknown() {
		return
	}
	disks := dataDisksOf(ctx, plan.DataDisks, diags)
	// The subscription is the one the VM's, image's or subnet's ID names:
	// the client's own is known only once it has signed in, which a
	// provider instance does lazily (an apply's may not have yet).
	sub := ""
	if r.pd != nil && !r.pd.unknownConfig && known(plan.ResourceGroupName) {
		sub, _ = r.pd.subscription(ctx, diags, plan.ID, plan.ImageID, plan.SubnetID)
	}
	for i := range disks {
		d := &disks[i]
		if d.Name.IsUnknown() && known(plan.Name) && known(d.LUN) {
			d.Name = types.StringValue(defaultDataDiskName(plan.Name.ValueString(), d.LUN.ValueInt64()))
		}
		d.ID = types.StringUnknown()
		if sub != "" && known(d.Name) {
			d.ID = types.StringValue(device.DiskID(sub, plan.ResourceGroupName.ValueString(), d.Name.ValueString()))
		}
	}
	plan.DataDisks = dataDisksValue(ctx, disks, diags)
	after, ok := catalogDisks(disks)
	size, sizeOK := catalog.LookupSize(plan.Size.ValueString())
	if !ok || !sizeOK {
		return
	}
	addProblem(diags, "Data disks the device would refuse", catalog.CheckDataDisks(size, after))
	var before []catalog.DataDisk
	if state != nil {
		before, _ = catalogDisks(dataDisksOf(ctx, state.DataDisks, diags))
	}
	change := catalog.DiffDataDisks(before, after)
	for _, d := range change.Shrunk {
		addProblem(diags, "Data disk cannot shrink", catalog.CheckShrink(before, d))
	}
	if len(change.Grown) > 0 && state != nil && plan.PowerState.ValueString() == powerRunning {
		var names []string
		for _, d := range change.Grown {
			names = append(names, fmt.Sprintf("%s to %d GB", d.Name, d.SizeGB))
		}
		diags.AddAttributeWarning(path.Root("data_disks"), "Growing data disks restarts the VM",
			fmt.Sprintf("This plan grows %s. The device grows a managed disk only while its VM is deallocated (Azure Compute REST API, "+
				"Disks - Update: \"Resizes are only allowed if the disk is not attached to a running VM\"), so the apply deallocates VM %s, "+
				"grows the disks, and starts it again.", strings.Join(names, ", "), plan.Name.ValueString()))
	}
	r.checkStorage(ctx, *plan, change.NewStorageGB(before), diags)
}

// checkStorage refuses new disks and growth (asked GB) the device's free
// storage cannot hold, with what the plan's other VMs ask for, when its
// Azure side reports free storage.
func (r *gpuVMResource) checkStorage(ctx context.Context, plan gpuVMModel, asked int64, diags *diag.Diagnostics) {
	pd := r.pd
	if pd == nil || pd.unknownConfig {
		return
	}
	name := plan.ResourceGroupName.ValueString() + "/" + plan.Name.ValueString()
	key := plan.ID.ValueString()
	if !known(plan.ID) {
		key = pd.unnamedKey()
	}
	// Recorded even when 0: a VM planned again (a replacement) asks anew.
	total, others := pd.storage.ask(key, name, asked)
	if asked == 0 {
		return
	}
	inv, err := pd.snapshotInventory(ctx)
	if err != nil || inv.FreeStorageGB <= 0 {
		return // not reported: nothing to check against
	}
	if total <= inv.FreeStorageGB {
		return
	}
	also := ""
	if others != "" {
		also = fmt.Sprintf(", and the plan's other VMs %d GB more (%s): %d GB in all", total-asked, others, total)
	}
	diags.AddAttributeError(path.Root("data_disks"), "Not enough free storage on the device",
		fmt.Sprintf("data_disks of VM %s ask the device for %d GB more storage (new disks, and what grown disks grow by)%s, and its Azure side reports %d GB of storage free "+
			"(clusterStorageCapacityInfo of deviceCapacityInfo). Use smaller disks, or free storage on the device first.",
			name, asked, also, inv.FreeStorageGB))
}

// dataDisksSpec is the VM's storageProfile.dataDisks for disks planned.
func dataDisksSpec(disks []dataDiskModel) []device.DataDisk {
	out := make([]device.DataDisk, 0, len(disks))
	for _, d := range disks {
		dd := device.DataDisk{LUN: int(d.LUN.ValueInt64()), Name: d.Name.ValueString(), CreateOption: dataDiskCreateEmpty,
			Caching: d.Caching.ValueString(), DiskSizeGB: int(d.SizeGB.ValueInt64())}
		if known(d.ID) {
			dd.ManagedDisk = &device.SubResource{ID: d.ID.ValueString()}
		}
		out = append(out, dd)
	}
	return out
}

// refreshDataDisks is what the device says of the VM's data disks, in the
// prior value's order (disks it does not know, by LUN, after). A disk
// detached or resized on the device shows as drift.
func refreshDataDisks(ctx context.Context, prior types.List, vm device.VirtualMachine, diags *diag.Diagnostics) types.List {
	got := vm.DataDisks()
	if len(got) == 0 && prior.IsNull() {
		return prior
	}
	order := map[string]int{}
	for i, d := range dataDisksOf(ctx, prior, diags) {
		order[strings.ToLower(d.Name.ValueString())] = i
	}
	out := make([]dataDiskModel, 0, len(got))
	for _, d := range got {
		id := ""
		if d.ManagedDisk != nil {
			id = d.ManagedDisk.ID
		}
		caching := d.Caching
		if caching == "" {
			caching = "None"
		}
		out = append(out, dataDiskModel{LUN: types.Int64Value(int64(d.LUN)), SizeGB: types.Int64Value(int64(d.DiskSizeGB)),
			Caching: types.StringValue(caching), Name: types.StringValue(d.Name), ID: types.StringValue(id)})
	}
	rank := func(d dataDiskModel) (int, int64) {
		if i, ok := order[strings.ToLower(d.Name.ValueString())]; ok {
			return i, 0
		}
		return len(order), d.LUN.ValueInt64()
	}
	sort.SliceStable(out, func(i, j int) bool {
		ai, al := rank(out[i])
		bi, bl := rank(out[j])
		return ai < bi || (ai == bi && al < bl)
	})
	return dataDisksValue(ctx, out, diags)
}

// deleteDataDisks deletes data disks the resource made, once detached;
// one already gone counts as deleted. It tries every disk and returns the
// first failure.
func deleteDataDisks(ctx context.Context, c *device.Client, ids []string) error {
	var first error
	for _, id := range ids {
		if err := wait(c.BeginDeleteDisk(ctx, id)); err != nil && first == nil {
			first = fmt.Errorf("deleting data disk %s: %w", id, err)
		}
	}
	return first
}

// ownedDataDiskIDs are the data disks the resource made, as its state
// records them (the VM's own, when it is read, are ownedDisks').
func ownedDataDiskIDs(ctx context.Context, state types.List, diags *diag.Diagnostics) []string {
	seen := map[string]bool{}
	var ids []string
	for _, d := range dataDisksOf(ctx, state, diags) {
		if id := d.ID.ValueString(); known(d.ID) && id != "" && !seen[strings.ToLower(id)] {
			seen[strings.ToLower(id)] = true
			ids = append(ids, id)
		}
	}
	return ids
}

// diskUpdate is what an update does to the VM's data disks.
type diskUpdate struct {
	changed bool              // the list differs: the VM is PUT with spec
	grow    bool              // some disk grows: the VM must be deallocated
	spec    []device.DataDisk // the VM's data disks after the update
	removed []string          // IDs of disks to delete once detached
}

func diskUpdateOf(ctx context.Context, plan, state gpuVMModel) diskUpdate {
	var diags diag.Diagnostics
	after, before := dataDisksOf(ctx, plan.DataDisks, &diags), dataDisksOf(ctx, state.DataDisks, &diags)
	u := diskUpdate{changed: !plan.DataDisks.Equal(state.DataDisks) && (len(after) > 0 || len(before) > 0), spec: dataDisksSpec(after)}
	a, _ := catalogDisks(after)
	b, _ := catalogDisks(before)
	change := catalog.DiffDataDisks(b, a)
	u.grow = len(change.Grown) > 0
	for _, d := range change.Removed {
		for _, m := range before {
			if strings.EqualFold(m.Name.ValueString(), d.Name) && known(m.ID) {
				u.removed = append(u.removed, m.ID.ValueString())
			}
		}
	}
	return u
}

// attachExisting marks the planned disks that exist on the device but are
// not on the VM (detached outside Terraform, or left by an interrupted
// update) to be attached rather than made: the device refuses to make a
// disk whose name is taken.
func attachExisting(ctx context.Context, c *device.Client, vmID string, spec []device.DataDisk) error {
	vm, err := c.GetVM(ctx, vmID)
	if err != nil {
		return err
	}
	on := map[string]bool{}
	for _, d := range vm.DataDisks() {
		if d.ManagedDisk != nil {
			on[strings.ToLower(d.ManagedDisk.ID)] = true
		}
	}
	for i := range spec {
		md := spec[i].ManagedDisk
		if md == nil || on[strings.ToLower(md.ID)] {
			continue
		}
		switch _, err := c.GetDisk(ctx, md.ID); {
		case err == nil:
			spec[i].CreateOption = "Attach"
		case !errors.Is(err, device.ErrNotFound):
			return err
		}
	}
	return nil
}
