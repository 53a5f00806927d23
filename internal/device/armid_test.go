package device

import (
	"strings"
	"testing"
)

func TestParseResourceID(t *testing.T) {
	const vm = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1"
	for _, tc := range []struct {
		id      string
		ok      bool
		ns      string
		types   string
		name    string
		wantErr string
	}{
		{vm, true, "Microsoft.Compute", "virtualMachines", "vm1", ""},
		{vm + "/extensions/gpu", true, "Microsoft.Compute", "virtualMachines/extensions", "gpu", ""},
		{strings.ToLower(vm), true, "microsoft.compute", "virtualmachines", "vm1", ""},
		{"/subscriptions/s1/resourceGroups/rg", false, "", "", "", "of the form"},
		{vm + "/extensions", false, "", "", "", "of the form"},
		{"subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1", false, "", "", "", "start with"},
		{"/subscriptions//resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1", false, "", "", "", "empty"},
		{vm + "/", false, "", "", "", "empty"},
		{"/subscriptions/s1/groups/rg/providers/Microsoft.Compute/virtualMachines/vm1", false, "", "", "", "of the form"},
		{"", false, "", "", "", "start with"},
	} {
		r, err := ParseResourceID(tc.id)
		if tc.ok != (err == nil) {
			t.Errorf("ParseResourceID(%q) error = %v", tc.id, err)
			continue
		}
		if err != nil {
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseResourceID(%q) error %q lacks %q", tc.id, err, tc.wantErr)
			}
			continue
		}
		if r.Namespace != tc.ns || strings.Join(r.Types, "/") != tc.types || r.Name() != tc.name || !SameID(r.String(), tc.id) {
			t.Errorf("ParseResourceID(%q) = %+v", tc.id, r)
		}
	}
}

func TestParseTypedID(t *testing.T) {
	ext := "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/v/extensions/e"
	if _, err := ParseTypedID(ext, "Microsoft.Compute", "virtualMachines", "extensions"); err != nil {
		t.Fatal(err)
	}
	_, err := ParseTypedID(ext, "Microsoft.Compute", "virtualMachines")
	if err == nil || !strings.Contains(err.Error(), "not the ID of a Microsoft.Compute/virtualMachines") {
		t.Fatalf("err = %v", err)
	}
	r, _ := ParseResourceID(ext)
	if r.Parent().String() != VMID("s", "g", "v") || ExtensionID(VMID("s", "g", "v"), "e") != ext {
		t.Error("Parent/ExtensionID disagree")
	}
	if !SameID(ext, strings.ToUpper(ext)) {
		t.Error("SameID is case-sensitive")
	}
}
