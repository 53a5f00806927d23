package provider

import (
	"context"
	"errors"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
)

// Lists of the device's VMs and NICs, read once per provider instance and
// shared by the checks and clean-ups that need them, so that N VMs cost
// one request rather than N (issue 14: one read where ARM allows it).

// vmsKey is the device's VM list, which the plan's GPU inventory and its
// name checks share; vmStatusesKey their run-time statuses, which only the
// inventory needs (power states: device.ListVMStatuses).
var (
	vmsKey        = runKeyOf[[]device.VirtualMachine]("vms", "")
	vmStatusesKey = runKeyOf[[]device.VirtualMachine]("vm-statuses", "")
)

// sharedVMs lists the device's VMs once per provider instance (ARM lists
// them whole: Virtual Machines - List All,
// https://learn.microsoft.com/en-us/rest/api/compute/virtual-machines/list-all),
// for the plan's name checks and GPU inventory, and for the refresh before
// a destroy of the whole state (getVM). The list has no power states.
func (pd *providerData) sharedVMs(ctx context.Context) ([]device.VirtualMachine, error) {
	return remember(pd.planSession, vmsKey, func() ([]device.VirtualMachine, error) { return pd.client.ListVMs(ctx) })
}

// sharedVMsWithPower is the plan's VM list with each VM's power state:
// the list the name checks share, and one list of their statuses.
func (pd *providerData) sharedVMsWithPower(ctx context.Context) ([]device.VirtualMachine, error) {
	return pd.withPower(ctx, pd.sharedVMs, func(ctx context.Context) ([]device.VirtualMachine, error) {
		return remember(pd.planSession, vmStatusesKey, func() ([]device.VirtualMachine, error) { return pd.client.ListVMStatuses(ctx) })
	})
}

// vmsWithPowerNow is the device's VMs as they are now, with their power
// states.
func (pd *providerData) vmsWithPowerNow(ctx context.Context) ([]device.VirtualMachine, error) {
	return pd.withPower(ctx, pd.client.ListVMs, pd.client.ListVMStatuses)
}

// withPower is the VMs listVMs gives, each with its power state: two lists
// (a list's entries have no power state, a list of statuses no sizes),
// the second only when there is a VM to join it with (device.WithStatuses).
// A VM the statuses do not cover (made between the two lists, or a device
// whose statuses carry no instance view) is read on its own, and dropped
// when it was deleted meanwhile: without its power state it would count as
// holding no GPU and no memory.
func (pd *providerData) withPower(ctx context.Context, listVMs, listStatuses func(context.Context) ([]device.VirtualMachine, error)) ([]device.VirtualMachine, error) {
	vms, err := listVMs(ctx)
	if err != nil || len(vms) == 0 {
		return vms, err
	}
	statuses, err := listStatuses(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]device.VirtualMachine, 0, len(vms))
	for _, v := range device.WithStatuses(vms, statuses) {
		if v.Properties.InstanceView == nil {
			read, err := pd.client.GetVM(ctx, v.ID)
			if errors.Is(err, device.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, err
			}
			v = read
		}
		out = append(out, v)
	}
	return out, nil
}

// vmNameTaken reports whether the device has a VM of this ID, from the
// shared VM list: a device has one subscription [CONN, CLI], whose VMs
// the list holds.
func (pd *providerData) vmNameTaken(ctx context.Context, id string) (bool, error) {
	vms, err := pd.sharedVMs(ctx)
	if err != nil {
		return false, err
	}
	for _, v := range vms {
		if device.SameID(v.ID, id) {
			return true, nil
		}
	}
	return false, nil
}

// groupShownToExist reports whether what the device has shows resource
// group rg to exist without reading it: the plan's subnet, read for its
// own check (same memo), or a VM of the shared list, lies in it. Any
// doubt says no, and the caller reads the group.
func (pd *providerData) groupShownToExist(ctx context.Context, rg string, plan gpuVMModel) bool {
	if known(plan.SubnetID) {
		if id, err := device.ParseResourceID(plan.SubnetID.ValueString()); err == nil && strings.EqualFold(id.ResourceGroup, rg) {
			if _, err := pd.getSubnet(ctx, plan.SubnetID.ValueString()); err == nil {
				return true
			}
		}
	}
	vms, err := pd.sharedVMs(ctx)
	if err != nil {
		return false
	}
	for _, v := range vms {
		if id, err := device.ParseResourceID(v.ID); err == nil && strings.EqualFold(id.ResourceGroup, rg) {
			return true
		}
	}
	return false
}

// getSubnet reads a subnet once per provider instance.
func (pd *providerData) getSubnet(ctx context.Context, id string) (device.Subnet, error) {
	return remember(pd.planSession, subnetKey(id), func() (device.Subnet, error) { return pd.client.GetSubnet(ctx, id) })
}

// nicsForSweep lists the device's NICs for the sweep of leftover creation
// NICs, once per provider instance (shared with the refresh and the
// address check), without those this instance deleted since. A NIC an
// earlier, interrupted run left was on the device before this provider
// instance started, so one list finds them all.
func (pd *providerData) nicsForSweep(ctx context.Context) ([]device.NetworkInterface, error) {
	nics, err := pd.listNICs(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]device.NetworkInterface, 0, len(nics))
	for _, n := range nics {
		if !pd.deletedNICs.has(n.ID) {
			out = append(out, n)
		}
	}
	return out, nil
}

// listNICs lists the device's network interfaces once per provider
// instance: the refresh, the static address check and the sweep share the
// list. The subscription is the one ids name, when they name one (no
// request to find it).
func (pd *providerData) listNICs(ctx context.Context, ids ...string) ([]device.NetworkInterface, error) {
	return remember(pd.planSession, nicsKey, func() ([]device.NetworkInterface, error) {
		sub, err := pd.client.SubscriptionOf(ctx, ids...)
		if err != nil {
			return nil, err
		}
		return pd.client.ListNICsIn(ctx, sub)
	})
}

// deleteNIC deletes a NIC and notes it, so that the shared list no longer
// offers it to a sweep.
func (pd *providerData) deleteNIC(ctx context.Context, id string) error {
	err := wait(pd.client.BeginDeleteNIC(ctx, id))
	if err == nil || errors.Is(err, device.ErrNotFound) {
		pd.deletedNICs.add(id)
	}
	return err
}
