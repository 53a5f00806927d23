package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// The framework's private state as both resources read and write it.

// The private state keys, each what a resource keeps for itself between
// its plans, reads and deletes.
const (
	// privateCreationToken is the private state key of the creation token
	// an extension was installed with (package ownership): a refresh that
	// finds the name's extension carrying another token knows this one is
	// gone.
	privateCreationToken = "creation_token"

	// privateLeftoverNICs is the private state key of the NICs that earlier,
	// interrupted creates of the VM's name left on the device, as the last
	// look found them: the refresh, from the NIC list it reads anyway, or the
	// create, once its sweep removed them. A delete in the run of that
	// refresh (see refreshedThisRun) then removes those without listing every
	// NIC of the device again; any other delete lists them.
	privateLeftoverNICs = "leftover_nics"

	// privateOwnedDisks is the private state key of the managed disks a VM
	// owns (its OS disk, and its data disks), so that a delete finds them when
	// the VM itself is already gone.
	privateOwnedDisks = "owned_disks"

	// privateIPAllocation is the private state key of how the NIC got its
	// address: "Static" (from the configuration) or "Dynamic" (DHCP).
	privateIPAllocation = "ip_allocation"

	// privateRefreshedIn is the private state key of the run
	// (runcache.ThisRun) whose refresh last read the resource and found it
	// this resource's own.
	privateRefreshedIn = "refreshed_in"

	// privateImportedDriverType marks a Windows driver imported with the
	// driver type its settings name: the device cannot tell whether a
	// configuration set driver_type or took the default, so plans keep the
	// imported value while the configuration leaves it unset.
	privateImportedDriverType = "imported_driver_type"

	// privateProvisioningState is the private state key of the VM's
	// provisioning state, which the next plan reads to replace a failed VM.
	privateProvisioningState = "provisioning_state"

	// privateImported is the private state key set when the VM was imported
	// with a password the device cannot tell.
	privateImported = "imported_password"
)

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

// setMark sets a yes-or-no mark under key.
func setMark(ctx context.Context, p privateSetter, key string, diags *diag.Diagnostics) {
	b, _ := json.Marshal(true)
	diags.Append(p.SetKey(ctx, key, b)...)
}

// hasMark reports whether the mark under key is set.
func hasMark(ctx context.Context, p privateGetter, key string) bool {
	b, _ := p.GetKey(ctx, key)
	return string(b) == "true"
}
