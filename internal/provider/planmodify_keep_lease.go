package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
	if getPrivate(ctx, req.Private, privateIPAllocation) == "Static" {
		resp.PlanValue = types.StringUnknown()
		return
	}
	resp.PlanValue = req.StateValue
}
