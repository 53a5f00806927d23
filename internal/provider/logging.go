package provider

import (
	"context"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
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

// azureCredentialFromEnv signs in to the device's Azure side with the
// usual AZURE_* variables, read through getenv: a client secret when
// AZURE_CLIENT_SECRET is set, else azidentity's DefaultAzureCredential
// (certificates, workload and managed identity, the Azure CLI). A sign-in
// host that is not Microsoft's goes without instance discovery.
func azureCredentialFromEnv(getenv func(string) string, caPEM []byte) (azcore.TokenCredential, error) {
	tenant, client, secret, host := getenv("AZURE_TENANT_ID"), getenv("AZURE_CLIENT_ID"), getenv("AZURE_CLIENT_SECRET"), getenv("AZURE_AUTHORITY_HOST")
	hc, err := device.HTTPClient(caPEM)
	if err != nil {
		return nil, err
	}
	opts := azcore.ClientOptions{Transport: hc}
	if host != "" {
		opts.Cloud = cloud.Configuration{ActiveDirectoryAuthorityHost: strings.TrimRight(host, "/") + "/"}
	}
	disable := host != "" && !device.IsMicrosoftAuthority(host)
	if secret != "" {
		return azidentity.NewClientSecretCredential(tenant, client, secret,
			&azidentity.ClientSecretCredentialOptions{ClientOptions: opts, DisableInstanceDiscovery: disable})
	}
	return azidentity.NewDefaultAzureCredential(&azidentity.DefaultAzureCredentialOptions{
		ClientOptions: opts, DisableInstanceDiscovery: disable, TenantID: tenant,
	})
}
