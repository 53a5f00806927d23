package mockdevice

import "net/http"

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
