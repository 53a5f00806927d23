package provider

import (
	"context"
	"fmt"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
)

// Reads during a refresh are shared: a VM's Read and the Reads of its
// extensions are served by one GET of the VM (ARM returns a VM's
// extensions with it; see device.VirtualMachine.ExtensionNamed), and the
// plan's checks of the extensions reuse it; the refresh before a destroy
// of the whole state reads one list of the VMs instead (see getVM). Only
// the refresh shares: the reads after a create or an update must see the
// device as it is now.

// sharedReadsKey marks a context whose device reads may be shared.
type sharedReadsKey struct{}

// withSharedReads marks ctx as a refresh's: its reads may be shared with
// the rest of the provider instance's refresh.
func withSharedReads(ctx context.Context) context.Context {
	return context.WithValue(ctx, sharedReadsKey{}, true)
}

func sharesReads(ctx context.Context) bool {
	shared, _ := ctx.Value(sharedReadsKey{}).(bool)
	return shared
}

// getVM reads a VM, once per provider instance for a refresh: with its
// instance view, but in the refresh before a destroy of the whole state.
//
// The refresh before a destroy of the whole state takes every VM from one
// list of the device's VMs instead (N VMs, one request): that refresh only
// decides what the destroy deletes, and a list has all it needs for that
// (the VM's NICs, which tell this state's VM from another's of the name,
// its disks, its provisioning state, its extensions' IDs), but no power
// state (a list has no instance views), which the state keeps as it was.
func (pd *providerData) getVM(ctx context.Context, id string) (device.VirtualMachine, error) {
	if !sharesReads(ctx) {
		return pd.client.GetVM(ctx, id)
	}
	if pd.destroyingAll {
		if vms, err := pd.sharedVMs(ctx); err == nil {
			for _, v := range vms {
				if device.SameID(v.ID, id) {
					return v, nil
				}
			}
			return device.VirtualMachine{}, fmt.Errorf("virtual machine %s is not in the device's list of VMs: %w", id, device.ErrNotFound)
		}
	}
	return remember(pd.planSession, vmKey(id), func() (device.VirtualMachine, error) { return pd.client.GetVM(ctx, id) })
}

// getExtension reads an extension with its instance view; in a refresh,
// from its VM's read when the VM's answer holds it. Not from a VM list's
// entry (a whole destroy's refresh, see getVM): what a list gives of an
// extension is no proof of whose it is (listedExtension decides when it
// need not be).
func (pd *providerData) getExtension(ctx context.Context, id string) (device.Extension, error) {
	if sharesReads(ctx) && !pd.destroyingAll {
		if parsed, err := device.ParseResourceID(id); err == nil {
			vm, err := pd.getVM(ctx, parsed.Parent().String())
			if err != nil {
				// No VM, no extension: the device deletes a VM's
				// extensions with it.
				return device.Extension{}, err
			}
			if ext, ok := vm.ExtensionNamed(parsed.Name()); ok {
				return ext, nil
			}
		}
	}
	return pd.client.GetExtension(ctx, id)
}

// listedExtension answers, in the refresh before a destroy of the whole
// state, whether the device's list of VMs (see getVM) names extension id
// on its VM. known is false when that list cannot answer, and the caller
// reads the extension itself.
//
// It answers only for a VM whose refresh found it this state's own (the
// device's VM of the name holds this state's NIC), which Terraform
// refreshes before an extension that refers to it: this destroy deletes
// that VM, and the device deletes a VM's extensions with it, so whose the
// extension is (its creation token, which a list does not show) does not
// change what the VM's delete leaves. Not for another run's VM of the name
// (a state keeps its VM for the parts it left), nor for a VM not refreshed
// yet, nor when the list gives extensions whole (the caller reads them).
func (pd *providerData) listedExtension(ctx context.Context, id string) (listed, known bool) {
	if !pd.destroyingAll || !sharesReads(ctx) {
		return false, false
	}
	parsed, err := device.ParseResourceID(id)
	if err != nil || !pd.ownVMs.has(parsed.Parent().String()) {
		return false, false
	}
	vm, err := pd.getVM(ctx, parsed.Parent().String())
	if err != nil {
		return false, false
	}
	if _, whole := vm.ExtensionNamed(parsed.Name()); whole {
		return false, false
	}
	return vm.ListsExtension(id), true
}

// getNIC reads a network interface; in a refresh, from one list of the
// device's network interfaces that every VM's Read shares (ARM lists them
// whole: Network Interfaces - List All,
// https://learn.microsoft.com/en-us/rest/api/virtualnetwork/network-interfaces/list-all),
// so N VMs cost one request, not N.
func (pd *providerData) getNIC(ctx context.Context, id string) (device.NetworkInterface, error) {
	if sharesReads(ctx) {
		nics, err := pd.listNICs(ctx, id)
		if err == nil {
			for _, n := range nics {
				if device.SameID(n.ID, id) {
					return n, nil
				}
			}
		}
	}
	return pd.client.GetNIC(ctx, id)
}
