package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// The framework's private state as both resources read and write it.

// privateCreationToken is the private state key of the creation token an
// extension was installed with (package ownership): a refresh that finds
// the name's extension carrying another token knows this one is gone.
const privateCreationToken = "creation_token"

// privateSetter is resp.Private of every CRUD response.
type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func setPrivate(ctx context.Context, p privateSetter, key, value string, diags *diag.Diagnostics) {
	b, _ := json.Marshal(value)
	diags.Append(p.SetKey(ctx, key, b)...)
}

// privateGetter is req.Private of a CRUD request.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// privateState is a CRUD response's private state, read and written.
type privateState interface {
	privateGetter
	privateSetter
}

// getPrivate is the string value kept under key, "" when none.
func getPrivate(ctx context.Context, p privateGetter, key string) string {
	b, _ := p.GetKey(ctx, key)
	var v string
	if len(b) == 0 || json.Unmarshal(b, &v) != nil {
		return ""
	}
	return v
}
