package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// boolConflictsWith is boolvalidator.ConflictsWith for a switch that only
// counts when on: insecure_skip_verify = false (say, from a variable's
// default) conflicts with nothing.
func boolConflictsWith(other path.Expression) validator.Bool { return boolConflicts{other} }

type boolConflicts struct{ other path.Expression }

func (v boolConflicts) Description(context.Context) string {
	return fmt.Sprintf("cannot be true when %s is set", v.other)
}

func (v boolConflicts) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v boolConflicts) ValidateBool(ctx context.Context, req validator.BoolRequest, resp *validator.BoolResponse) {
	if !req.ConfigValue.ValueBool() {
		return
	}
	paths, diags := req.Config.PathMatches(ctx, v.other)
	resp.Diagnostics.Append(diags...)
	for _, p := range paths {
		var other types.String
		if d := req.Config.GetAttribute(ctx, p, &other); !d.HasError() && !other.IsNull() {
			resp.Diagnostics.AddAttributeError(req.Path, "Conflicting TLS settings",
				fmt.Sprintf("%s = true and %s are both set: keep the device's root certificate in %s and drop %s.", req.Path, p, p, req.Path))
		}
	}
}
