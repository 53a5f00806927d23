package provider

import (
	"net/netip"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// ipv4Address checks an IPv4 address.
func ipv4Address() validator.String {
	return stringCheck{"must be an IPv4 address", func(s string) string {
		if a, err := netip.ParseAddr(s); err != nil || !a.Is4() {
			return "is not an IPv4 address such as 10.57.50.60"
		}
		return ""
	}}
}
