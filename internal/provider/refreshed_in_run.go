package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// markRefreshed records in a Read's private state that this run's refresh
// found the resource this resource's own ("" when the run cannot be told,
// which no delete trusts).
func (pd *providerData) markRefreshed(ctx context.Context, private privateSetter, diags *diag.Diagnostics) {
	setPrivate(ctx, private, privateRefreshedIn, pd.runName, diags)
}

// refreshedThisRun reports whether this run's refresh read the resource
// before a delete: the delete then trusts what that read found. Otherwise
// (terraform destroy -refresh=false, a saved plan applied in a later run,
// a process that cannot tell its run) the resource was last read in an
// earlier run, and its name may be another's since: it was deleted
// outside Terraform and made again by another run. The delete reads it
// first, and deletes only this resource's.
func (pd *providerData) refreshedThisRun(ctx context.Context, private privateGetter) bool {
	return pd.runName != "" && getPrivate(ctx, private, privateRefreshedIn) == pd.runName
}
