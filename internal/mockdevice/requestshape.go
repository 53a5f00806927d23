package mockdevice

import (
	"fmt"
	"sort"
	"strings"
)

// shape describes the JSON a request may carry for a resource: which
// properties the device models, which it ignores because ARM treats them as
// read-only (what a GET returns and a client may send back), and, by
// omission, which it refuses.
type shape interface {
	check(v any, path string) *statusError
}

// modelled is a value the device reads and keeps.
type modelled struct{}

// readOnly is a value ARM ignores in a request.
type readOnly struct{}

// object is a JSON object with these properties (matched without regard to
// case, as ARM does).
type object map[string]shape

// listOf is a JSON array of elements of one shape.
type listOf struct{ elem shape }

// only is a value the device has just one way: a request may restate it
// (or send null) but not ask for another.
type only struct{ value any }

func (o only) check(v any, path string) *statusError {
	if v == nil || v == o.value {
		return nil
	}
	if a, ok := v.(string); ok {
		if b, ok := o.value.(string); ok && strings.EqualFold(a, b) {
			return nil
		}
	}
	return badRequest("InvalidParameter", fmt.Sprintf("The value %v of property '%s' is not supported by this device; it has only %v.",
		v, strings.TrimPrefix(path, "."), o.value))
}

func (modelled) check(any, string) *statusError { return nil }
func (readOnly) check(any, string) *statusError { return nil }

func (o object) check(v any, path string) *statusError {
	m, ok := v.(map[string]any)
	if !ok {
		if v == nil {
			return nil
		}
		return badRequest("InvalidParameter", fmt.Sprintf("The property '%s' must be an object.", strings.TrimPrefix(path, ".")))
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same request is refused for the same property
	for _, k := range keys {
		sub := m[k]
		child := path + "." + k
		s, ok := o.lookup(k)
		if !ok {
			if sub == nil {
				continue // null sets nothing, so nothing is dropped
			}
			return badRequest("InvalidParameter", fmt.Sprintf(
				"The property '%s' is not supported by this device; remove it from the request.", strings.TrimPrefix(child, ".")))
		}
		if e := s.check(sub, child); e != nil {
			return e
		}
	}
	return nil
}

func (o object) lookup(k string) (shape, bool) {
	for name, s := range o {
		if strings.EqualFold(name, k) {
			return s, true
		}
	}
	return nil, false
}

func (l listOf) check(v any, path string) *statusError {
	items, ok := v.([]any)
	if !ok {
		if v == nil {
			return nil
		}
		return badRequest("InvalidParameter", fmt.Sprintf("The property '%s' must be an array.", strings.TrimPrefix(path, ".")))
	}
	for i, it := range items {
		if e := l.elem.check(it, fmt.Sprintf("%s[%d]", path, i)); e != nil {
			return e
		}
	}
	return nil
}

// armEnvelope is what every tracked resource may carry at its top level.
func armEnvelope(properties shape) object {
	return object{
		"id": readOnly{}, "name": readOnly{}, "type": readOnly{}, "etag": readOnly{},
		"location": modelled{}, "tags": modelled{}, "properties": properties,
	}
}

// vmShape is the VM request the device models (Compute's VirtualMachine
// from 2017-03-30 to 2020-06-01, less what the device does not have).
var vmShape = func() object {
	managedDisk := object{"id": modelled{}, "storageAccountType": modelled{}}
	o := armEnvelope(object{
		"vmId": readOnly{}, "provisioningState": readOnly{}, "instanceView": readOnly{},
		"hardwareProfile": object{"vmSize": modelled{}},
		"storageProfile": object{
			"imageReference": object{"id": modelled{}, "exactVersion": readOnly{}},
			"osDisk": object{
				"osType": modelled{}, "name": modelled{}, "createOption": modelled{}, "caching": modelled{},
				"managedDisk": managedDisk, "diskSizeGB": readOnly{},
			},
			"dataDisks": listOf{object{
				"lun": modelled{}, "name": modelled{}, "createOption": modelled{}, "caching": modelled{},
				"diskSizeGB": modelled{}, "managedDisk": managedDisk, "toBeDetached": modelled{},
				"diskIOPSReadWrite": readOnly{}, "diskMBpsReadWrite": readOnly{},
			}},
		},
		"osProfile": object{
			"computerName": modelled{}, "adminUsername": modelled{}, "adminPassword": modelled{}, "customData": modelled{},
			"allowExtensionOperations": only{true}, "requireGuestProvisionSignal": readOnly{},
			"secrets":              listOf{object{}},
			"windowsConfiguration": object{"provisionVMAgent": only{true}, "enableAutomaticUpdates": only{true}},
			"linuxConfiguration": object{
				"disablePasswordAuthentication": modelled{}, "provisionVMAgent": only{true},
				"ssh": object{"publicKeys": listOf{object{"path": modelled{}, "keyData": modelled{}}}},
			},
		},
		"networkProfile": object{"networkInterfaces": listOf{object{
			"id": modelled{}, "properties": object{"primary": modelled{}}, // checkPrimaryNIC
		}}},
	})
	o["resources"] = readOnly{} // the extensions a GET lists
	return o
}()

// diskShape is the managed-disk request the device models (Compute's Disk
// of 2017-03-30 and 2019-07-01: empty disks only).
var diskShape = func() object {
	o := armEnvelope(object{
		"creationData":      object{"createOption": modelled{}},
		"diskSizeGB":        modelled{},
		"osType":            readOnly{},
		"provisioningState": readOnly{}, "timeCreated": readOnly{}, "diskState": readOnly{},
		"diskSizeBytes": readOnly{}, "uniqueId": readOnly{},
	})
	o["sku"] = object{"name": modelled{}, "tier": readOnly{}}
	o["managedBy"] = readOnly{}
	return o
}()

// nicShape is the network interface request the device models: one IPv4
// configuration on a subnet, by DHCP or a static address.
var nicShape = armEnvelope(object{
	"ipConfigurations": listOf{object{
		"id": readOnly{}, "name": modelled{}, "etag": readOnly{},
		"properties": object{
			"subnet":                    object{"id": modelled{}},
			"privateIPAllocationMethod": modelled{},
			"privateIPAddress":          modelled{},
			"privateIPAddressVersion":   only{"IPv4"},
			"primary":                   only{true},
			"provisioningState":         readOnly{},
		},
	}},
	"virtualMachine": readOnly{}, "provisioningState": readOnly{}, "resourceGuid": readOnly{},
	"macAddress": readOnly{}, "primary": readOnly{}, "enableIPForwarding": only{false},
})

// vnetShape is the virtual network request the device models.
var vnetShape = armEnvelope(object{
	"addressSpace": object{"addressPrefixes": modelled{}},
	"subnets": listOf{object{
		"id": readOnly{}, "name": modelled{}, "etag": readOnly{}, "type": readOnly{},
		"properties": object{"addressPrefix": modelled{}, "provisioningState": readOnly{}, "ipConfigurations": readOnly{}},
	}},
	"provisioningState": readOnly{}, "resourceGuid": readOnly{},
})

// extensionShape is the VM extension request the device models.
var extensionShape = armEnvelope(object{
	"publisher": modelled{}, "type": modelled{}, "typeHandlerVersion": modelled{},
	"autoUpgradeMinorVersion": modelled{}, "settings": modelled{}, "protectedSettings": modelled{},
	"provisioningState": readOnly{}, "instanceView": readOnly{},
})

// imageShape is the image request the device models: a generalized OS disk
// from a VHD blob, with no data disks.
var imageShape = armEnvelope(object{
	"storageProfile": object{
		"osDisk": object{
			"osType": modelled{}, "blobUri": modelled{}, "osState": only{"Generalized"},
			"caching": only{"ReadWrite"}, "storageAccountType": only{"Standard_LRS"},
		},
		"dataDisks": listOf{object{}},
	},
	"hyperVGeneration": modelled{}, "provisioningState": readOnly{},
})

// diskUpdateShape is a DiskUpdate (PATCH): tags, SKU and size.
var diskUpdateShape = object{
	"tags": modelled{}, "sku": object{"name": modelled{}},
	"properties": object{"diskSizeGB": modelled{}},
}
