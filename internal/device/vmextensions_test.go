package device

import "testing"

func TestExtensionsOfAVM(t *testing.T) {
	const vm = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm"
	whole := VirtualMachine{ID: vm, Resources: []Extension{{ID: vm + "/extensions/gpu", Name: "gpu"}}}
	// A list of VMs names extensions by ID only (azure-sdk-for-net#13378).
	listed := VirtualMachine{ID: vm, Resources: []Extension{{ID: vm + "/extensions/gpu"}}}
	for _, tc := range []struct {
		name         string
		vm           VirtualMachine
		id           string
		named, lists bool
	}{
		{"a GET's extension", whole, vm + "/extensions/gpu", true, true},
		{"a list's extension", listed, vm + "/extensions/gpu", false, true},
		{"IDs compare without case", listed, "/SUBSCRIPTIONS/s/resourcegroups/RG/providers/microsoft.compute/virtualmachines/VM/extensions/GPU", false, true},
		{"another extension", listed, vm + "/extensions/other", false, false},
		{"no extensions", VirtualMachine{ID: vm}, vm + "/extensions/gpu", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, _ := ParseResourceID(tc.id)
			if _, ok := tc.vm.ExtensionNamed(id.Name()); ok != tc.named {
				t.Errorf("ExtensionNamed = %v, want %v", ok, tc.named)
			}
			if got := tc.vm.ListsExtension(tc.id); got != tc.lists {
				t.Errorf("ListsExtension = %v, want %v", got, tc.lists)
			}
		})
	}
}
