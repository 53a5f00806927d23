package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Helpers on the framework's values that every resource and data source
// uses: whether a value is known, and keeping a configured spelling.

// known reports whether a value is neither null nor unknown: set, and
// known during this plan.
func known(v interface {
	IsNull() bool
	IsUnknown() bool
}) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// sameFold is what the device says, keeping the configuration's spelling
// when they differ only in case: ARM names and IDs ignore case, and
// Terraform wants back what it planned.
func sameFold(prior types.String, got string) types.String {
	if !prior.IsNull() && !prior.IsUnknown() && strings.EqualFold(prior.ValueString(), got) {
		return prior
	}
	return types.StringValue(got)
}
