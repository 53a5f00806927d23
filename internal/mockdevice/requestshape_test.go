package mockdevice

import (
	"net/http"
	"strings"
	"testing"
)

// What the device does not model in a NIC, virtual network or extension
// PUT is refused naming the property; what a GET returns may be sent back.
func TestUnmodelledPropertiesRefused(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("um")
	vmPath, _ := c.createVM("um", "vm", "Standard_D1_v2", "ubuntu_18_04")
	nicPath := s.rgPath("um") + "/providers/Microsoft.Network/networkInterfaces/n"
	vnetPath := s.rgPath("um") + "/providers/Microsoft.Network/virtualNetworks/vn"
	extPath := vmPath + "/extensions/e"
	nic := func(edit func(props, ipc map[string]any)) map[string]any {
		b := nicBodyFor(s.subnetID(), "")
		props := b["properties"].(map[string]any)
		edit(props, props["ipConfigurations"].([]any)[0].(map[string]any)["properties"].(map[string]any))
		return b
	}
	vnet := func(extra map[string]any) map[string]any {
		props := map[string]any{"addressSpace": map[string]any{"addressPrefixes": []string{"192.168.0.0/16"}}}
		for k, v := range extra {
			props[k] = v
		}
		return map[string]any{"location": "dbelocal", "properties": props}
	}
	ext := func(extra map[string]any) map[string]any {
		props := map[string]any{"publisher": "Microsoft.Azure.Extensions", "type": "CustomScript", "typeHandlerVersion": "2.0"}
		for k, v := range extra {
			props[k] = v
		}
		return map[string]any{"location": "dbelocal", "properties": props}
	}
	for _, tc := range []struct {
		name, path string
		body       map[string]any
		says       string
	}{
		{"nic security group", nicPath, nic(func(p, _ map[string]any) { p["networkSecurityGroup"] = map[string]any{"id": "x"} }), "properties.networkSecurityGroup"},
		{"nic accelerated networking", nicPath, nic(func(p, _ map[string]any) { p["enableAcceleratedNetworking"] = true }), "properties.enableAcceleratedNetworking"},
		{"nic IP forwarding", nicPath, nic(func(p, _ map[string]any) { p["enableIPForwarding"] = true }), "properties.enableIPForwarding"},
		{"nic IPv6", nicPath, nic(func(_, ipc map[string]any) { ipc["privateIPAddressVersion"] = "IPv6" }), "privateIPAddressVersion"},
		{"nic public IP", nicPath, nic(func(_, ipc map[string]any) { ipc["publicIPAddress"] = map[string]any{"id": "x"} }), "properties.ipConfigurations[0].properties.publicIPAddress"},
		{"vnet DHCP options", vnetPath, vnet(map[string]any{"dhcpOptions": map[string]any{"dnsServers": []string{"1.1.1.1"}}}), "properties.dhcpOptions"},
		{"extension force update", extPath, ext(map[string]any{"forceUpdateTag": "1"}), "properties.forceUpdateTag"},
		{"image from a VM", s.rgPath("um") + "/providers/Microsoft.Compute/images/img", map[string]any{"location": "dbelocal", "properties": map[string]any{
			"sourceVirtualMachine": map[string]any{"id": vmPath}}}, "properties.sourceVirtualMachine"},
		{"image with a data disk", s.rgPath("um") + "/providers/Microsoft.Compute/images/img", map[string]any{"location": "dbelocal", "properties": map[string]any{
			"storageProfile": map[string]any{"osDisk": map[string]any{"osType": "Linux", "blobUri": "https://x/y.vhd"},
				"dataDisks": []any{map[string]any{"lun": 0, "blobUri": "https://x/z.vhd"}}}}}, "properties.storageProfile.dataDisks[0].blobUri"},
		{"vm boot diagnostics", vmPath, func() map[string]any {
			b := c.do(http.MethodGet, vmPath, nil).Body
			b["properties"].(map[string]any)["diagnosticsProfile"] = map[string]any{"bootDiagnostics": map[string]any{"enabled": true}}
			return b
		}(), "properties.diagnosticsProfile"},
		{"vm extension operations off", vmPath, func() map[string]any {
			b := c.do(http.MethodGet, vmPath, nil).Body
			osProfile(b)["allowExtensionOperations"] = false
			return b
		}(), "allowExtensionOperations"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.do(http.MethodPut, tc.path, tc.body)
			if r.Status != http.StatusBadRequest || r.errorCode() != "InvalidParameter" || !strings.Contains(r.errorMessage(), tc.says) {
				t.Fatalf("%d %s, want 400 InvalidParameter naming %s", r.Status, r.Raw, tc.says)
			}
		})
	}
	// Round trips: what the device answers, sent back, is accepted.
	c.wait(c.do(http.MethodPut, nicPath, nicBodyFor(s.subnetID(), "")).must(t, http.StatusCreated))
	c.wait(c.do(http.MethodPut, nicPath, c.do(http.MethodGet, nicPath, nil).Body).must(t, http.StatusOK))
	c.wait(c.do(http.MethodPut, vnetPath, vnet(nil)).must(t, http.StatusCreated))
	c.wait(c.do(http.MethodPut, vnetPath, c.do(http.MethodGet, vnetPath, nil).Body).must(t, http.StatusOK))
	c.wait(c.do(http.MethodPut, vmPath, c.do(http.MethodGet, vmPath+"?$expand=instanceView", nil).Body).must(t, http.StatusOK))
	img := s.imageIDFor("ubuntu_18_04")
	c.do(http.MethodPut, img, c.do(http.MethodGet, img, nil).Body).must(t, http.StatusOK)
	c.wait(c.do(http.MethodPut, extPath, ext(nil)).must(t, http.StatusCreated))
	c.wait(c.do(http.MethodPut, extPath, c.do(http.MethodGet, extPath+"?$expand=instanceView", nil).Body).must(t, http.StatusOK))
}
