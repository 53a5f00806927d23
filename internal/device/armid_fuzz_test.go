package device

import (
	"strings"
	"testing"
)

// ARM ID parsing never panics, and what it accepts it writes back as an
// equivalent ID, with a parent that parses too.
func FuzzParseResourceID(f *testing.F) {
	for _, s := range []string{
		"/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/v",
		"/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/v/extensions/e",
		"/SUBSCRIPTIONS/s/RESOURCEGROUPS/g/PROVIDERS/m.c/t/n",
		"/subscriptions//resourceGroups/g/providers/x/y/z",
		"/subscriptions/s/resourceGroups/g",
		"", "/", "//", "subscriptions/s",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		r, err := ParseResourceID(id)
		if err != nil {
			if !strings.Contains(err.Error(), "ARM resource ID") {
				t.Fatalf("error without explanation: %v", err)
			}
			return
		}
		if !SameID(r.String(), id) {
			t.Fatalf("%q parsed as %q", id, r.String())
		}
		if r.Name() == "" || len(r.Types) != len(r.Names) || len(r.Types) == 0 {
			t.Fatalf("%q parsed into %+v", id, r)
		}
		if _, err := ParseResourceID(r.Parent().String()); err != nil {
			t.Fatalf("parent of %q does not parse: %v", id, err)
		}
		if _, err := ParseTypedID(id, r.Namespace, r.Types...); err != nil {
			t.Fatalf("%q is not of its own type: %v", id, err)
		}
	})
}
