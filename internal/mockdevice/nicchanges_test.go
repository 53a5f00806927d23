package mockdevice

import (
	"net/http"
	"strings"
	"testing"
)

func setNICs(b map[string]any, ids ...string) {
	list := []any{}
	for _, id := range ids {
		list = append(list, map[string]any{"id": id})
	}
	b["properties"].(map[string]any)["networkProfile"] = map[string]any{"networkInterfaces": list}
}

// NICs are added or detached only while the VM is stopped (deallocated);
// a NIC's subnet and virtual network never change [NIC].
func TestNICChanges(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("nc")
	a, b, other := c.createNIC("nc", "a"), c.createNIC("nc", "b"), c.createNIC("nc", "other")
	c.createVMWithNIC("nc", "holder", "Standard_D1_v2", "ubuntu_18_04", other)
	vmPath := s.rgPath("nc") + "/providers/Microsoft.Compute/virtualMachines/vm"
	body := vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("ubuntu_18_04"), a, "")
	c.wait(c.do(http.MethodPut, vmPath, body).must(t, http.StatusCreated))
	put := func(ids ...string) response {
		setNICs(body, ids...)
		return c.do(http.MethodPut, vmPath, body)
	}
	nicsOf := func() []string {
		var ids []string
		for _, n := range c.do(http.MethodGet, vmPath, nil).Body["properties"].(map[string]any)["networkProfile"].(map[string]any)["networkInterfaces"].([]any) {
			ids = append(ids, str(n, "id"))
		}
		return ids
	}
	vmOf := func(nic string) string {
		return str(c.do(http.MethodGet, nic, nil).Body, "properties", "virtualMachine", "id")
	}

	if r := put(a, b); r.Status != http.StatusConflict || !strings.Contains(r.errorMessage(), "deallocated") {
		t.Fatalf("adding a NIC to a running VM: %d %s", r.Status, r.Raw)
	}
	c.wait(c.do(http.MethodPost, vmPath+"/powerOff", nil).must(t, http.StatusAccepted))
	if r := put(a, b); r.Status != http.StatusConflict {
		t.Fatalf("adding a NIC to a VM powered off but not deallocated: %d %s", r.Status, r.Raw)
	}
	c.wait(c.do(http.MethodPost, vmPath+"/deallocate", nil).must(t, http.StatusAccepted))
	c.wait(put(a, b).must(t, http.StatusOK))
	if got := nicsOf(); len(got) != 2 || !strings.EqualFold(vmOf(b), str(c.do(http.MethodGet, vmPath, nil).Body, "id")) {
		t.Fatalf("after adding: %v, b on %q", got, vmOf(b))
	}
	for _, tc := range []struct {
		name   string
		ids    []string
		status int
		code   string
	}{
		{"another VM's NIC", []string{a, b, other}, 400, "NicInUse"},
		{"a missing NIC", []string{a, s.rgPath("nc") + "/providers/Microsoft.Network/networkInterfaces/none"}, 404, "NotFound"},
		{"a NIC twice", []string{a, a}, 400, "InvalidParameter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := put(tc.ids...); r.Status != tc.status || r.errorCode() != tc.code {
				t.Fatalf("%d %s", r.Status, r.Raw)
			}
			if got := nicsOf(); len(got) != 2 {
				t.Fatalf("a refused change changed the NICs: %v", got)
			}
		})
	}
	c.wait(put(b).must(t, http.StatusOK))
	if got := nicsOf(); len(got) != 1 || !strings.EqualFold(got[0], b) || vmOf(a) != "" {
		t.Fatalf("after detaching a: %v, a on %q", got, vmOf(a))
	}
	c.wait(c.do(http.MethodPost, vmPath+"/start", nil).must(t, http.StatusAccepted))
	c.wait(put(b).must(t, http.StatusOK)) // the same NICs on a running VM are no change

	// Neither an attached nor a free NIC moves to another virtual network.
	vnet := s.rgPath("nc") + "/providers/Microsoft.Network/virtualNetworks/second"
	c.wait(c.do(http.MethodPut, vnet, map[string]any{"location": "dbelocal", "properties": map[string]any{
		"addressSpace": map[string]any{"addressPrefixes": []string{"192.168.0.0/16"}},
		"subnets":      []any{map[string]any{"name": "s", "properties": map[string]any{"addressPrefix": "192.168.1.0/24"}}},
	}}).must(t, http.StatusCreated))
	for _, nic := range []string{a, b} {
		r := c.do(http.MethodPut, nic, nicBodyFor(vnet+"/subnets/s", ""))
		if r.Status != http.StatusConflict || r.errorCode() != "PropertyChangeNotAllowed" || !strings.Contains(r.errorMessage(), "subnet") {
			t.Fatalf("moving %s: %d %s", nic, r.Status, r.Raw)
		}
		if got := str(c.do(http.MethodGet, nic, nil).Body["properties"].(map[string]any)["ipConfigurations"].([]any)[0], "properties", "subnet", "id"); !strings.EqualFold(got, s.subnetID()) {
			t.Fatalf("%s moved to %s", nic, got)
		}
	}
}

// The first NIC is the primary one; a request saying otherwise is refused.
func TestPrimaryNIC(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("pn")
	a, b := c.createNIC("pn", "a"), c.createNIC("pn", "b")
	body := vmBodyFor("Standard_D2_v2", s.imageIDFor("ubuntu_18_04"), a, "")
	body["properties"].(map[string]any)["networkProfile"] = map[string]any{"networkInterfaces": []any{
		map[string]any{"id": a, "properties": map[string]any{"primary": false}},
		map[string]any{"id": b, "properties": map[string]any{"primary": true}},
	}}
	vmPath := s.rgPath("pn") + "/providers/Microsoft.Compute/virtualMachines/vm"
	if r := c.do(http.MethodPut, vmPath, body); r.Status != http.StatusBadRequest || !strings.Contains(r.errorMessage(), "networkInterfaces[0].properties.primary") {
		t.Fatalf("second NIC primary: %d %s", r.Status, r.Raw)
	}
	body["properties"].(map[string]any)["networkProfile"] = map[string]any{"networkInterfaces": []any{
		map[string]any{"id": a, "properties": map[string]any{"primary": true}},
		map[string]any{"id": b, "properties": map[string]any{"primary": false}},
	}}
	c.wait(c.do(http.MethodPut, vmPath, body).must(t, http.StatusCreated))
}
