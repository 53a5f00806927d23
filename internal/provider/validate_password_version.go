package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// versionNeedsPassword: admin_password_wo_version needs admin_password_wo,
// except 0, which is what an import records (and -generate-config-out
// writes) for a password the device cannot tell.
type versionNeedsPassword struct{}

func (versionNeedsPassword) Description(context.Context) string {
	return "Needs admin_password_wo, unless 0 (an imported VM's unknown password)."
}
func (v versionNeedsPassword) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (versionNeedsPassword) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if !known(req.ConfigValue) || req.ConfigValue.ValueInt64() == 0 {
		return
	}
	var wo types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("admin_password_wo"), &wo)...)
	if wo.IsNull() {
		resp.Diagnostics.AddAttributeError(req.Path, "Missing admin_password_wo",
			fmt.Sprintf("admin_password_wo_version = %d is set without admin_password_wo: set the write-only password it versions, "+
				"or remove the version.", req.ConfigValue.ValueInt64()))
	}
}
