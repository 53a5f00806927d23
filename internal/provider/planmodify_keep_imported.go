package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// keepImportedPassword plans admin_password: the configuration's; null
// when unset; and while the VM's password is unknown after an import, the
// placeholder in state, so the import plans nothing.
type keepImportedPassword struct{}

func (keepImportedPassword) Description(context.Context) string {
	return "After an import the password is kept as the device has it."
}
func (m keepImportedPassword) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keepImportedPassword) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.StateValue.IsNull() && importedPassword(ctx, req.Private) {
		resp.PlanValue = req.StateValue
		return
	}
	if req.ConfigValue.IsNull() {
		resp.PlanValue = types.StringNull()
	}
}

// keepImportedVersion is keepImportedPassword for admin_password_wo_version.
type keepImportedVersion struct{}

func (keepImportedVersion) Description(context.Context) string {
	return "After an import the password version is kept as 0."
}
func (m keepImportedVersion) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keepImportedVersion) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if !req.StateValue.IsNull() && importedPassword(ctx, req.Private) {
		resp.PlanValue = req.StateValue
		return
	}
	if req.ConfigValue.IsNull() {
		resp.PlanValue = types.Int64Null()
	}
}

// keepImportedDriverType plans driver_type: the configuration's; unset,
// null, or after an import the driver type the settings name.
type keepImportedDriverType struct{}

func (keepImportedDriverType) Description(context.Context) string {
	return "After an import, unset keeps the driver type the device has."
}
func (m keepImportedDriverType) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keepImportedDriverType) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	if hasMark(ctx, req.Private, privateImportedDriverType) && !req.StateValue.IsNull() {
		resp.PlanValue = req.StateValue
		return
	}
	resp.PlanValue = types.StringNull()
}
