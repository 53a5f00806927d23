package provider

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/ownership"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// privateLeftoverNICs is the private state key of the NICs that earlier,
// interrupted creates of the VM's name left on the device, as the last
// look found them: the refresh, from the NIC list it reads anyway, or the
// create, once its sweep removed them. A delete then removes those
// without listing every NIC of the device again.
const privateLeftoverNICs = "leftover_nics"

// leftoverCreationNICs picks from nics those an interrupted create of VM
// vmName in resource group rg left: named for a create of the name
// (package ownership), attached to no VM, and not keep (the VM's own).
func leftoverCreationNICs(nics []device.NetworkInterface, rg, vmName, keep string) []string {
	var ids []string
	for _, n := range nics {
		id, err := device.ParseResourceID(n.ID)
		if err != nil || !strings.EqualFold(id.ResourceGroup, rg) || device.SameID(n.ID, keep) ||
			n.Properties.VirtualMachine != nil || !ownership.IsCreationNIC(vmName, n.Name) {
			continue
		}
		ids = append(ids, n.ID)
	}
	return ids
}

// recordLeftoverNICs records the leftover NICs a look found; ok false
// (the look failed) removes the record, so that a delete lists the NICs.
func recordLeftoverNICs(ctx context.Context, p privateSetter, ids []string, ok bool, diags *diag.Diagnostics) {
	if !ok {
		diags.Append(p.SetKey(ctx, privateLeftoverNICs, nil)...)
		return
	}
	if ids == nil {
		ids = []string{}
	}
	b, _ := json.Marshal(ids)
	diags.Append(p.SetKey(ctx, privateLeftoverNICs, b)...)
}

// recordedLeftoverNICs is the record, and whether there is one.
func recordedLeftoverNICs(ctx context.Context, p privateGetter) ([]string, bool) {
	b, _ := p.GetKey(ctx, privateLeftoverNICs)
	var ids []string
	if len(b) == 0 || json.Unmarshal(b, &ids) != nil {
		return nil, false
	}
	return ids, true
}

// sweptAny sweeps the leftover NICs of a name and reports whether it
// deleted any.
func (r *gpuVMResource) sweptAny(ctx context.Context, rg, vmName, keep string) bool {
	deleted, _ := r.sweepCreationNICs(ctx, rg, vmName, keep)
	return deleted > 0
}
