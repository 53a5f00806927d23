package mockdevice

import (
	"strings"
)

// armPath is a request path read as an ARM resource ID:
// /subscriptions/{s}[/resourceGroups/{rg}][/providers/{ns}/{type}/{name}...].
// Types has one more entry than Names for collections and actions
// (".../virtualMachines/vm1/start" is the "start" child of vm1).
type armPath struct {
	Subscription  string
	ResourceGroup string
	Namespace     string
	Types         []string
	Names         []string
	hasSub        bool
	hasRG         bool
}

// parseARMPath reads path as an ARM resource path; ok is false for paths
// that are not of ARM's shape.
func parseARMPath(path string) (armPath, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	if len(segs) == 0 || !strings.EqualFold(segs[0], "subscriptions") {
		return armPath{}, false
	}
	var p armPath
	if len(segs) == 1 {
		p.Namespace, p.Types = "Microsoft.Resources", []string{"subscriptions"}
		return p, true
	}
	p.Subscription, p.hasSub = segs[1], true
	rest := segs[2:]
	if len(rest) > 0 && strings.EqualFold(rest[0], "resourceGroups") {
		if len(rest) == 1 {
			p.Namespace, p.Types = "Microsoft.Resources", []string{"resourceGroups"}
			return p, true
		}
		p.ResourceGroup, p.hasRG = rest[1], true
		rest = rest[2:]
	}
	if len(rest) == 0 {
		p.Namespace = "Microsoft.Resources"
		if p.hasRG {
			p.Types, p.Names = []string{"resourceGroups"}, []string{p.ResourceGroup}
		} else {
			p.Types, p.Names = []string{"subscriptions"}, []string{p.Subscription}
		}
		return p, true
	}
	if len(rest) < 3 || !strings.EqualFold(rest[0], "providers") {
		return armPath{}, false
	}
	p.Namespace = rest[1]
	for i, s := range rest[2:] {
		if s == "" {
			return armPath{}, false
		}
		if i%2 == 0 {
			p.Types = append(p.Types, s)
		} else {
			p.Names = append(p.Names, s)
		}
	}
	return p, true
}

// provider is the lower-case namespace, the key of apiVersions.
func (p armPath) provider() string {
	ns := strings.ToLower(p.Namespace)
	if ns == "microsoft.resources" && len(p.Types) == 1 && p.Types[0] == "subscriptions" {
		return "microsoft.subscriptions"
	}
	return ns
}

// route is the lower-case namespace and type chain: the routing key, e.g.
// "microsoft.compute/virtualmachines/extensions".
func (p armPath) route() string {
	return strings.ToLower(p.Namespace + "/" + strings.Join(p.Types, "/"))
}

// isCollection reports whether the path names a collection or an action
// rather than one resource.
func (p armPath) isCollection() bool { return len(p.Names) < len(p.Types) }

// name is the innermost resource name.
func (p armPath) name() string {
	if len(p.Names) == 0 {
		return ""
	}
	return p.Names[len(p.Names)-1]
}

// key is how the device indexes a resource ID: ARM IDs are case-insensitive.
func key(id string) string { return strings.ToLower(id) }

// lastSegment is the name at the end of an ARM ID.
func lastSegment(id string) string {
	if i := strings.LastIndex(id, "/"); i >= 0 {
		return id[i+1:]
	}
	return id
}

// resourceGroupOf is the resource group named in an ARM ID, or "".
func resourceGroupOf(id string) string {
	segs := strings.Split(strings.Trim(id, "/"), "/")
	for i := 0; i+1 < len(segs); i++ {
		if strings.EqualFold(segs[i], "resourceGroups") {
			return segs[i+1]
		}
	}
	return ""
}
