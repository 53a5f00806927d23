package mockdevice

import (
	"net/http"
	"strings"
)

func init() {
	register("Microsoft.Compute/disks", (*Device).serveDisks)
}

func (k *disk) body() map[string]any {
	props := map[string]any{"osType": k.OSType, "diskSizeGB": k.SizeGB, "provisioningState": stateSucceeded,
		"creationData": map[string]any{"createOption": "FromImage"}}
	state := "Unattached"
	if k.VMID != "" {
		state = "Attached"
	}
	props["diskState"] = state
	body := map[string]any{"id": k.ID, "name": k.Name, "type": "Microsoft.Compute/disks", "location": location,
		"sku": map[string]any{"name": "Standard_LRS"}, "properties": props}
	if k.VMID != "" {
		body["managedBy"] = k.VMID
	}
	return body
}

func (d *Device) serveDisks(w http.ResponseWriter, r *http.Request, p armPath) {
	if p.isCollection() {
		listIn(w, r, p, sortedByID(d.w.Disks), (*disk).body)
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
		writeJSON(w, http.StatusOK, k.body())
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

// finishDisk ends a disk deletion.
func (d *Device) finishDisk(op *operation) {
	if op.Status == opSucceeded {
		delete(d.w.Disks, strings.ToLower(op.ResourceID))
	}
}
