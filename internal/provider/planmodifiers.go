package provider

import (
	"context"
	"net/netip"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// privateIPAllocation is the private state key of how the NIC got its
// address: "Static" (from the configuration) or "Dynamic" (DHCP).
const privateIPAllocation = "ip_allocation"

// keepLease plans private_ip_address: the configured address; with none,
// the DHCP lease the NIC holds (unknown when the NIC is new, or when it had
// a static address that DHCP will now replace).
type keepLease struct{}

func (keepLease) Description(context.Context) string {
	return "Keeps the DHCP address while the address is not configured."
}
func (m keepLease) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (keepLease) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() || req.StateValue.IsNull() {
		return
	}
	alloc, diags := req.Private.GetKey(ctx, privateIPAllocation)
	resp.Diagnostics.Append(diags...)
	if string(alloc) == `"Static"` {
		resp.PlanValue = types.StringUnknown()
		return
	}
	resp.PlanValue = req.StateValue
}

// defaultToName plans computer_name: the configured name; with none, the
// name the VM has, or for a new VM its name.
type defaultToName struct{}

func (defaultToName) Description(context.Context) string { return "Defaults to the VM's name." }
func (m defaultToName) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (defaultToName) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	if !req.StateValue.IsNull() {
		resp.PlanValue = req.StateValue
		return
	}
	var name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	resp.PlanValue = name
}

// ipv4Address checks an IPv4 address.
func ipv4Address() validator.String {
	return stringCheck{"must be an IPv4 address", func(s string) string {
		if a, err := netip.ParseAddr(s); err != nil || !a.Is4() {
			return "is not an IPv4 address such as 10.57.50.60"
		}
		return ""
	}}
}

var sshKeyForm = regexp.MustCompile(`^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+={0,3}( .*)?$`)

// sshPublicKey checks an OpenSSH public key line.
func sshPublicKey() validator.String {
	return stringCheck{"must be an OpenSSH public key", func(s string) string {
		if !sshKeyForm.MatchString(strings.TrimSpace(s)) {
			return "is not an OpenSSH public key (\"ssh-rsa AAAA... comment\" or ssh-ed25519, ecdsa-sha2-nistp256)"
		}
		return ""
	}}
}

func joinKeys(keys []string) string { return strings.Join(keys, "`, `") }
