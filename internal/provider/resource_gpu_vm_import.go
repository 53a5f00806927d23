package provider

// What an import recovers of a GPU VM, and what it cannot. The device keeps
// the VM's size, image, NIC, admin user, computer name, SSH keys, tags and
// the osType of its image and OS disk [TPL]; it never returns a password,
// and it records Windows or Linux, not which Windows or Linux. So:
//
//   - os comes from the provider's own record on the NIC it creates (the
//     nicOSTag tag; the NIC's tags are no attribute, so no drift), else
//     from the image's name and osType (catalog.OSFromImage); failing both
//     it stays null, and the first plan records the configuration's os
//     with a warning (nothing is sent to the device).
//   - The password is marked unknown: admin_password and
//     admin_password_wo_version hold placeholders ("" and 0) and the private
//     key privateImported says so. While it is set, plans keep the
//     placeholders whatever the configuration says (Terraform accepts a
//     planned value equal to a non-null prior one), so an import plans
//     nothing and no password is sent. A new password takes a replacement
//     (terraform apply -replace), which clears the mark.

import (
	"context"
	"fmt"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// nicOSTag is the tag on the NIC the resource owns that records the VM's
// os at create, for a later import.
const nicOSTag = "azurestackedge-os"

// nicTags are the tags of the NIC the resource owns: the VM's, and its os.
func nicTags(ctx context.Context, plan gpuVMModel) map[string]string {
	tags := tagsOf(ctx, plan.Tags)
	if !known(plan.OS) {
		return tags
	}
	if tags == nil {
		tags = map[string]string{}
	}
	tags[nicOSTag] = plan.OS.ValueString()
	return tags
}

// osOfVM is the os key of an existing VM, or "" and why it cannot be known.
func (r *gpuVMResource) osOfVM(ctx context.Context, vm device.VirtualMachine) (string, string) {
	c := r.pd.client
	osType, imageName := vm.OSType(), ""
	if id := vm.ImageID(); id != "" {
		if img, err := c.GetImage(ctx, id); err == nil {
			imageName = img.Name
			if osType == "" {
				osType = img.Properties.StorageProfile.OSDisk.OSType
			}
		}
	}
	if nics := vm.NICIDs(); len(nics) > 0 {
		if nic, err := c.GetNIC(ctx, nics[0]); err == nil {
			if o, ok := catalog.LookupOS(nic.Tags[nicOSTag]); ok && strings.EqualFold(string(o.Type), osType) {
				return o.Key, ""
			}
		}
	}
	if o, ok := catalog.OSFromImage(osType, imageName); ok {
		return o.Key, ""
	}
	if imageName == "" {
		return "", fmt.Sprintf("its image %s cannot be read, and it records only osType %q", vm.ImageID(), osType)
	}
	return "", fmt.Sprintf("image %s has osType %q and a name that names no single OS of the provider's list", imageName, osType)
}

// recovered is what the device tells of a VM beyond what Read reads.
type recovered struct {
	os, osWhy, sshKey string
	passwordAuth      bool // the VM signs in with a password the device cannot tell
}

func (r *gpuVMResource) readBack(ctx context.Context, vm device.VirtualMachine) recovered {
	var rec recovered
	rec.os, rec.osWhy = r.osOfVM(ctx, vm)
	p := vm.Properties.OSProfile
	if p == nil {
		return rec
	}
	if lc := p.LinuxConfiguration; lc != nil && lc.SSH != nil && len(lc.SSH.PublicKeys) > 0 {
		rec.sshKey = lc.SSH.PublicKeys[0].KeyData
	}
	rec.passwordAuth = p.WindowsConfiguration != nil || strings.EqualFold(vm.OSType(), string(catalog.Windows)) ||
		(p.LinuxConfiguration != nil && !p.LinuxConfiguration.DisablePasswordAuthentication)
	return rec
}

// apply sets what was recovered into m: os, the SSH key, and the password
// placeholders.
func (rec recovered) apply(m *gpuVMModel) {
	if rec.os != "" {
		m.OS = types.StringValue(rec.os)
	}
	if rec.sshKey != "" {
		m.SSHPublicKey = types.StringValue(rec.sshKey)
	}
	if rec.passwordAuth {
		m.AdminPassword, m.AdminPasswordWOVersion = types.StringValue(""), types.Int64Value(0)
	}
}

// recoverImported fills what an import can tell beyond what Read reads.
func (r *gpuVMResource) recoverImported(ctx context.Context, vm device.VirtualMachine, resp *resource.ImportStateResponse) {
	rec := r.readBack(ctx, vm)
	if rec.os != "" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("os"), rec.os)...)
	} else {
		resp.Diagnostics.AddAttributeWarning(path.Root("os"), "The VM's os cannot be read from the device",
			fmt.Sprintf("VM %s: %s. Set os in the configuration to the VM's OS; the next plan records it in state without changing the VM.", vm.ID, rec.osWhy))
	}
	if rec.sshKey != "" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("ssh_public_key"), rec.sshKey)...)
	}
	if rec.passwordAuth {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("admin_password"), "")...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("admin_password_wo_version"), int64(0))...)
		setMark(ctx, resp.Private, privateImported, &resp.Diagnostics)
	}
}

// forgetImport clears the imported-password mark: a new VM has the
// configuration's password.
func forgetImport(ctx context.Context, p privateSetter, diags *diag.Diagnostics) {
	diags.Append(p.SetKey(ctx, privateImported, nil)...)
}

// importedPassword reports whether the VM was imported with a password
// the device cannot tell.
func importedPassword(ctx context.Context, p privateGetter) bool {
	return hasMark(ctx, p, privateImported)
}

// warnAdoptedOS: after an import whose os the device could not tell, the
// plan records the configuration's os, and says so.
func warnAdoptedOS(plan gpuVMModel, state *gpuVMModel, diags *diag.Diagnostics) {
	if state != nil && state.OS.IsNull() && known(plan.OS) {
		diags.AddAttributeWarning(path.Root("os"), "os recorded from the configuration",
			fmt.Sprintf("The device cannot tell this imported VM's os; this plan records os = %q in state from the configuration, "+
				"after checking it against the image's OS type. Nothing is sent to the device.", plan.OS.ValueString()))
	}
}

// importedPasswordVersion reports admin_password_wo_version = 0 with no
// write-only password: what an import records, and -generate-config-out
// writes, for a password the device cannot tell.
func importedPasswordVersion(m gpuVMModel) bool {
	return m.AdminPasswordWO.IsNull() && known(m.AdminPasswordWOVersion) && m.AdminPasswordWOVersion.ValueInt64() == 0
}

// checkNewVMPassword: a VM about to be created needs a real credential;
// the imported password's placeholder is none.
func checkNewVMPassword(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	var m gpuVMModel
	if d := config.Get(ctx, &m); d.HasError() || !importedPasswordVersion(m) || !m.AdminPassword.IsNull() || !m.SSHPublicKey.IsNull() {
		return
	}
	diags.AddAttributeError(path.Root("admin_password_wo_version"), "No password for a new VM",
		"admin_password_wo_version = 0 without admin_password_wo stands for the password of an imported VM, which the device cannot tell; "+
			"this plan creates the VM, which needs a password: set admin_password, or admin_password_wo with admin_password_wo_version = 1"+
			" (or, on Linux, ssh_public_key).")
}
