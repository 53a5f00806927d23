package provider

import (
	"context"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

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
	setMark(ctx, resp.Private, privateImportedDriverType, &resp.Diagnostics)
}
