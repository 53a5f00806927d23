package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Imports by ID or identity, and the import blocks a refusal suggests,
// for both resources.

// importID is the ID an import names: the one given, or the one its
// identity makes.
func importID[T any](ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics, idOf func(T) string) string {
	if req.ID != "" {
		return req.ID
	}
	var ident T
	diags.Append(req.Identity.Get(ctx, &ident)...)
	if diags.HasError() {
		return ""
	}
	return idOf(ident)
}

// importBlocks is the advice for a name the device already has: the
// import block by ID, and by identity (Terraform 1.12 and later).
func importBlocks(resourceType, id, identity string) string {
	return fmt.Sprintf("To manage it with this configuration, import it (Terraform 1.5 and later):\n\n"+
		"import {\n  to = %s.<name>\n  id = %q\n}\n\nor by identity (Terraform 1.12 and later):\n\n"+
		"import {\n  to       = %s.<name>\n  identity = {\n%s  }\n}\n\n"+
		"Otherwise choose another name, or delete it from the device.", resourceType, id, resourceType, identity)
}
