package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
