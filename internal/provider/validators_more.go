package provider

import (
	"fmt"
	"strconv"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// checkPort: a URL's port, when it has one, is a TCP port (1 to 65535).
func checkPort(port string) string {
	if port == "" {
		return ""
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return fmt.Sprintf("has port %q, which is not a TCP port (1 to 65535); the device's ARM listens on 443 [CONN], so leave the port out", port)
	}
	return ""
}

// checkTimeouts refuses a timeouts block whose durations are zero or
// negative: the operation would be cancelled before the device answered
// its first request, leaving what it began to the next run.
func checkTimeouts(t timeouts.Value, diags *diag.Diagnostics) {
	if t.IsNull() || t.IsUnknown() {
		return
	}
	for name, v := range t.Attributes() {
		s, ok := v.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		d, err := time.ParseDuration(s.ValueString())
		if err != nil {
			continue // the timeouts block reports that itself
		}
		if d <= 0 {
			diags.AddAttributeError(path.Root("timeouts").AtName(name), "Invalid timeouts."+name,
				fmt.Sprintf("timeouts.%s = %q: a timeout must be longer than zero, or the operation is cancelled before the device answers. "+
					"Leave it unset for the default, or give a duration such as \"30m\".", name, s.ValueString()))
		}
	}
}

// checkVMInputs applies the compute's rules to a VM's inputs that need the
// OS: the admin user name.
func checkVMInputs(m gpuVMModel, diags *diag.Diagnostics) {
	if !known(m.AdminUsername) || !known(m.OS) {
		return
	}
	if os, ok := catalog.LookupOS(m.OS.ValueString()); ok {
		addProblem(diags, "Admin user name the device would refuse", catalog.CheckAdminUsername(m.AdminUsername.ValueString(), os.Type))
	}
}

// checkExtensionInputs applies ARM's rules to an extension's name and
// version.
func checkExtensionInputs(m gpuExtensionModel, diags *diag.Diagnostics) {
	if known(m.Name) {
		addProblem(diags, "Extension name the device would refuse", catalog.CheckExtensionName(m.Name.ValueString()))
	}
	if known(m.TypeHandlerVersion) {
		addProblem(diags, "Invalid type_handler_version", catalog.CheckHandlerVersion(m.TypeHandlerVersion.ValueString()))
	}
}
