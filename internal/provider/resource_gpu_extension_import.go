package provider

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// privateImportedDriverType marks a Windows driver imported with the
// driver type its settings name: the device cannot tell whether a
// configuration set driver_type or took the default, so plans keep the
// imported value while the configuration leaves it unset.
const privateImportedDriverType = "imported_driver_type"

// recoverImportedDriverType fills driver_type on import from the settings
// of a Windows driver (DriverType, CUDA or GRID [EXT]).
func recoverImportedDriverType(ctx context.Context, ext device.Extension, resp *resource.ImportStateResponse) {
	if !strings.EqualFold(ext.Properties.Type, catalog.DriverTypeWindows) {
		return
	}
	dt := strings.ToUpper(catalog.DriverTypeOf(string(ext.Properties.Settings)))
	if dt != "CUDA" && dt != "GRID" {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("driver_type"), dt)...)
	b, _ := json.Marshal(true)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImportedDriverType, b)...)
}
