package mockdevice

import (
	"net/http"
	"strings"
)

// allowExtensionOperationsSince is the first of the device's Compute
// versions whose OSProfile has allowExtensionOperations: the 2017-03-30 and
// 2017-12-01 OSProfile has none (github.com/Azure/bicep-types-az,
// generated/compute/microsoft.compute/2017-12-01/types.md), 2020-06-01 has.
const allowExtensionOperationsSince = "2020-06-01"

// vmBodyAt is the VM as the request's api-version defines it.
func (d *Device) vmBodyAt(r *http.Request, v *vm, withInstanceView bool) map[string]any {
	body := d.vmBody(v, withInstanceView)
	if !apiVersionAtLeast(r, allowExtensionOperationsSince) {
		props := body["properties"].(map[string]any)
		delete(props["osProfile"].(map[string]any), "allowExtensionOperations")
	}
	return body
}

// statusOnlySince is the first of the device's Compute versions whose
// Virtual Machines - List All takes statusOnly: 2017-12-01's ListAll has
// no parameter but api-version, 2020-06-01's has statusOnly
// (github.com/Azure/azure-sdk-for-go, services/compute/mgmt/<version>/
// compute/virtualmachines.go, ListAllPreparer). An older version's list
// ignores it, as it ignores any query parameter it does not define.
const statusOnlySince = "2020-06-01"

// vmListEntry is a VM as a list of VMs answers it. Two documented
// differences from a GET:
//
//   - statusOnly=true "enables fetching run time status of all Virtual
//     Machines" (Virtual Machines - List All,
//     https://learn.microsoft.com/en-us/rest/api/compute/virtual-machines/list-all;
//     the subscription's list only: a resource group's, Virtual Machines -
//     List, defines no statusOnly, and ignores it):
//     the entry is the VM's instance view, not its model; code written
//     against Azure lists twice for that reason ("with statusOnly ... we do
//     not get the hardware and storage profiles, so we need 2 queries";
//     "vms_with_tags has the tags but no statuses").
//   - A plain list has the model without the instance view, and its
//     "resources" name the VM's extensions by ID only
//     (Azure/azure-sdk-for-net#13378: "only the extension ID, no name,
//     type"; Azure/azure-sdk-for-python#2165).
func (d *Device) vmListEntry(r *http.Request, p armPath, v *vm) map[string]any {
	if !p.hasRG && apiVersionAtLeast(r, statusOnlySince) && strings.EqualFold(r.URL.Query().Get("statusOnly"), "true") {
		return map[string]any{
			"id": v.ID, "name": v.Name, "type": "Microsoft.Compute/virtualMachines", "location": location,
			"properties": map[string]any{"vmId": v.VMGUID, "instanceView": d.instanceView(v)},
		}
	}
	body := d.vmBodyAt(r, v, false)
	if res, ok := body["resources"].([]any); ok {
		ids := make([]any, 0, len(res))
		for _, e := range res {
			ids = append(ids, map[string]any{"id": e.(map[string]any)["id"]})
		}
		body["resources"] = ids
	}
	return body
}
