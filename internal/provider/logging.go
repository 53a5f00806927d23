package provider

import (
	"context"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logSubsystem is the tflog subsystem of device requests; its level is set
// with TF_LOG_PROVIDER_AZURESTACKEDGE_DEVICE.
const logSubsystem = "device"

// maskSecrets makes tflog mask the secrets wherever they would appear in
// messages or fields logged with ctx.
func maskSecrets(ctx context.Context, secrets []string) context.Context {
	var nonEmpty []string
	for _, s := range secrets {
		if s != "" {
			nonEmpty = append(nonEmpty, s)
		}
	}
	if len(nonEmpty) == 0 {
		return ctx
	}
	ctx = tflog.MaskMessageStrings(ctx, nonEmpty...)
	return tflog.MaskAllFieldValuesStrings(ctx, nonEmpty...)
}

// deviceLogger logs the device client's lines to tflog. The client never
// logs secrets; masking them too guards against a mistake.
func deviceLogger(secrets []string) device.LogFunc {
	return func(ctx context.Context, msg string, fields map[string]any) {
		ctx = tflog.NewSubsystem(ctx, logSubsystem, tflog.WithLevelFromEnv("TF_LOG_PROVIDER_AZURESTACKEDGE_DEVICE"))
		ctx = maskSecrets(ctx, secrets)
		ctx = tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, logSubsystem, "authorization")
		tflog.SubsystemDebug(ctx, logSubsystem, msg, fields)
	}
}
