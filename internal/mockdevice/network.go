package mockdevice

import (
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/google/uuid"
)

func init() {
	register("Microsoft.Network/virtualNetworks", (*Device).serveVirtualNetworks)
	register("Microsoft.Network/virtualNetworks/subnets", (*Device).serveSubnets)
	register("Microsoft.Network/networkInterfaces", (*Device).serveNICs)
	register("Microsoft.Network/locations/operations", (*Device).serveOperation)
	register("Microsoft.Network/locations/operationResults", (*Device).serveOperation)
}

// networkDelay is how long network operations take: a tenth of a device
// operation, as network changes are quick on the device.
func (d *Device) networkDelay() time.Duration { return d.opts.OpDelay / 10 }

func (d *Device) vnetID(rg, name string) string {
	return d.resourceID(rg, "Microsoft.Network/virtualNetworks", name)
}

func (d *Device) nicID(rg, name string) string {
	return d.resourceID(rg, "Microsoft.Network/networkInterfaces", name)
}

// resourceID is the ID ARM gives a top-level resource of type typ: the
// resource group spelled as it was created, the name as asked.
func (d *Device) resourceID(rg, typ, name string) string {
	return "/subscriptions/" + d.w.Hardware.SubscriptionID + "/resourceGroups/" + d.groupName(rg) +
		"/providers/" + typ + "/" + name
}

// groupName is the resource group's name as it was created: ARM answers
// with that spelling whatever the request's.
func (d *Device) groupName(rg string) string {
	if g, ok := d.w.ResourceGroups[key(rg)]; ok {
		return g.Name
	}
	return rg
}

func (s *subnet) body(d *Device) map[string]any {
	var configs []any
	for _, n := range sortedByID(d.w.NICs) {
		if strings.EqualFold(n.SubnetID, s.ID) {
			configs = append(configs, map[string]any{"id": n.ID + "/ipConfigurations/ipconfig1"})
		}
	}
	return map[string]any{
		"id": s.ID, "name": s.Name, "type": "Microsoft.Network/virtualNetworks/subnets",
		"properties": map[string]any{"addressPrefix": s.AddressPrefix, "provisioningState": stateSucceeded, "ipConfigurations": nonNil(configs)},
	}
}

func (v *virtualNetwork) body(d *Device) map[string]any {
	var subnets []any
	for _, s := range v.Subnets {
		subnets = append(subnets, s.body(d))
	}
	return map[string]any{
		"id": v.ID, "name": v.Name, "type": "Microsoft.Network/virtualNetworks", "location": location, "tags": tagsOrEmpty(v.Tags),
		"properties": map[string]any{
			"addressSpace":      map[string]any{"addressPrefixes": v.AddressPrefixes},
			"subnets":           nonNil(subnets),
			"provisioningState": v.ProvisioningState,
		},
	}
}

type vnetBody struct {
	Location   string            `json:"location"`
	Tags       map[string]string `json:"tags"`
	Properties struct {
		AddressSpace struct {
			AddressPrefixes []string `json:"addressPrefixes"`
		} `json:"addressSpace"`
		Subnets []subnetBody `json:"subnets"`
	} `json:"properties"`
}

type subnetBody struct {
	Name       string `json:"name"`
	Properties struct {
		AddressPrefix string `json:"addressPrefix"`
	} `json:"properties"`
}

func (d *Device) serveVirtualNetworks(w http.ResponseWriter, r *http.Request, p armPath) {
	if p.isCollection() {
		listIn(w, r, p, sortedByID(d.w.VirtualNetworks), func(v *virtualNetwork) map[string]any { return v.body(d) })
		return
	}
	id := d.vnetID(p.ResourceGroup, p.name())
	v, exists := d.w.VirtualNetworks[key(id)]
	switch r.Method {
	case http.MethodGet:
		if !exists {
			writeError(w, notFound("Microsoft.Network/virtualNetworks", p.name()))
			return
		}
		writeJSON(w, http.StatusOK, v.body(d))
	case http.MethodPut:
		var body vnetBody
		if e := decodeModelled(r, &body, vnetShape); e != nil {
			writeError(w, e)
			return
		}
		if e := checkLocation(body.Location); e != nil {
			writeError(w, e)
			return
		}
		next := &virtualNetwork{ID: id, Name: p.name(), Tags: body.Tags, AddressPrefixes: body.Properties.AddressSpace.AddressPrefixes}
		if exists {
			next.ID, next.Name = v.ID, v.Name
		}
		for _, s := range body.Properties.Subnets {
			next.Subnets = append(next.Subnets, &subnet{ID: next.ID + "/subnets/" + s.Name, Name: s.Name, AddressPrefix: s.Properties.AddressPrefix})
		}
		if e := d.checkVNet(next, v); e != nil {
			writeError(w, e)
			return
		}
		status := http.StatusOK
		if !exists {
			status = http.StatusCreated
		}
		next.ProvisioningState = stateUpdating
		d.w.VirtualNetworks[key(next.ID)] = next
		op := d.startOperation(opNetworkPut, "Microsoft.Network", next.ID, d.networkDelay())
		d.acceptOperation(w, r, p.Subscription, op)
		writeJSON(w, status, next.body(d))
	case http.MethodDelete:
		if !exists {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		for _, s := range v.Subnets {
			if e := d.subnetInUse(s); e != nil {
				writeError(w, e)
				return
			}
		}
		v.ProvisioningState = stateDeleting
		op := d.startOperation(opVNetDelete, "Microsoft.Network", v.ID, d.networkDelay())
		d.acceptOperation(w, r, p.Subscription, op)
		w.WriteHeader(http.StatusAccepted)
	default:
		methodNotAllowed(w, r)
	}
}

// checkVNet validates address prefixes, and that no subnet in use would be
// removed or changed.
func (d *Device) checkVNet(next, prev *virtualNetwork) *statusError {
	if len(next.AddressPrefixes) == 0 {
		return badRequest("InvalidAddressSpace", "The virtual network needs at least one address prefix in addressSpace.addressPrefixes.")
	}
	for _, a := range next.AddressPrefixes {
		if _, err := netip.ParsePrefix(a); err != nil {
			return badRequest("InvalidAddressPrefixFormat", "Address prefix "+a+" has an invalid format.")
		}
	}
	for _, s := range next.Subnets {
		if _, err := netip.ParsePrefix(s.AddressPrefix); err != nil {
			return badRequest("InvalidAddressPrefixFormat", "Subnet "+s.Name+" has an invalid address prefix '"+s.AddressPrefix+"'.")
		}
	}
	if prev == nil {
		return nil
	}
	for _, old := range prev.Subnets {
		kept := false
		for _, s := range next.Subnets {
			kept = kept || (strings.EqualFold(s.Name, old.Name) && s.AddressPrefix == old.AddressPrefix)
		}
		if !kept {
			if e := d.subnetInUse(old); e != nil {
				return e
			}
		}
	}
	return nil
}

func (d *Device) subnetInUse(s *subnet) *statusError {
	for _, n := range d.w.NICs {
		if strings.EqualFold(n.SubnetID, s.ID) {
			return badRequest("InUseSubnetCannotBeDeleted", "Subnet "+s.Name+" is in use by "+n.ID+"/ipConfigurations/ipconfig1 and cannot be deleted or changed.")
		}
	}
	return nil
}

func (d *Device) serveSubnets(w http.ResponseWriter, r *http.Request, p armPath) {
	vnet, ok := d.w.VirtualNetworks[key(d.vnetID(p.ResourceGroup, p.Names[0]))]
	if !ok {
		writeError(w, notFound("Microsoft.Network/virtualNetworks", p.Names[0]))
		return
	}
	if p.isCollection() {
		if r.Method != http.MethodGet {
			methodNotAllowed(w, r)
			return
		}
		var list []any
		for _, s := range vnet.Subnets {
			list = append(list, s.body(d))
		}
		writeJSON(w, http.StatusOK, map[string]any{"value": nonNil(list)})
		return
	}
	var found *subnet
	for _, s := range vnet.Subnets {
		if strings.EqualFold(s.Name, p.name()) {
			found = s
		}
	}
	switch r.Method {
	case http.MethodGet:
		if found == nil {
			writeError(w, notFound("Microsoft.Network/virtualNetworks/subnets", p.name()))
			return
		}
		writeJSON(w, http.StatusOK, found.body(d))
	case http.MethodPut:
		var body subnetBody
		if e := decodeBody(r, &body); e != nil {
			writeError(w, e)
			return
		}
		if _, err := netip.ParsePrefix(body.Properties.AddressPrefix); err != nil {
			writeError(w, badRequest("InvalidAddressPrefixFormat", "Subnet "+p.name()+" has an invalid address prefix '"+body.Properties.AddressPrefix+"'."))
			return
		}
		status := http.StatusOK
		if found == nil {
			found = &subnet{ID: vnet.ID + "/subnets/" + p.name(), Name: p.name()}
			vnet.Subnets = append(vnet.Subnets, found)
			status = http.StatusCreated
		} else if found.AddressPrefix != body.Properties.AddressPrefix {
			if e := d.subnetInUse(found); e != nil {
				writeError(w, e)
				return
			}
		}
		found.AddressPrefix = body.Properties.AddressPrefix
		op := d.startOperation(opNetworkPut, "Microsoft.Network", found.ID, 0)
		d.acceptOperation(w, r, p.Subscription, op)
		writeJSON(w, status, found.body(d))
	default:
		methodNotAllowed(w, r)
	}
}

// findSubnet resolves a subnet ID.
func (d *Device) findSubnet(id string) (*subnet, bool) {
	i := strings.LastIndex(strings.ToLower(id), "/subnets/")
	if i < 0 {
		return nil, false
	}
	vnet, ok := d.w.VirtualNetworks[key(id[:i])]
	if !ok {
		return nil, false
	}
	for _, s := range vnet.Subnets {
		if strings.EqualFold(s.ID, id) {
			return s, true
		}
	}
	return nil, false
}

func (n *nic) body() map[string]any {
	props := map[string]any{
		"provisioningState": n.ProvisioningState,
		"resourceGuid":      n.ResourceGUID,
		"ipConfigurations": []any{map[string]any{
			"id":   n.ID + "/ipConfigurations/ipconfig1",
			"name": "ipconfig1",
			"properties": map[string]any{
				"privateIPAddress":          n.PrivateIP,
				"privateIPAllocationMethod": n.Allocation,
				"privateIPAddressVersion":   "IPv4",
				"subnet":                    map[string]any{"id": n.SubnetID},
				"primary":                   true,
				"provisioningState":         stateSucceeded,
			},
		}},
		"macAddress":         n.MAC,
		"primary":            true,
		"enableIPForwarding": false,
	}
	if n.VMID != "" {
		props["virtualMachine"] = map[string]any{"id": n.VMID}
	}
	return map[string]any{
		"id": n.ID, "name": n.Name, "type": "Microsoft.Network/networkInterfaces", "location": location,
		"tags": tagsOrEmpty(n.Tags), "etag": `W/"` + n.ResourceGUID + `"`, "properties": props,
	}
}

type nicBody struct {
	Location   string            `json:"location"`
	Tags       map[string]string `json:"tags"`
	Properties struct {
		IPConfigurations []struct {
			Name       string `json:"name"`
			Properties struct {
				Subnet *struct {
					ID string `json:"id"`
				} `json:"subnet"`
				PrivateIPAllocationMethod string `json:"privateIPAllocationMethod"`
				PrivateIPAddress          string `json:"privateIPAddress"`
			} `json:"properties"`
		} `json:"ipConfigurations"`
	} `json:"properties"`
}

func (d *Device) serveNICs(w http.ResponseWriter, r *http.Request, p armPath) {
	if p.isCollection() {
		listIn(w, r, p, sortedByID(d.w.NICs), (*nic).body)
		return
	}
	id := d.nicID(p.ResourceGroup, p.name())
	n, exists := d.w.NICs[key(id)]
	switch r.Method {
	case http.MethodGet:
		if !exists {
			writeError(w, notFound("Microsoft.Network/networkInterfaces", p.name()))
			return
		}
		writeJSON(w, http.StatusOK, n.body())
	case http.MethodPut:
		d.putNIC(w, r, p, id, n)
	case http.MethodDelete:
		if !exists {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if n.VMID != "" {
			writeError(w, badRequest("NicInUse", "Network Interface "+n.ID+" is used by existing resource "+n.VMID+
				". In order to delete the network interface, it must be dissociated from the resource."))
			return
		}
		n.ProvisioningState = stateDeleting
		op := d.startOperation(opNICDelete, "Microsoft.Network", n.ID, d.networkDelay())
		d.acceptOperation(w, r, p.Subscription, op)
		w.WriteHeader(http.StatusAccepted)
	default:
		methodNotAllowed(w, r)
	}
}

func (d *Device) putNIC(w http.ResponseWriter, r *http.Request, p armPath, id string, prev *nic) {
	var body nicBody
	if e := decodeModelled(r, &body, nicShape); e != nil {
		writeError(w, e)
		return
	}
	if e := checkLocation(body.Location); e != nil {
		writeError(w, e)
		return
	}
	if len(body.Properties.IPConfigurations) != 1 || body.Properties.IPConfigurations[0].Properties.Subnet == nil {
		writeError(w, badRequest("InvalidRequestFormat", "A network interface on the device takes exactly one IP configuration with a subnet."))
		return
	}
	ipc := body.Properties.IPConfigurations[0].Properties
	sub, ok := d.findSubnet(ipc.Subnet.ID)
	if !ok {
		writeError(w, badRequest("InvalidResourceReference", "Resource "+ipc.Subnet.ID+" referenced by resource "+id+" was not found."))
		return
	}
	if prev != nil && !strings.EqualFold(prev.SubnetID, sub.ID) {
		// [NIC]: a network interface's virtual network and subnet cannot change.
		writeError(w, conflict("PropertyChangeNotAllowed", "Changing property 'ipConfigurations[0].properties.subnet.id' of network interface "+
			prev.Name+" from "+prev.SubnetID+" to "+sub.ID+" is not allowed: a network interface's virtual network and subnet cannot change. Create a new network interface instead."))
		return
	}
	prefix, _ := netip.ParsePrefix(sub.AddressPrefix)
	next := &nic{ID: id, Name: p.name(), Tags: body.Tags, SubnetID: sub.ID, Allocation: "Dynamic"}
	if prev != nil {
		next.ID, next.Name, next.MAC, next.VMID, next.ResourceGUID = prev.ID, prev.Name, prev.MAC, prev.VMID, prev.ResourceGUID
	} else {
		next.ResourceGUID = uuid.NewString()
		next.MAC = fmt.Sprintf("001DD8B7%04X", d.w.nextCounter()&0xffff)
	}
	switch {
	case strings.EqualFold(ipc.PrivateIPAllocationMethod, "Static") || (ipc.PrivateIPAllocationMethod == "" && ipc.PrivateIPAddress != ""):
		addr, err := netip.ParseAddr(ipc.PrivateIPAddress)
		if err != nil {
			writeError(w, badRequest("InvalidPrivateIPAddressFormat", "Private static IP address '"+ipc.PrivateIPAddress+"' does not have a valid format."))
			return
		}
		if !usable(prefix, addr) {
			writeError(w, badRequest("PrivateIPAddressNotInSubnet", "IP configuration "+id+"/ipConfigurations/ipconfig1 references the private IP address "+
				addr.String()+" which is not in the range of subnet "+sub.ID+" ("+sub.AddressPrefix+")."))
			return
		}
		if holder := d.ipHolder(sub.ID, addr.String(), id); holder != "" {
			writeError(w, badRequest("PrivateIPAddressInUse", "IP configuration "+id+"/ipConfigurations/ipconfig1 is using the private IP address "+
				addr.String()+" which is already allocated to resource "+holder+"."))
			return
		}
		next.Allocation, next.PrivateIP = "Static", addr.String()
	case prev != nil && strings.EqualFold(prev.SubnetID, sub.ID) && prev.Allocation == "Dynamic":
		next.PrivateIP = prev.PrivateIP // DHCP keeps its lease
	default:
		ip, ok := d.leaseAddress(sub, prefix)
		if !ok {
			writeError(w, badRequest("SubnetIsFull", "Subnet "+sub.Name+" with address prefix "+sub.AddressPrefix+" does not have enough capacity for 1 IP address."))
			return
		}
		next.PrivateIP = ip
	}
	status := http.StatusOK
	if prev == nil {
		status = http.StatusCreated
	}
	next.ProvisioningState = stateUpdating
	d.w.NICs[key(id)] = next
	op := d.startOperation(opNetworkPut, "Microsoft.Network", id, d.networkDelay())
	d.acceptOperation(w, r, p.Subscription, op)
	writeJSON(w, status, next.body())
}

// usable reports whether addr may be given to a NIC: inside the prefix,
// and neither the network address, the three addresses after it (reserved
// as in Azure) nor the broadcast address.
func usable(prefix netip.Prefix, addr netip.Addr) bool {
	if !prefix.Contains(addr) {
		return false
	}
	first := prefix.Masked().Addr()
	for i := 0; i < 4; i++ {
		if addr == first {
			return false
		}
		first = first.Next()
	}
	return prefix.Contains(addr.Next())
}

// ipHolder is the NIC other than self holding addr on the subnet, or "".
func (d *Device) ipHolder(subnetID, addr, self string) string {
	for _, n := range d.w.NICs {
		if strings.EqualFold(n.SubnetID, subnetID) && n.PrivateIP == addr && !strings.EqualFold(n.ID, self) {
			return n.ID
		}
	}
	return ""
}

// leaseAddress is the device's DHCP: the lowest free usable address.
func (d *Device) leaseAddress(sub *subnet, prefix netip.Prefix) (string, bool) {
	for a := prefix.Masked().Addr(); prefix.Contains(a); a = a.Next() {
		if usable(prefix, a) && d.ipHolder(sub.ID, a.String(), "") == "" {
			return a.String(), true
		}
	}
	return "", false
}

// finishNetworkOrGroup ends network and resource-group operations.
func (d *Device) finishNetworkOrGroup(op *operation) {
	k := key(op.ResourceID)
	switch op.Kind {
	case opNetworkPut:
		state := stateSucceeded
		if op.Status != opSucceeded {
			state = stateFailed
		}
		if n, ok := d.w.NICs[k]; ok {
			n.ProvisioningState = state
		}
		if v, ok := d.w.VirtualNetworks[k]; ok {
			v.ProvisioningState = state
		}
	case opNICDelete:
		if op.Status == opSucceeded {
			delete(d.w.NICs, k)
		} else if n, ok := d.w.NICs[k]; ok {
			n.ProvisioningState = stateFailed
		}
	case opVNetDelete:
		if op.Status == opSucceeded {
			delete(d.w.VirtualNetworks, k)
		} else if v, ok := d.w.VirtualNetworks[k]; ok {
			v.ProvisioningState = stateFailed
		}
	case opGroupDelete:
		if op.Status != opSucceeded {
			return
		}
		deleteUnder(d.w.VirtualNetworks, k+"/")
		deleteUnder(d.w.Images, k+"/")
		delete(d.w.ResourceGroups, strings.ToLower(lastSegment(op.ResourceID)))
	}
}

func deleteUnder[T any](m map[string]T, prefix string) {
	for k := range m {
		if strings.HasPrefix(k, prefix) {
			delete(m, k)
		}
	}
}

// listIn answers a LIST of a resource kind in the request's scope: the
// resource group of the path, or the whole subscription.
func listIn[T identified](w http.ResponseWriter, r *http.Request, p armPath, items []T, body func(T) map[string]any) {
	if r.Method != http.MethodGet {
		methodNotAllowed(w, r)
		return
	}
	list := []any{}
	for _, it := range items {
		if inScope(it.id(), p) {
			list = append(list, body(it))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"value": list})
}
