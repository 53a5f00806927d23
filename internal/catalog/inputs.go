package catalog

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"
)

// Rules for inputs that Azure's compute and network refuse, from Azure's
// public API reference. Each is applied at plan time so the device is
// never sent what it would refuse.

// Sources of the rules below.
const (
	// osProfileSource documents adminUsername's disallowed values and
	// lengths.
	osProfileSource = "Azure Compute REST reference, OSProfile.adminUsername: https://learn.microsoft.com/rest/api/compute/virtual-machines/create-or-update#osprofile"
	// resourceNameSource documents the characters ARM refuses in names.
	resourceNameSource = "Azure naming rules: https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules"
	// reservedAddressSource documents the addresses Azure keeps in every subnet.
	reservedAddressSource = "Azure Virtual Network FAQ, restrictions on IP addresses within subnets: https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq"
)

// disallowedAdminUsernames are the user names the compute refuses.
var disallowedAdminUsernames = []string{"administrator", "admin", "user", "user1", "test", "user2", "test1", "user3", "admin1", "1",
	"123", "a", "actuser", "adm", "admin2", "aspnet", "backup", "console", "david", "guest", "john", "owner", "root", "server",
	"sql", "support", "support_388945a0", "sys", "test2", "test3", "user4", "user5"}

// Longest admin user names.
const (
	windowsAdminUsernameMax = 20
	linuxAdminUsernameMax   = 64
)

// CheckAdminUsername applies the compute's user name rules: none of the
// disallowed names, at most 20 characters on Windows and 64 on Linux, and
// on Windows not ending in a period.
func CheckAdminUsername(name string, t OSType) *Problem {
	p := &Problem{Attribute: "admin_username", Value: name, Fix: "Choose another user name, for example azureuser."}
	max := linuxAdminUsernameMax
	if t == Windows {
		max = windowsAdminUsernameMax
	}
	switch {
	case containsFold(disallowedAdminUsernames, name):
		p.Rule = fmt.Sprintf("the compute refuses this user name; it refuses %s (%s)", strings.Join(disallowedAdminUsernames, ", "), osProfileSource)
	case len(name) > max:
		p.Rule = fmt.Sprintf("a %s admin user name has at most %d characters, and this one has %d (%s)", t, max, len(name), osProfileSource)
	case t == Windows && strings.HasSuffix(name, "."):
		p.Rule = fmt.Sprintf("a Windows admin user name cannot end in a period (%s)", osProfileSource)
	default:
		return nil
	}
	return p
}

// extensionNameForbidden are characters ARM refuses in resource names (or
// that break the request's URL).
const extensionNameForbidden = `/\<>*%&:?#+"|`

// CheckExtensionName applies ARM's resource name rules to an extension
// name: none of the characters above nor control characters, and no
// trailing period or space.
func CheckExtensionName(name string) *Problem {
	p := &Problem{Attribute: "name", Value: name, Fix: "Use letters, digits, hyphens, periods and underscores, for example gpu-driver."}
	switch {
	case strings.ContainsAny(name, extensionNameForbidden) || strings.IndexFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0:
		p.Rule = fmt.Sprintf("an extension name cannot hold any of %s or control characters: ARM refuses them in resource names, and / would name another resource (%s)",
			extensionNameForbidden, resourceNameSource)
	case strings.HasSuffix(name, ".") || strings.HasSuffix(name, " "):
		p.Rule = fmt.Sprintf("an extension name cannot end in a period or a space (%s)", resourceNameSource)
	default:
		return nil
	}
	return p
}

var handlerVersionForm = regexp.MustCompile(`^[0-9]+\.[0-9]+$`)

// CheckHandlerVersion: an extension's typeHandlerVersion is major.minor,
// such as 1.5; the compute picks the build itself.
func CheckHandlerVersion(v string) *Problem {
	if handlerVersionForm.MatchString(v) {
		return nil
	}
	return &Problem{Attribute: "type_handler_version", Value: v,
		Rule: "an extension's typeHandlerVersion is major.minor, such as 1.5 (Azure Compute REST reference, VirtualMachineExtension.typeHandlerVersion: " +
			"https://learn.microsoft.com/rest/api/compute/virtual-machine-extensions/create-or-update)",
		Fix: "Leave it unset for the version the device release takes, or give major.minor."}
}

// CheckReservedAddress: Azure keeps the first four addresses of every
// subnet and its last one; a NIC cannot have them.
func CheckReservedAddress(ip, subnetPrefix string) *Problem {
	// What does not parse, or lies outside the subnet, other checks report.
	addr, aerr := netip.ParseAddr(ip)
	prefix, perr := netip.ParsePrefix(subnetPrefix)
	if aerr != nil || perr != nil || !prefix.Contains(addr) || !addr.Is4() {
		return nil //nolint:nilerr // not this check's to report
	}
	prefix = prefix.Masked()
	first := prefix.Addr()
	reserved := []netip.Addr{first}
	for a, i := first, 0; i < 3; i++ {
		a = a.Next()
		reserved = append(reserved, a)
	}
	last := first.As4()
	hostBits := 32 - prefix.Bits()
	for i := 3; i >= 0 && hostBits > 0; i-- {
		n := min(hostBits, 8)
		last[i] |= byte(1<<n - 1)
		hostBits -= n
	}
	reserved = append(reserved, netip.AddrFrom4(last))
	for _, r := range reserved {
		if r == addr {
			return &Problem{Attribute: "private_ip_address", Value: ip,
				Rule: fmt.Sprintf("Azure reserves the first four addresses and the last one of every subnet (%s, %s to %s, and %s here) (%s)",
					subnetPrefix, reserved[0], reserved[3], reserved[4], reservedAddressSource),
				Fix: fmt.Sprintf("Use another address of %s, or leave it unset for DHCP.", subnetPrefix)}
		}
	}
	return nil
}
