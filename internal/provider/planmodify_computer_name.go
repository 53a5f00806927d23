package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
