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
