package provider

import (
	"context"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// warnWellKnownPasswords warns, once per plan, of a password the device
// accepts but anyone may guess (the vendor's sample Password1 [TPL]). It
// reads the configuration, where the write-only password also is; the
// refusals stay in ValidateConfig.
func warnWellKnownPasswords(ctx context.Context, config tfsdk.Config, osKey types.String, diags *diag.Diagnostics) {
	if !known(osKey) {
		return
	}
	os, ok := catalog.LookupOS(osKey.ValueString())
	if !ok {
		return
	}
	var m gpuVMModel
	if d := config.Get(ctx, &m); d.HasError() {
		return // the plan reports the configuration's own errors
	}
	for _, pw := range []struct {
		attr string
		v    types.String
	}{{"admin_password", m.AdminPassword}, {"admin_password_wo", m.AdminPasswordWO}} {
		if !known(pw.v) {
			continue
		}
		// Not at the attribute: Terraform would quote its source line,
		// the password, under the diagnostic. The detail names it.
		if p := catalog.CheckAdminPassword(pw.attr, pw.v.ValueString(), os.Type); p != nil && p.Warning {
			diags.AddWarning("Well-known password", p.Detail())
		}
	}
}
