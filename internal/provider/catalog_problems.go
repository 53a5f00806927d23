package provider

import (
	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// A catalog.Problem reported as a diagnostic at its attribute, for every
// resource's checks.

// addProblem reports a catalog problem at its attribute.
func addProblem(diags *diag.Diagnostics, summary string, p *catalog.Problem) {
	if p == nil {
		return
	}
	if p.Warning {
		diags.AddAttributeWarning(path.Root(p.Attribute), summary, p.Detail())
		return
	}
	diags.AddAttributeError(path.Root(p.Attribute), summary, p.Detail())
}
