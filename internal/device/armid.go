package device

import (
	"fmt"
	"strings"
)

// ResourceID is a parsed ARM resource ID:
// /subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{type}/{name}...].
type ResourceID struct {
	SubscriptionID string
	ResourceGroup  string
	Namespace      string   // e.g. Microsoft.Compute
	Types          []string // e.g. [virtualMachines extensions]
	Names          []string // parallel to Types
}

// ParseResourceID reads an ARM resource ID. Every segment must be present
// and non-empty; types and names must pair up.
func ParseResourceID(id string) (ResourceID, error) {
	if !strings.HasPrefix(id, "/") {
		return ResourceID{}, fmt.Errorf("%q is not an ARM resource ID: it must start with /subscriptions/", id)
	}
	segs := strings.Split(id[1:], "/")
	for _, s := range segs {
		if s == "" || strings.TrimSpace(s) != s {
			return ResourceID{}, fmt.Errorf("%q is not an ARM resource ID: it has an empty or padded segment", id)
		}
	}
	if len(segs) < 8 || !strings.EqualFold(segs[0], "subscriptions") || !strings.EqualFold(segs[2], "resourceGroups") ||
		!strings.EqualFold(segs[4], "providers") || len(segs)%2 != 0 {
		return ResourceID{}, fmt.Errorf("%q is not an ARM resource ID of the form "+
			"/subscriptions/{subscription}/resourceGroups/{group}/providers/{namespace}/{type}/{name}", id)
	}
	r := ResourceID{SubscriptionID: segs[1], ResourceGroup: segs[3], Namespace: segs[5]}
	for i := 6; i < len(segs); i += 2 {
		r.Types = append(r.Types, segs[i])
		r.Names = append(r.Names, segs[i+1])
	}
	return r, nil
}

// ParseTypedID reads an ARM ID that must be of the given namespace and type
// chain, e.g. ParseTypedID(id, "Microsoft.Compute", "virtualMachines").
func ParseTypedID(id, namespace string, types ...string) (ResourceID, error) {
	r, err := ParseResourceID(id)
	if err != nil {
		return r, err
	}
	if !r.Is(namespace, types...) {
		return r, fmt.Errorf("%q is not the ID of a %s; it names a %s", id, typeName(namespace, types), typeName(r.Namespace, r.Types))
	}
	return r, nil
}

func typeName(namespace string, types []string) string {
	return namespace + "/" + strings.Join(types, "/")
}

// Is reports whether the ID is of this namespace and type chain (case-insensitive).
func (r ResourceID) Is(namespace string, types ...string) bool {
	if !strings.EqualFold(r.Namespace, namespace) || len(types) != len(r.Types) {
		return false
	}
	for i, t := range types {
		if !strings.EqualFold(t, r.Types[i]) {
			return false
		}
	}
	return true
}

// Name is the innermost resource's name.
func (r ResourceID) Name() string { return r.Names[len(r.Names)-1] }

// Parent is the ID of the resource that owns this one; for a top-level
// resource it is itself.
func (r ResourceID) Parent() ResourceID {
	if len(r.Types) <= 1 {
		return r
	}
	p := r
	p.Types, p.Names = r.Types[:len(r.Types)-1], r.Names[:len(r.Names)-1]
	return p
}

// String writes the ID back in ARM's form.
func (r ResourceID) String() string {
	var b strings.Builder
	b.WriteString("/subscriptions/" + r.SubscriptionID + "/resourceGroups/" + r.ResourceGroup + "/providers/" + r.Namespace)
	for i := range r.Types {
		b.WriteString("/" + r.Types[i] + "/" + r.Names[i])
	}
	return b.String()
}

// SameID compares two ARM IDs as ARM does: case-insensitively.
func SameID(a, b string) bool { return strings.EqualFold(a, b) }

// VMID is the ID of a virtual machine.
func VMID(subscription, group, name string) string {
	return ResourceID{SubscriptionID: subscription, ResourceGroup: group, Namespace: "Microsoft.Compute",
		Types: []string{"virtualMachines"}, Names: []string{name}}.String()
}

// NICID is the ID of a network interface.
func NICID(subscription, group, name string) string {
	return ResourceID{SubscriptionID: subscription, ResourceGroup: group, Namespace: "Microsoft.Network",
		Types: []string{"networkInterfaces"}, Names: []string{name}}.String()
}

// ExtensionID is the ID of a VM extension.
func ExtensionID(vmID, name string) string { return vmID + "/extensions/" + name }

// DiskID is the ID of a managed disk.
func DiskID(subscription, group, name string) string {
	return ResourceID{SubscriptionID: subscription, ResourceGroup: group, Namespace: "Microsoft.Compute",
		Types: []string{"disks"}, Names: []string{name}}.String()
}
