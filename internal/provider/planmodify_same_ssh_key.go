package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// sameSSHKey keeps the key in state when the configuration's differs only
// in surrounding white space (a file() with its newline): the device keeps
// the key trimmed.
type sameSSHKey struct{}

func (sameSSHKey) Description(context.Context) string               { return "Ignores white space around the key." }
func (m sameSSHKey) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (sameSSHKey) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if known(req.StateValue) && known(req.ConfigValue) && strings.TrimSpace(req.StateValue.ValueString()) == strings.TrimSpace(req.ConfigValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}
