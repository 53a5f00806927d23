package provider

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/runcache"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// refreshTrusted is how long after a refresh read a resource a delete of
// the same run trusts what it found: as long as the run shares its reads
// (runcache.TTL). A delete later than that (an apply that waited for its
// approval, a destroy slowed by a provisioner) reads it again: meanwhile
// the resource may have been deleted outside Terraform and its name taken
// by another run (an outside test deleted another workspace's VM so).
const refreshTrusted = runcache.TTL

// markRefreshed records in a Read's private state that this run's refresh
// found the resource this resource's own, and when ("" when the run cannot
// be told, which no delete trusts).
func (pd *providerData) markRefreshed(ctx context.Context, private privateSetter, diags *diag.Diagnostics) {
	mark := ""
	if pd.runName != "" {
		mark = pd.runName + "@" + strconv.FormatInt(time.Now().UnixNano(), 10)
	}
	setPrivate(ctx, private, privateRefreshedIn, mark, diags)
}

// refreshedThisRun reports whether this run's refresh read the resource
// moments before a delete (within refreshTrusted): the delete then trusts
// what that read found. Otherwise (terraform destroy -refresh=false, a
// saved plan applied in a later run, a delete long after the refresh, a
// process that cannot tell its run) its name may be another's since it was
// read: deleted outside Terraform and made again by another run. The
// delete reads it first, and deletes only this resource's.
func (pd *providerData) refreshedThisRun(ctx context.Context, private privateGetter) bool {
	run, at, ok := strings.Cut(getPrivate(ctx, private, privateRefreshedIn), "@")
	if pd.runName == "" || !ok || run != pd.runName {
		return false
	}
	ns, err := strconv.ParseInt(at, 10, 64)
	if err != nil {
		return false
	}
	age := time.Since(time.Unix(0, ns))
	return age >= 0 && age <= refreshTrusted
}
