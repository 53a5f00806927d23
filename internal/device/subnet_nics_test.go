package device

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestSubnetNICIDs(t *testing.T) {
	const nics = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/"
	for _, tc := range []struct {
		name    string
		configs []string
		want    []string
	}{
		{"none", nil, nil},
		{"one NIC", []string{nics + "vm-nic-0a1b2c3d/ipConfigurations/ipconfig1"}, []string{nics + "vm-nic-0a1b2c3d"}},
		{"two NICs in order", []string{nics + "a/ipConfigurations/ipconfig1", nics + "b/ipConfigurations/ipconfig1"},
			[]string{nics + "a", nics + "b"}},
		{"a NIC's two configurations name it once", []string{nics + "a/ipConfigurations/one", nics + "A/ipConfigurations/two"},
			[]string{nics + "a"}},
		{"ARM's lower-case spelling", []string{"/subscriptions/s1/resourcegroups/rg/providers/microsoft.network/networkinterfaces/a/ipconfigurations/ipconfig1"},
			[]string{"/subscriptions/s1/resourcegroups/rg/providers/microsoft.network/networkinterfaces/a"}},
		{"a gateway's configuration is no NIC's", []string{
			"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw/ipConfigurations/default"}, nil},
		{"a NIC itself is no IP configuration", []string{nics + "a"}, nil},
		{"an ID that does not parse", []string{"networkInterfaces/a/ipConfigurations/ipconfig1", ""}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s Subnet
			for _, c := range tc.configs {
				s.Properties.IPConfigurations = append(s.Properties.IPConfigurations, SubResource{ID: c})
			}
			// ARM compares IDs case-insensitively (SameID).
			if got := s.NICIDs(); !slices.EqualFunc(got, tc.want, SameID) {
				t.Errorf("NICIDs() = %q, want %q", got, tc.want)
			}
		})
	}
}

// The subnet's ipConfigurations decode from a Subnets - Get answer.
func TestSubnetIPConfigurationsDecode(t *testing.T) {
	body := `{"id":"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/sn","name":"sn",
	"properties":{"addressPrefix":"10.57.48.0/21","provisioningState":"Succeeded",
	"ipConfigurations":[{"id":"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/vm-nic-0a1b2c3d/ipConfigurations/ipconfig1"}]}}`
	var s Subnet
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		t.Fatal(err)
	}
	want := []string{"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/vm-nic-0a1b2c3d"}
	if got := s.NICIDs(); !slices.Equal(got, want) {
		t.Errorf("NICIDs() = %q, want %q", got, want)
	}
}
