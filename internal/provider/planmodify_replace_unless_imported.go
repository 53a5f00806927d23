package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
)

// replaceUnlessImported forces replacement when a value changes, except
// when the prior value is unknown to the device and was left null by an
// import: the first plan after import then adopts the configuration's value.
var replaceUnlessImported = stringplanmodifier.RequiresReplaceIf(
	func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !req.StateValue.IsNull()
	},
	"Changing this replaces the VM (not after an import, where the device cannot tell the value).",
	"Changing this replaces the VM (not after an import, where the device cannot tell the value).",
)

// replaceInt64UnlessImported is replaceUnlessImported's rule for a number.
func replaceInt64UnlessImported(_ context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull()
}
