package mockdevice

import (
	"fmt"
	"net/http"
	"strings"
)

func init() {
	register("Microsoft.Compute/disks", (*Device).serveDisks)
}

// Disk creation options [Compute disk.json]: the device makes OS disks
// from images and empty data disks; "Attach" is how a VM takes an
// existing disk.
const (
	createFromImage = "FromImage"
	createEmpty     = "Empty"
	createAttach    = "Attach"
)

// maxDiskSizeGB is the largest managed disk Compute creates (32 TiB).
const maxDiskSizeGB = 32767

// diskStateSince is the first Compute disks version with diskState; the
// 2017-03-30 Disk has no such property [Compute disk.json 2017-03-30].
const diskStateSince = "2018-06-01"

func (k *disk) body(r *http.Request) map[string]any {
	create := k.CreateOption
	if create == "" {
		create = createFromImage
	}
	props := map[string]any{"diskSizeGB": k.SizeGB, "provisioningState": stateSucceeded,
		"creationData": map[string]any{"createOption": create}}
	if k.OSType != "" {
		props["osType"] = k.OSType
	}
	if !k.Created.IsZero() {
		props["timeCreated"] = k.Created.UTC().Format("2006-01-02T15:04:05.9999999Z07:00")
	}
	if r == nil || apiVersionAtLeast(r, diskStateSince) {
		state := "Unattached"
		if k.VMID != "" {
			state = "Attached"
		}
		props["diskState"] = state
	}
	sku := k.SKU
	if sku == "" {
		sku = "Standard_LRS"
	}
	body := map[string]any{"id": k.ID, "name": k.Name, "type": "Microsoft.Compute/disks", "location": location,
		"tags": tagsOrEmpty(k.Tags), "sku": map[string]any{"name": sku}, "properties": props}
	if k.VMID != "" {
		body["managedBy"] = k.VMID
	}
	return body
}

// diskRequest is the part of a disk PUT the device reads.
type diskRequest struct {
	Location string            `json:"location"`
	Tags     map[string]string `json:"tags"`
	SKU      *struct {
		Name string `json:"name"`
	} `json:"sku"`
	Properties struct {
		CreationData *struct {
			CreateOption string `json:"createOption"`
		} `json:"creationData"`
		DiskSizeGB *int `json:"diskSizeGB"`
	} `json:"properties"`
}

// diskSKUs are the disk SKUs of the 2017-03-30 API, which the device's
// local storage serves alike.
var diskSKUs = []string{"Standard_LRS", "Premium_LRS"}

func (d *Device) serveDisks(w http.ResponseWriter, r *http.Request, p armPath) {
	if p.isCollection() {
		listIn(w, r, p, sortedByID(d.w.Disks), func(k *disk) map[string]any { return k.body(r) })
		return
	}
	id := d.resourceID(p.ResourceGroup, "Microsoft.Compute/disks", p.name())
	k, exists := d.w.Disks[key(id)]
	switch r.Method {
	case http.MethodGet:
		if !exists {
			writeError(w, notFound("Microsoft.Compute/disks", p.name()))
			return
		}
		writeJSON(w, http.StatusOK, k.body(r))
	case http.MethodPut:
		var body diskRequest
		if e := decodeModelled(r, &body, diskShape); e != nil {
			writeError(w, e)
			return
		}
		status, e := d.putDisk(id, p.name(), k, body)
		if e != nil {
			writeError(w, e)
			return
		}
		writeJSON(w, status, d.w.Disks[key(id)].body(r))
	case http.MethodDelete:
		if !exists {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if k.VMID != "" {
			writeError(w, conflict("OperationNotAllowed", "Disk "+k.Name+" is attached to VM "+k.VMID+"."))
			return
		}
		op := d.startOperation(opDiskDelete, "Microsoft.Compute", k.ID, d.networkDelay())
		d.acceptOperation(w, r, p.Subscription, op)
		w.WriteHeader(http.StatusAccepted)
	default:
		methodNotAllowed(w, r)
	}
}

// putDisk creates an empty disk, or updates the tags and size of one. The
// device answers at once (200, as Compute's synchronous case): a disk of
// its local storage is ready when made.
func (d *Device) putDisk(id, name string, prev *disk, body diskRequest) (int, *statusError) {
	if e := checkLocation(body.Location); e != nil {
		return 0, e
	}
	sku := ""
	if body.SKU != nil && body.SKU.Name != "" {
		sku = canonical(body.SKU.Name, diskSKUs)
		if sku == "" {
			return 0, badRequest("InvalidParameter", "The value '"+body.SKU.Name+"' of property 'sku.name' is not supported; use one of "+strings.Join(diskSKUs, ", ")+".")
		}
	}
	create := ""
	if cd := body.Properties.CreationData; cd != nil {
		create = cd.CreateOption
	}
	size := body.Properties.DiskSizeGB
	if prev == nil {
		switch {
		case create == "":
			return 0, badRequest("InvalidParameter", "Required parameter 'properties.creationData.createOption' is missing (null).")
		case !strings.EqualFold(create, createEmpty):
			return 0, badRequest("InvalidParameter", "The value '"+create+"' of property 'properties.creationData.createOption' is not supported by this device: it creates empty disks only (createOption Empty).")
		case size == nil:
			return 0, badRequest("InvalidParameter", "Required parameter 'properties.diskSizeGB' is missing (null): an empty disk needs a size.")
		}
		if e := checkDiskSize(*size); e != nil {
			return 0, e
		}
		d.w.Disks[key(id)] = &disk{ID: id, Name: name, CreateOption: createEmpty, SizeGB: *size, Tags: body.Tags, SKU: sku, Created: d.now()}
		// Compute's Disks_CreateOrUpdate answers 200 or 202, never 201.
		return http.StatusOK, nil
	}
	if create != "" && !strings.EqualFold(create, prev.createOption()) {
		return 0, conflict("PropertyChangeNotAllowed", "Changing property 'properties.creationData.createOption' is not allowed.")
	}
	if size != nil {
		if e := d.resizeDisk(prev, *size); e != nil {
			return 0, e
		}
	}
	if sku != "" {
		prev.SKU = sku
	}
	prev.Tags = body.Tags
	return http.StatusOK, nil
}

func (k *disk) createOption() string {
	if k.CreateOption == "" {
		return createFromImage
	}
	return k.CreateOption
}

func checkDiskSize(gb int) *statusError {
	if gb < 1 || gb > maxDiskSizeGB {
		return badRequest("InvalidParameter", fmt.Sprintf("The value %d of property 'diskSizeGB' is out of range: a disk has 1 to %d GB.", gb, maxDiskSizeGB))
	}
	return nil
}

// resizeDisk grows a disk in place: never smaller, and only while it is
// unattached or its VM is deallocated [Compute disk.json: "Resizes are only
// allowed if the disk is not attached to a running VM, and can only
// increase the disk's size"].
func (d *Device) resizeDisk(k *disk, gb int) *statusError {
	if e := checkDiskSize(gb); e != nil {
		return e
	}
	switch {
	case gb == k.SizeGB:
		return nil
	case gb < k.SizeGB:
		return badRequest("BadRequest", fmt.Sprintf("Disk '%s' is %d GB; it cannot be shrunk to %d GB. Disks can only grow.", k.Name, k.SizeGB, gb))
	}
	if v, ok := d.w.VMs[key(k.VMID)]; ok && v.PowerState != powerDeallocated {
		return conflict("OperationNotAllowed", fmt.Sprintf(
			"Disk '%s' is attached to VM '%s', which is not deallocated. Disk resizing is allowed only when the disk is unattached or the VM is deallocated.", k.Name, v.Name))
	}
	k.SizeGB = gb
	return nil
}

// canonical is the entry of allowed that s names (ignoring case), or "".
func canonical(s string, allowed []string) string {
	for _, a := range allowed {
		if strings.EqualFold(a, s) {
			return a
		}
	}
	return ""
}

// finishDisk ends a disk deletion.
func (d *Device) finishDisk(op *operation) {
	if op.Status == opSucceeded {
		delete(d.w.Disks, strings.ToLower(op.ResourceID))
	}
}
