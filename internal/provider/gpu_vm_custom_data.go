package provider

import (
	"context"
	"encoding/base64"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// customDataAttribute is custom_data of azurestackedge_gpu_vm: cloud-init
// (Linux) or the custom data file (Windows), sent once as
// osProfile.customData. ARM never reads it back and refuses to change it
// on an existing VM, so a change replaces the VM.
func customDataAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true, Sensitive: true,
		PlanModifiers: []planmodifier.String{replaceUnlessImported},
		Validators:    []validator.String{customData{}},
		MarkdownDescription: "Custom data, base64-encoded (as `azurerm` takes it: use `base64encode()` or `filebase64()`): " +
			"a cloud-init configuration for Linux, or the custom data file for Windows. At most 65535 bytes once decoded. " +
			"Sensitive: it is kept out of plans and logs, and the device never returns it. Changing it replaces the VM, and the data disks it made with it " +
			"(ARM cannot change custom data on an existing VM). After an import the device cannot tell what custom data the VM was " +
			"made with: the first value set is recorded without replacing the VM (it does not reach the VM).",
	}
}

// customData validates custom_data without ever quoting it.
type customData struct{}

func (customData) Description(context.Context) string {
	return "must be standard base64 of at most 65535 bytes"
}

func (v customData) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (customData) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := catalog.CheckCustomData(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid custom_data", "custom_data (value hidden: it is sensitive) "+problem)
	}
}

// customDataSecrets are the strings of custom data to mask in logs: as
// sent, and decoded.
func customDataSecrets(b64 string) []string {
	if b64 == "" {
		return nil
	}
	out := []string{b64}
	if raw, err := base64.StdEncoding.DecodeString(b64); err == nil && len(raw) > 0 {
		out = append(out, string(raw))
	}
	return out
}
