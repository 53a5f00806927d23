package mockdevice

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// dataDiskRequest is one entry of a VM's storageProfile.dataDisks, as
// Compute's DataDisk defines it (2017-03-30 to 2020-06-01).
type dataDiskRequest struct {
	LUN          *int   `json:"lun"`
	Name         string `json:"name"`
	CreateOption string `json:"createOption"`
	Caching      string `json:"caching"`
	DiskSizeGB   *int   `json:"diskSizeGB"`
	ManagedDisk  *struct {
		ID                 string `json:"id"`
		StorageAccountType string `json:"storageAccountType"`
	} `json:"managedDisk"`
	ToBeDetached *bool `json:"toBeDetached"`
}

// osDiskRequest is storageProfile.osDisk: the device makes it from the
// image, so a request may only restate what the device does.
type osDiskRequest struct {
	OSType       string `json:"osType"`
	Name         string `json:"name"`
	CreateOption string `json:"createOption"`
	Caching      string `json:"caching"`
	ManagedDisk  *struct {
		ID                 string `json:"id"`
		StorageAccountType string `json:"storageAccountType"`
	} `json:"managedDisk"`
}

// cachingTypes are Compute's CachingTypes.
var cachingTypes = []string{"None", "ReadOnly", "ReadWrite"}

// maxLUN is the highest logical unit number Compute accepts.
const maxLUN = 63

// osDiskCaching is the only caching the device's OS disks have.
const osDiskCaching = "ReadWrite"

// dataDiskPlan is what a VM PUT will do to data disks, worked out before
// anything changes so a refused request changes nothing.
type dataDiskPlan struct {
	attachments []dataDiskAttachment
	create      []*disk
	grow        map[string]int // disk ID to its new size
	detach      []*disk
}

// planDataDisks checks a VM's requested data disks against the device and
// the size, for v (being created, or existing with v.DataDisks).
func (d *Device) planDataDisks(v *vm, reqs []dataDiskRequest, size catalog.Size, rg string) (*dataDiskPlan, *statusError) {
	plan := &dataDiskPlan{grow: map[string]int{}}
	luns, ids := map[int]bool{}, map[string]bool{}
	kept := map[string]bool{}
	for i, req := range reqs {
		at := func(prop string) string { return fmt.Sprintf("storageProfile.dataDisks[%d].%s", i, prop) }
		if req.ToBeDetached != nil && *req.ToBeDetached {
			continue // detached: left out of the VM's list
		}
		if req.LUN == nil {
			return nil, badRequest("InvalidParameter", "Required parameter '"+at("lun")+"' is missing (null).")
		}
		lun := *req.LUN
		if lun < 0 || lun > maxLUN {
			return nil, badRequest("InvalidParameter", fmt.Sprintf("The value %d of property '%s' is out of range: LUNs are 0 to %d.", lun, at("lun"), maxLUN))
		}
		if luns[lun] {
			return nil, badRequest("InvalidParameter", fmt.Sprintf("Two data disks use LUN %d; each data disk needs its own LUN ('%s').", lun, at("lun")))
		}
		luns[lun] = true
		caching := "None"
		if req.Caching != "" {
			if caching = canonical(req.Caching, cachingTypes); caching == "" {
				return nil, badRequest("InvalidParameter", "The value '"+req.Caching+"' of property '"+at("caching")+"' is not one of "+strings.Join(cachingTypes, ", ")+".")
			}
		}
		sku := ""
		if req.ManagedDisk != nil && req.ManagedDisk.StorageAccountType != "" {
			if sku = canonical(req.ManagedDisk.StorageAccountType, diskSKUs); sku == "" {
				return nil, badRequest("InvalidParameter", "The value '"+req.ManagedDisk.StorageAccountType+"' of property '"+at("managedDisk.storageAccountType")+"' is not supported; use one of "+strings.Join(diskSKUs, ", ")+".")
			}
		}
		create := canonical(req.CreateOption, []string{createEmpty, createAttach})
		if create == "" {
			if req.CreateOption == "" {
				return nil, badRequest("InvalidParameter", "Required parameter '"+at("createOption")+"' is missing (null).")
			}
			return nil, badRequest("InvalidParameter", "The value '"+req.CreateOption+"' of property '"+at("createOption")+
				"' is not supported by this device: a data disk is made Empty or an existing managed disk is Attached.")
		}
		id := ""
		switch {
		case req.ManagedDisk != nil && req.ManagedDisk.ID != "":
			id = req.ManagedDisk.ID
		case req.Name != "":
			id = d.resourceID(rg, "Microsoft.Compute/disks", req.Name)
		case create == createEmpty:
			id = d.resourceID(rg, "Microsoft.Compute/disks", fmt.Sprintf("%s_DataDisk_%d", v.Name, lun))
		default:
			return nil, badRequest("InvalidParameter", "Required parameter '"+at("managedDisk.id")+"' is missing (null): Attach names the disk to attach.")
		}
		if ids[key(id)] {
			return nil, badRequest("InvalidParameter", "The disk '"+id+"' is listed twice in storageProfile.dataDisks.")
		}
		ids[key(id)] = true
		if strings.EqualFold(id, v.DiskID) {
			return nil, badRequest("InvalidParameter", "The disk '"+id+"' is the VM's OS disk; it cannot also be a data disk ('"+at("managedDisk.id")+"').")
		}
		k, exists := d.w.Disks[key(id)]
		if req.Name != "" && exists && !strings.EqualFold(req.Name, k.Name) {
			return nil, badRequest("InvalidParameter", "The name '"+req.Name+"' of '"+at("name")+"' is not the name of disk '"+id+"' ("+k.Name+").")
		}
		att := dataDiskAttachment{LUN: lun, DiskID: id, Caching: caching, CreateOption: create}
		switch {
		case exists && strings.EqualFold(k.VMID, v.ID):
			// Already on this VM: it stays, taking the request's LUN and
			// caching; a larger size grows it.
			for _, old := range v.DataDisks {
				if strings.EqualFold(old.DiskID, k.ID) {
					att.CreateOption = old.CreateOption
				}
			}
			kept[key(k.ID)] = true
			att.DiskID = k.ID
			if req.DiskSizeGB != nil && *req.DiskSizeGB != k.SizeGB {
				if e := d.checkGrow(k, v, *req.DiskSizeGB); e != nil {
					return nil, e
				}
				plan.grow[k.ID] = *req.DiskSizeGB
			}
		case exists && k.VMID != "":
			return nil, conflict("OperationNotAllowed", "Disk '"+k.Name+"' is attached to VM '"+k.VMID+"'; detach it there before attaching it to '"+v.Name+"'.")
		case exists && create == createEmpty:
			return nil, conflict("ConflictingUserInput", "A disk named '"+k.Name+"' already exists in the resource group; attach it with createOption Attach and its managedDisk.id, or choose another name ('"+at("name")+"').")
		case exists:
			// An unattached disk: one made empty, or an OS disk a deleted
			// VM left.
			att.DiskID = k.ID
			if req.DiskSizeGB != nil && *req.DiskSizeGB != k.SizeGB {
				if e := d.checkGrow(k, v, *req.DiskSizeGB); e != nil {
					return nil, e
				}
				plan.grow[k.ID] = *req.DiskSizeGB
			}
		case create == createAttach:
			return nil, newError(http.StatusNotFound, "NotFound", "The disk '"+id+"' referenced by '"+at("managedDisk.id")+"' was not found.")
		default:
			name := lastSegment(id)
			if !strings.EqualFold(resourceGroupOf(id), rg) {
				return nil, badRequest("InvalidParameter", "An Empty data disk is made in the VM's resource group; '"+id+"' names another.")
			}
			if e := nameRules["microsoft.compute/disks"].check(name); e != "" {
				return nil, badRequest("InvalidResourceName", "The disk name '"+name+"' of '"+at("name")+"' is invalid: "+e+".")
			}
			if req.DiskSizeGB == nil {
				return nil, badRequest("InvalidParameter", "Required parameter '"+at("diskSizeGB")+"' is missing (null): an Empty data disk needs a size.")
			}
			if e := checkDiskSize(*req.DiskSizeGB); e != nil {
				return nil, e
			}
			plan.create = append(plan.create, &disk{ID: id, Name: name, CreateOption: createEmpty,
				SizeGB: *req.DiskSizeGB, SKU: sku, Created: d.now()})
		}
		plan.attachments = append(plan.attachments, att)
	}
	if limit := size.DataDiskLimit(); len(plan.attachments) > limit {
		return nil, conflict("OperationNotAllowed", fmt.Sprintf(
			"The maximum number of data disks allowed to be attached to a VM of size %s is %d; the request has %d.", size.Name, limit, len(plan.attachments)))
	}
	for _, old := range v.DataDisks {
		if !kept[key(old.DiskID)] {
			if k, ok := d.w.Disks[key(old.DiskID)]; ok {
				plan.detach = append(plan.detach, k)
			}
		}
	}
	return plan, nil
}

// planVMDataDisks plans an update's data disks: those requested, or, when
// the request leaves them out, those the VM has, which must still fit the
// (maybe new) size.
func (d *Device) planVMDataDisks(v *vm, reqs *[]dataDiskRequest, size catalog.Size, rg string) (*dataDiskPlan, *statusError) {
	if reqs != nil {
		return d.planDataDisks(v, *reqs, size, rg)
	}
	if limit := size.DataDiskLimit(); len(v.DataDisks) > limit {
		return nil, conflict("OperationNotAllowed", fmt.Sprintf(
			"The maximum number of data disks allowed to be attached to a VM of size %s is %d; the VM has %d. Detach data disks first.", size.Name, limit, len(v.DataDisks)))
	}
	return &dataDiskPlan{attachments: v.DataDisks, grow: map[string]int{}}, nil
}

// checkGrow applies resizeDisk's rules to a disk on (or joining) v.
func (d *Device) checkGrow(k *disk, v *vm, gb int) *statusError {
	if e := checkDiskSize(gb); e != nil {
		return e
	}
	if gb < k.SizeGB {
		return badRequest("BadRequest", fmt.Sprintf("Disk '%s' is %d GB; it cannot be shrunk to %d GB. Disks can only grow.", k.Name, k.SizeGB, gb))
	}
	if v.PowerState != powerDeallocated {
		return conflict("OperationNotAllowed", fmt.Sprintf(
			"Disk '%s' cannot grow while VM '%s' is not deallocated. Disk resizing is allowed only when the disk is unattached or the VM is deallocated.", k.Name, v.Name))
	}
	return nil
}

// apply carries the plan out on v.
func (plan *dataDiskPlan) apply(d *Device, v *vm) {
	for _, k := range plan.detach {
		k.VMID = ""
	}
	for _, k := range plan.create {
		d.w.Disks[key(k.ID)] = k
	}
	for id, gb := range plan.grow {
		d.w.Disks[key(id)].SizeGB = gb
	}
	for _, a := range plan.attachments {
		d.w.Disks[key(a.DiskID)].VMID = v.ID
	}
	v.DataDisks = plan.attachments
}

// dataDisksBody is the VM's storageProfile.dataDisks as Compute answers it.
func (d *Device) dataDisksBody(v *vm) []any {
	out := []any{}
	for _, a := range v.DataDisks {
		k, ok := d.w.Disks[key(a.DiskID)]
		if !ok {
			continue
		}
		sku := k.SKU
		if sku == "" {
			sku = "Standard_LRS"
		}
		out = append(out, map[string]any{
			"lun": a.LUN, "name": k.Name, "createOption": a.CreateOption, "caching": a.Caching, "diskSizeGB": k.SizeGB,
			"managedDisk": map[string]any{"id": k.ID, "storageAccountType": sku},
		})
	}
	return out
}

// detachDataDisks leaves a deleted VM's data disks in place, unattached.
func (d *Device) detachDataDisks(v *vm) {
	for _, a := range v.DataDisks {
		if k, ok := d.w.Disks[key(a.DiskID)]; ok && strings.EqualFold(k.VMID, v.ID) {
			k.VMID = ""
		}
	}
	v.DataDisks = nil
}

// checkOSDisk refuses an osDisk that asks for what the device does not do:
// it makes the OS disk from the image, with ReadWrite caching.
func checkOSDisk(req *osDiskRequest, img *image, existingID string) *statusError {
	if req == nil {
		return nil
	}
	if req.CreateOption != "" && !strings.EqualFold(req.CreateOption, createFromImage) {
		return badRequest("InvalidParameter", "The value '"+req.CreateOption+"' of property 'storageProfile.osDisk.createOption' is not supported by this device: OS disks are made FromImage.")
	}
	if req.Caching != "" && !strings.EqualFold(req.Caching, osDiskCaching) {
		return badRequest("InvalidParameter", "The value '"+req.Caching+"' of property 'storageProfile.osDisk.caching' is not supported by this device: OS disks use ReadWrite caching.")
	}
	if img != nil && req.OSType != "" && !strings.EqualFold(req.OSType, string(img.OSType)) {
		return badRequest("InvalidParameter", "The value '"+req.OSType+"' of property 'storageProfile.osDisk.osType' does not match the image's OS type "+string(img.OSType)+".")
	}
	if md := req.ManagedDisk; md != nil {
		if md.StorageAccountType != "" && canonical(md.StorageAccountType, diskSKUs) == "" {
			return badRequest("InvalidParameter", "The value '"+md.StorageAccountType+"' of property 'storageProfile.osDisk.managedDisk.storageAccountType' is not supported; use one of "+strings.Join(diskSKUs, ", ")+".")
		}
		if md.ID != "" && existingID != "" && !strings.EqualFold(md.ID, existingID) {
			return conflict("PropertyChangeNotAllowed", "Changing property 'storageProfile.osDisk.managedDisk.id' is not allowed.")
		}
		if md.ID != "" && existingID == "" {
			return badRequest("InvalidParameter", "The property 'storageProfile.osDisk.managedDisk.id' is not supported by this device on create: the OS disk is made from the image.")
		}
	}
	return nil
}
