package mockdevice

import (
	"net/http"
	"strings"
	"testing"
)

func TestAPIVersions(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	sub := "/subscriptions/" + s.Credentials().SubscriptionID
	vms := sub + "/providers/Microsoft.Compute/virtualMachines"
	for _, tc := range []struct {
		name, path string
		status     int
		code       string
	}{
		{"compute template version", vms + "?api-version=2017-03-30", 200, ""},
		{"compute hybrid profile version", vms + "?api-version=2017-12-01", 200, ""},
		{"compute Azure version", vms + "?api-version=2023-03-01", 400, "NoRegisteredProviderFound"},
		{"network", sub + "/providers/Microsoft.Network/networkInterfaces?api-version=2017-10-01", 200, ""},
		{"network Azure version", sub + "/providers/Microsoft.Network/networkInterfaces?api-version=2023-09-01", 400, "NoRegisteredProviderFound"},
		{"resource groups", sub + "/resourcegroups?api-version=2018-05-01", 200, ""},
		{"subscriptions", "/subscriptions?api-version=2016-06-01", 200, ""},
		{"malformed", vms + "?api-version=latest", 400, "InvalidApiVersionParameter"},
		{"missing", vms + "?x=1", 400, "MissingApiVersionParameter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := tc.path
			if !strings.Contains(url, "api-version") {
				url += "&api-version="
			}
			r := c.do(http.MethodGet, url, nil)
			if r.Status != tc.status || r.errorCode() != tc.code {
				t.Fatalf("%d %q, want %d %q: %s", r.Status, r.errorCode(), tc.status, tc.code, r.Raw)
			}
			if tc.code == "NoRegisteredProviderFound" && !strings.Contains(r.errorMessage(), "The supported api-versions are") {
				t.Fatalf("message does not list the supported versions: %s", r.errorMessage())
			}
		})
	}
}

func TestSubscriptionAndGroups(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	subs := c.do(http.MethodGet, "/subscriptions", nil).must(t, http.StatusOK)
	list := subs.Body["value"].([]any)
	if len(list) != 1 || str(list[0], "displayName") != subscriptionName || str(list[0], "subscriptionId") != s.Credentials().SubscriptionID {
		t.Fatalf("subscriptions = %s", subs.Raw)
	}
	c.do(http.MethodGet, "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups", nil).must(t, http.StatusNotFound)

	rg := s.rgPath("myasegpurg")
	c.do(http.MethodGet, rg, nil).must(t, http.StatusNotFound)
	c.do(http.MethodPut, rg, map[string]any{"location": "westus"}).must(t, http.StatusBadRequest)
	created := c.do(http.MethodPut, rg, map[string]any{"location": "dbelocal", "tags": map[string]string{"a": "b"}}).must(t, http.StatusCreated)
	if str(created.Body, "location") != "dbelocal" {
		t.Fatalf("location = %q", str(created.Body, "location"))
	}
	c.do(http.MethodPut, rg, map[string]any{"location": "dbelocal"}).must(t, http.StatusOK)
	c.do(http.MethodHead, strings.ToUpper(rg[:1])+rg[1:], nil).must(t, http.StatusNoContent)
	// A resource in a group that does not exist.
	c.do(http.MethodGet, s.rgPath("nope")+"/providers/Microsoft.Compute/virtualMachines/x", nil).must(t, http.StatusNotFound)

	c.createNIC("myasegpurg", "nic1")
	if r := c.do(http.MethodDelete, rg, nil); r.Status != http.StatusConflict {
		t.Fatalf("deleting a group with a NIC: %d", r.Status)
	}
	c.wait(c.do(http.MethodDelete, rg+"/providers/Microsoft.Network/networkInterfaces/nic1", nil).must(t, http.StatusAccepted))
	c.wait(c.do(http.MethodDelete, rg, nil).must(t, http.StatusAccepted))
	c.do(http.MethodGet, rg, nil).must(t, http.StatusNotFound)
	c.do(http.MethodDelete, rg, nil).must(t, http.StatusNoContent)
}

func TestNetworkInterfaces(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("rg")
	nics := s.rgPath("rg") + "/providers/Microsoft.Network/networkInterfaces/"

	dhcp := c.do(http.MethodPut, nics+"a", nicBodyFor(s.subnetID(), "")).must(t, http.StatusCreated)
	c.wait(dhcp)
	a := c.do(http.MethodGet, nics+"a", nil).must(t, http.StatusOK)
	ipc := a.Body["properties"].(map[string]any)["ipConfigurations"].([]any)[0]
	if got := str(ipc, "properties", "privateIPAddress"); got != "10.57.48.4" {
		t.Errorf("DHCP gave %q, want the first usable address 10.57.48.4", got)
	}
	if str(a.Body, "properties", "provisioningState") != stateSucceeded {
		t.Errorf("state = %q", str(a.Body, "properties", "provisioningState"))
	}
	b := c.do(http.MethodPut, nics+"b", nicBodyFor(s.subnetID(), "10.57.50.60")).must(t, http.StatusCreated)
	c.wait(b)
	for _, tc := range []struct {
		name, ip, code string
	}{
		{"static address in use", "10.57.50.60", "PrivateIPAddressInUse"},
		{"DHCP address in use", "10.57.48.4", "PrivateIPAddressInUse"},
		{"outside the subnet", "10.1.0.5", "PrivateIPAddressNotInSubnet"},
		{"network address", "10.57.48.0", "PrivateIPAddressNotInSubnet"},
		{"not an address", "ten", "InvalidPrivateIPAddressFormat"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.do(http.MethodPut, nics+"c", nicBodyFor(s.subnetID(), tc.ip)).must(t, http.StatusBadRequest)
			if r.errorCode() != tc.code {
				t.Fatalf("code %q, want %q: %s", r.errorCode(), tc.code, r.errorMessage())
			}
		})
	}
	bad := nicBodyFor(s.subnetID()+"x", "")
	if r := c.do(http.MethodPut, nics+"c", bad); r.Status != 400 || r.errorCode() != "InvalidResourceReference" {
		t.Fatalf("missing subnet: %d %s", r.Status, r.Raw)
	}
	// DHCP keeps its lease on update; the next NIC gets the next address.
	c.wait(c.do(http.MethodPut, nics+"a", nicBodyFor(s.subnetID(), "")).must(t, http.StatusOK))
	if got := str(c.do(http.MethodGet, nics+"a", nil).Body["properties"].(map[string]any)["ipConfigurations"].([]any)[0], "properties", "privateIPAddress"); got != "10.57.48.4" {
		t.Errorf("lease changed to %q", got)
	}
	list := c.do(http.MethodGet, s.rgPath("rg")+"/providers/Microsoft.Network/networkInterfaces", nil).must(t, http.StatusOK)
	if n := len(list.Body["value"].([]any)); n != 2 {
		t.Errorf("listed %d NICs, want 2", n)
	}
	del := c.do(http.MethodDelete, nics+"b", nil).must(t, http.StatusAccepted)
	if del.Header.Get("Location") == "" {
		t.Error("DELETE without Location")
	}
	c.wait(del)
	c.do(http.MethodGet, nics+"b", nil).must(t, http.StatusNotFound)
	c.do(http.MethodDelete, nics+"b", nil).must(t, http.StatusNoContent)
}

func TestVirtualNetworksAndSubnets(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	seeded := c.do(http.MethodGet, s.rgPath(computeResourceGroup)+"/providers/Microsoft.Network/virtualNetworks/"+computeVNet, nil).must(t, http.StatusOK)
	if len(seeded.Body["properties"].(map[string]any)["subnets"].([]any)) != 1 {
		t.Fatalf("seeded vnet: %s", seeded.Raw)
	}
	c.do(http.MethodGet, s.subnetID(), nil).must(t, http.StatusOK)
	c.createRG("net")
	vnet := s.rgPath("net") + "/providers/Microsoft.Network/virtualNetworks/v2"
	body := map[string]any{"location": "dbelocal", "properties": map[string]any{
		"addressSpace": map[string]any{"addressPrefixes": []string{"192.168.0.0/16"}},
		"subnets":      []any{map[string]any{"name": "s1", "properties": map[string]any{"addressPrefix": "192.168.1.0/24"}}},
	}}
	c.wait(c.do(http.MethodPut, vnet, body).must(t, http.StatusCreated))
	c.wait(c.do(http.MethodPut, vnet+"/subnets/s2", map[string]any{"properties": map[string]any{"addressPrefix": "192.168.2.0/24"}}).must(t, http.StatusCreated))
	subnets := c.do(http.MethodGet, vnet+"/subnets", nil).must(t, http.StatusOK)
	if len(subnets.Body["value"].([]any)) != 2 {
		t.Fatalf("subnets: %s", subnets.Raw)
	}
	nic := c.do(http.MethodPut, s.rgPath("net")+"/providers/Microsoft.Network/networkInterfaces/n", nicBodyFor(vnet+"/subnets/s1", "")).must(t, http.StatusCreated)
	c.wait(nic)
	if r := c.do(http.MethodDelete, vnet, nil); r.errorCode() != "InUseSubnetCannotBeDeleted" {
		t.Fatalf("deleting a vnet in use: %s", r.Raw)
	}
	bad := map[string]any{"location": "dbelocal", "properties": map[string]any{"addressSpace": map[string]any{"addressPrefixes": []string{"nope"}}}}
	if r := c.do(http.MethodPut, vnet+"x", bad); r.errorCode() != "InvalidAddressPrefixFormat" {
		t.Fatalf("bad prefix: %s", r.Raw)
	}
}

func TestImages(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	list := c.do(http.MethodGet, s.rgPath(ImageResourceGroup)+"/providers/Microsoft.Compute/images", nil).must(t, http.StatusOK)
	got := map[string]string{}
	for _, img := range list.Body["value"].([]any) {
		got[str(img, "name")] = str(img, "properties", "storageProfile", "osDisk", "osType")
	}
	for name, osType := range map[string]string{"windows-server-2019": "Windows", "windows-server-2016": "Windows", "ubuntu-18-04": "Linux", "rhel-7-4": "Linux"} {
		if got[name] != osType {
			t.Errorf("seeded image %s has osType %q, want %s", name, got[name], osType)
		}
	}
	img := s.rgPath(ImageResourceGroup) + "/providers/Microsoft.Compute/images/custom"
	c.do(http.MethodPut, img, map[string]any{"location": "dbelocal", "properties": map[string]any{
		"storageProfile": map[string]any{"osDisk": map[string]any{"osType": "linux", "blobUri": "https://x/vhds/a.vhd"}}}}).must(t, http.StatusCreated)
	if r := c.do(http.MethodGet, img+"?api-version=2020-06-01", nil).must(t, http.StatusOK); str(r.Body, "properties", "hyperVGeneration") != "V1" ||
		str(r.Body, "properties", "storageProfile", "osDisk", "osType") != "Linux" {
		t.Errorf("custom image: %s", r.Raw)
	}
	c.do(http.MethodPut, img+"2", map[string]any{"location": "dbelocal", "properties": map[string]any{
		"storageProfile": map[string]any{"osDisk": map[string]any{"osType": "BeOS"}}}}).must(t, http.StatusBadRequest)
}

// Every resource the device makes refuses a location other than its own,
// and takes its own written as Azure shows it ("DBE Local").
func TestLocationChecked(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("loc")
	at := func(kind, name string) string { return s.rgPath("loc") + "/providers/" + kind + "/" + name }
	vnet := map[string]any{"properties": map[string]any{"addressSpace": map[string]any{"addressPrefixes": []string{"192.168.0.0/16"}}}}
	image := map[string]any{"properties": map[string]any{"storageProfile": map[string]any{"osDisk": map[string]any{"osType": "Linux"}}}}
	for _, tc := range []struct {
		name, path string
		body       map[string]any
	}{
		{"resource group", s.rgPath("loc2"), map[string]any{}},
		{"virtual network", at("Microsoft.Network/virtualNetworks", "vn"), vnet},
		{"network interface", at("Microsoft.Network/networkInterfaces", "n"), nicBodyFor(s.subnetID(), "")},
		{"image", at("Microsoft.Compute/images", "i"), image},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.body["location"] = "eastus"
			if r := c.do(http.MethodPut, tc.path, tc.body); r.Status != http.StatusBadRequest || r.errorCode() != "LocationNotAvailableForResourceType" {
				t.Fatalf("location eastus: %d %s", r.Status, r.Raw)
			}
			tc.body["location"] = "DBE Local"
			if r := c.do(http.MethodPut, tc.path, tc.body); r.Status != http.StatusCreated {
				t.Fatalf("location DBE Local: %d %s", r.Status, r.Raw)
			}
		})
	}
}
