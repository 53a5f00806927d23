package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// privateLeftOSDisk is the private state key of the OS disk a delete was
// removing: the device keeps a VM's OS disk after the VM [TPL], and once the
// VM is gone nothing on the device names the disk any more. A delete that
// stops after the VM (a failed or interrupted disk or NIC delete) leaves
// the key set, so the resource stays in state and the next destroy or
// apply removes what is left instead of orphaning it.
const privateLeftOSDisk = "left_os_disk"

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// leftOSDisk is the OS disk an unfinished delete left, or "".
func leftOSDisk(ctx context.Context, p privateGetter, diags *diag.Diagnostics) string {
	b, d := p.GetKey(ctx, privateLeftOSDisk)
	diags.Append(d...)
	var id string
	if len(b) > 0 {
		_ = json.Unmarshal(b, &id)
	}
	return id
}
