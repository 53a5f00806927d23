package provider

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/ownership"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// leftoverCreationNICs picks from nics those an interrupted create of VM
// vmName in resource group rg left: named for a create of the name
// (package ownership), attached to no VM, and not keep (the VM's own).
func leftoverCreationNICs(nics []device.NetworkInterface, rg, vmName, keep string) []string {
	var ids []string
	for _, n := range nics {
		if n.Properties.VirtualMachine == nil && isCreationNICOf(n.ID, rg, vmName, keep) {
			ids = append(ids, n.ID)
		}
	}
	return ids
}

// isCreationNICOf reports whether NIC id is named for a create of VM
// vmName in resource group rg (package ownership), and is not keep.
func isCreationNICOf(id, rg, vmName, keep string) bool {
	parsed, err := device.ParseResourceID(id)
	return err == nil && parsed.Is("Microsoft.Network", "networkInterfaces") && strings.EqualFold(parsed.ResourceGroup, rg) &&
		!device.SameID(id, keep) && ownership.IsCreationNIC(vmName, parsed.Name())
}

// findLeftoverNICs finds the NICs interrupted creates of VM vmName in rg
// left (see leftoverCreationNICs), and reports whether it looked at every
// NIC of the device (whole) or at those of subnet subnetID only.
//
// An interrupted create made its NIC in the subnet its configuration
// named, and a subnet lists the IP configurations that use it
// (device.Subnet.NICIDs). When this provider instance holds a read of
// subnetID (the create's plan read it, before this run made anything; no
// new read is made), the look takes its candidates from there: only the
// few named for a create of vmName are read, each to see that it is
// attached to no VM. It lists every NIC of the device instead when this
// instance holds that list already (the refresh or the address check
// read it: it costs nothing), or holds no read of the subnet.
func (pd *providerData) findLeftoverNICs(ctx context.Context, rg, vmName, keep, subnetID string) (ids []string, whole bool, err error) {
	if _, listed := held(pd.planSession, nicsKey); !listed && subnetID != "" {
		if subnet, ok := held(pd.planSession, subnetKey(subnetID)); ok {
			ids, err := pd.leftoverNICsInSubnet(ctx, subnet, rg, vmName, keep)
			return ids, false, err
		}
	}
	nics, err := pd.nicsForSweep(ctx)
	if err != nil {
		return nil, true, err
	}
	return leftoverCreationNICs(nics, rg, vmName, keep), true, nil
}

// leftoverNICsInSubnet reads the NICs of subnet named for a create of VM
// vmName (bar keep, and those this instance deleted) and returns those
// attached to no VM. A NIC gone since the subnet was read is no leftover.
// On a failed read it returns what it found before it, and the error.
func (pd *providerData) leftoverNICsInSubnet(ctx context.Context, subnet device.Subnet, rg, vmName, keep string) ([]string, error) {
	var ids []string
	for _, id := range subnet.NICIDs() {
		if !isCreationNICOf(id, rg, vmName, keep) || pd.deletedNICs.has(id) {
			continue
		}
		nic, err := pd.client.GetNIC(ctx, id)
		switch {
		case errors.Is(err, device.ErrNotFound):
			continue
		case err != nil:
			return ids, err
		}
		ids = append(ids, leftoverCreationNICs([]device.NetworkInterface{nic}, rg, vmName, keep)...)
	}
	return ids, nil
}

// recordLeftoverNICs records the leftover NICs a look found; ok false
// (the look failed, or did not see every NIC) removes the record, so that
// a delete lists the NICs.
//
// A create that swept in its subnet (findLeftoverNICs) saw that subnet
// only: a leftover of an interrupted create made while subnet_id named
// another subnet is not in it. It records nothing, rather than "none
// left": a delete trusts only the record of its own run's refresh, which
// records what its NIC list shows, that leftover included; any other
// delete (terraform destroy -refresh=false, a saved plan applied later)
// lists the NICs itself, so that leftover is not orphaned.
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
func (r *gpuVMResource) sweptAny(ctx context.Context, rg, vmName, keep, subnetID string) bool {
	deleted, _ := r.sweepCreationNICs(ctx, rg, vmName, keep, subnetID)
	return deleted > 0
}
