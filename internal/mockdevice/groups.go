package mockdevice

import (
	"net/http"
	"sort"
	"strings"
)

// subscriptionName is the display name of a device's one subscription [CONN].
const subscriptionName = "Default Provider Subscription"

func init() {
	register("Microsoft.Resources/subscriptions", (*Device).serveSubscriptions)
	register("Microsoft.Resources/resourceGroups", (*Device).serveResourceGroups)
	register("Microsoft.Resources/locations/operations", (*Device).serveOperation)
	register("Microsoft.Resources/locations/operationResults", (*Device).serveOperation)
}

func (d *Device) subscriptionBody() map[string]any {
	sub := d.w.Hardware.SubscriptionID
	return map[string]any{
		"id":                   "/subscriptions/" + sub,
		"subscriptionId":       sub,
		"displayName":          subscriptionName,
		"state":                "Enabled",
		"tenantId":             DeviceTenantID,
		"subscriptionPolicies": map[string]any{"locationPlacementId": "AzureStack", "quotaId": "Default", "spendingLimit": "Off"},
	}
}

func (d *Device) serveSubscriptions(w http.ResponseWriter, r *http.Request, p armPath) {
	if r.Method != http.MethodGet {
		methodNotAllowed(w, r)
		return
	}
	if p.isCollection() {
		writeJSON(w, http.StatusOK, map[string]any{"value": []any{d.subscriptionBody()}})
		return
	}
	writeJSON(w, http.StatusOK, d.subscriptionBody())
}

func (g *resourceGroup) body() map[string]any {
	return map[string]any{
		"id": g.ID, "name": g.Name, "type": "Microsoft.Resources/resourceGroups", "location": location,
		"tags": tagsOrEmpty(g.Tags), "properties": map[string]any{"provisioningState": stateSucceeded},
	}
}

func (d *Device) serveResourceGroups(w http.ResponseWriter, r *http.Request, p armPath) {
	if p.isCollection() {
		if r.Method != http.MethodGet {
			methodNotAllowed(w, r)
			return
		}
		var list []any
		for _, g := range sortedByID(d.w.ResourceGroups) {
			list = append(list, g.body())
		}
		writeJSON(w, http.StatusOK, map[string]any{"value": nonNil(list)})
		return
	}
	g, exists := d.w.ResourceGroups[key(p.ResourceGroup)]
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		if !exists {
			writeError(w, newError(http.StatusNotFound, "ResourceGroupNotFound", "Resource group '"+p.ResourceGroup+"' could not be found."))
			return
		}
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		writeJSON(w, http.StatusOK, g.body())
	case http.MethodPut:
		var body struct {
			Location string            `json:"location"`
			Tags     map[string]string `json:"tags"`
		}
		if e := decodeLocated(r, &body, &body.Location); e != nil {
			writeError(w, e)
			return
		}
		status := http.StatusOK
		if !exists {
			g = d.addGroup(p.ResourceGroup)
			status = http.StatusCreated
		}
		g.Tags = body.Tags
		writeJSON(w, status, g.body())
	case http.MethodDelete:
		if !exists {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if e := d.groupInUse(g); e != nil {
			writeError(w, e)
			return
		}
		op := d.startOperation(opGroupDelete, "Microsoft.Resources", g.ID, 0)
		d.acceptOperation(w, r, d.w.Hardware.SubscriptionID, op)
		w.WriteHeader(http.StatusAccepted)
	default:
		methodNotAllowed(w, r)
	}
}

// groupInUse refuses to delete a resource group that still holds VMs or
// NICs. Assumed: Azure would delete them too; a device user would rather be
// told, and the provider never deletes resource groups.
func (d *Device) groupInUse(g *resourceGroup) *statusError {
	prefix := key(g.ID) + "/"
	for k := range d.w.VMs {
		if strings.HasPrefix(k, prefix) {
			return conflict("ResourceGroupNotEmpty", "Resource group '"+g.Name+"' still holds virtual machines; delete them first.")
		}
	}
	for k := range d.w.NICs {
		if strings.HasPrefix(k, prefix) {
			return conflict("ResourceGroupNotEmpty", "Resource group '"+g.Name+"' still holds network interfaces; delete them first.")
		}
	}
	for k := range d.w.Disks {
		if strings.HasPrefix(k, prefix) {
			return conflict("ResourceGroupNotEmpty", "Resource group '"+g.Name+"' still holds disks; delete them first.")
		}
	}
	return nil
}

func checkLocation(loc string) *statusError {
	if loc != "" && !strings.EqualFold(strings.ReplaceAll(loc, " ", ""), location) {
		return badRequest("LocationNotAvailableForResourceType",
			"The provided location '"+loc+"' is not available for resource type. List of available regions is '"+location+"'.")
	}
	return nil
}

func tagsOrEmpty(t map[string]string) map[string]string {
	if t == nil {
		return map[string]string{}
	}
	return t
}

func nonNil(list []any) []any {
	if list == nil {
		return []any{}
	}
	return list
}

// identified is every resource kind: sortable by ID for stable listings.
type identified interface{ id() string }

func (g *resourceGroup) id() string  { return g.ID }
func (v *virtualNetwork) id() string { return v.ID }
func (n *nic) id() string            { return n.ID }
func (i *image) id() string          { return i.ID }
func (v *vm) id() string             { return v.ID }
func (e *extension) id() string      { return e.ID }
func (k *disk) id() string           { return k.ID }
func (r *role) id() string           { return r.ID }

func sortedByID[T identified](m map[string]T) []T {
	out := make([]T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return key(out[i].id()) < key(out[j].id()) })
	return out
}

func sortedVMs(w *world) []*vm { return sortedByID(w.VMs) }

// inScope reports whether a resource ID lies in the listing's scope: the
// resource group of p, or the whole subscription.
func inScope(id string, p armPath) bool {
	return p.ResourceGroup == "" || strings.EqualFold(resourceGroupOf(id), p.ResourceGroup)
}

// addGroup creates the resource group name, spelled as given.
func (d *Device) addGroup(name string) *resourceGroup {
	g := &resourceGroup{ID: "/subscriptions/" + d.w.Hardware.SubscriptionID + "/resourceGroups/" + name, Name: name}
	d.w.ResourceGroups[key(name)] = g
	return g
}
