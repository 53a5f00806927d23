package device

import "strings"

// ExtensionNamed is the VM's extension of this name as the VM's own GET
// returns it, with its instance view when the VM was read with its
// instance view (GetVM is). ARM returns a VM's extensions with the VM: in
// "resources", "the virtual machine child extension resources", and their
// statuses in properties.instanceView.extensions (Virtual Machines - Get,
// https://learn.microsoft.com/en-us/rest/api/compute/virtual-machines/get).
// One read of the VM thus serves its extensions too.
func (v VirtualMachine) ExtensionNamed(name string) (Extension, bool) {
	for _, e := range v.Resources {
		if !strings.EqualFold(e.Name, name) {
			continue
		}
		if e.Properties.InstanceView == nil && v.Properties.InstanceView != nil {
			for _, iv := range v.Properties.InstanceView.Extensions {
				if strings.EqualFold(iv.Name, name) {
					iv := iv
					e.Properties.InstanceView = &iv
				}
			}
		}
		return e, true
	}
	return Extension{}, false
}

// ListsExtension reports whether the VM's "resources" name the extension
// of this ID. A list of VMs names each VM's extensions by ID only
// (Azure/azure-sdk-for-net#13378), so ExtensionNamed finds none there,
// but this does.
func (v VirtualMachine) ListsExtension(id string) bool {
	for _, e := range v.Resources {
		if SameID(e.ID, id) {
			return true
		}
	}
	return false
}
