package mockdevice

import (
	"strings"

	"github.com/google/uuid"
)

// osDiskName is the name of an OS disk a VM request does not name. Azure
// names them <vm>_OsDisk_1_<32 hex digits> (as every portal- or SDK-made VM
// shows), so a VM made again under the same name gets a new disk and an
// orphaned OS disk of an earlier VM stays visible instead of being
// overwritten. The VM name is cut so the name keeps within a disk name's 80
// characters (assumed: how Azure shortens long names is not documented).
func osDiskName(vm string) string {
	suffix := "_OsDisk_1_" + strings.ReplaceAll(uuid.NewString(), "-", "")
	if max := 80 - len(suffix); len(vm) > max {
		vm = vm[:max]
	}
	return vm + suffix
}

// checkOSDiskNameFree refuses an OS disk name a disk of the resource group
// already has (an OS disk a deleted VM left, say), unless the VM being
// provisioned again owns it: an OS disk made FromImage is a new disk, and
// taking the existing one over would hide it. The device makes OS disks
// FromImage only; Attach is what takes an existing disk.
func (d *Device) checkOSDiskNameFree(prev *vm, req *osDiskRequest, rg string) *statusError {
	if req == nil || req.Name == "" || (prev != nil && prev.DiskID != "") {
		return nil
	}
	if k, ok := d.w.Disks[key(d.resourceID(rg, "Microsoft.Compute/disks", req.Name))]; ok {
		return conflict("ConflictingUserInput", "A disk named '"+k.Name+"' already exists in resource group '"+rg+
			"'; an OS disk made FromImage needs a name of its own ('storageProfile.osDisk.name'), or leave the name out.")
	}
	return nil
}
