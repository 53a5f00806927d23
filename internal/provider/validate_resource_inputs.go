package provider

import (
	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

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
