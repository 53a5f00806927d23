package device

import "strings"

// NICIDs are the network interfaces with an IP configuration on the
// subnet, once each, from its ipConfigurations: ARM lists there, read-only,
// "an array of references to the network interface IP configurations using
// subnet", each .../networkInterfaces/{nic}/ipConfigurations/{name}
// (Network REST API, Subnets - Get,
// https://learn.microsoft.com/en-us/rest/api/virtualnetwork/subnets/get).
// Configurations of other resources (a gateway's, say) and IDs that do not
// parse are no NIC's and are skipped.
func (s Subnet) NICIDs() []string {
	var ids []string
	seen := map[string]bool{}
	for _, c := range s.Properties.IPConfigurations {
		id, err := ParseResourceID(c.ID)
		if err != nil || !id.Is("Microsoft.Network", "networkInterfaces", "ipConfigurations") {
			continue
		}
		nic := id.Parent().String()
		if k := strings.ToLower(nic); !seen[k] {
			seen[k] = true
			ids = append(ids, nic)
		}
	}
	return ids
}
