package provider

import (
	"context"
	"errors"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// connectFailureSummary is the summary of every failure to sign in to the
// device or find its subscription.
const connectFailureSummary = "Cannot connect to the Azure Stack Edge device"

// providerArgumentOf maps a device client's error, which speaks of the
// device in ARM's words only, to the provider argument to change and what
// to do with it: the client knows nothing of Terraform.
func providerArgumentOf(err error) (attr, advice string) {
	switch {
	case errors.Is(err, device.ErrAuthentication):
		return "password", "Check password (or " + envPassword + "): it is the password set for Azure Resource Manager on the device's " +
			"local web UI, not the web UI's own; with username, check the user too."
	case errors.Is(err, device.ErrTLS):
		switch device.CertificateProblemOf(err) {
		case device.CertificateNameMismatch:
			return "arm_endpoint", "Use in arm_endpoint (or " + envARMEndpoint + ") a name the certificate holds, not an IP address, " +
				"or add the name to the device's certificates on its local web UI (Certificates page)."
		case device.CertificateExpired:
			return "ca_certificate", "Renew the device's certificates on its local web UI (Certificates page), and check this machine's clock."
		}
		return "ca_certificate", "Set ca_certificate (or " + envCACertificate + ") to the device's root certificate, " +
			"downloaded from the device's local web UI (Certificates page)."
	case errors.Is(err, device.ErrUnreachable):
		return "arm_endpoint", "Check arm_endpoint (or " + envARMEndpoint + "), and that this machine reaches the device's management network."
	case errors.Is(err, device.ErrAmbiguousSubscription):
		return "subscription_id", "Set subscription_id (or " + envSubscription + ") to one of them."
	case subscriptionNotFound(err):
		return "subscription_id", "Set subscription_id (or " + envSubscription + ") to one the device has, or leave it unset."
	case errors.Is(err, device.ErrAzureSignIn), errors.Is(err, device.ErrNoAzureSide):
		return "device_id", "device_id is set, so the device's Azure side is read with the usual AZURE_* credentials: set them, or unset device_id and declare gpu_count."
	}
	return "arm_endpoint", ""
}

// subscriptionNotFound reports whether err says the device has no such
// subscription (by ARM's code, not by words in its text: every ARM ID
// holds "/subscriptions/").
func subscriptionNotFound(err error) bool {
	var e *device.Error
	return errors.As(err, &e) && e.Code == device.CodeSubscriptionNotFound
}

// connectionDetail is a connection error's text with the advice that names
// the provider argument to change.
func connectionDetail(err error) string {
	_, advice := providerArgumentOf(err)
	text := err.Error()
	if advice == "" {
		return text
	}
	return text + "\n\n" + advice
}

// connected signs in to the device, the first time it is asked in this
// provider process, and reports a failure as the provider's connection's.
func (pd *providerData) connected(ctx context.Context, diags *diag.Diagnostics) bool {
	if err := pd.client.SignIn(ctx); err != nil {
		diags.AddError(connectFailureSummary, connectionDetail(err))
		return false
	}
	return true
}

// subscription is the device's subscription: the one the known IDs among
// ids name (its images' and subnets'), else the one found on first use.
func (pd *providerData) subscription(ctx context.Context, diags *diag.Diagnostics, ids ...types.String) (string, bool) {
	var known []string
	for _, id := range ids {
		if !id.IsNull() && !id.IsUnknown() {
			known = append(known, id.ValueString())
		}
	}
	sub, err := pd.client.SubscriptionOf(ctx, known...)
	if err != nil {
		diags.AddError(connectFailureSummary, connectionDetail(err))
		return "", false
	}
	return sub, true
}

// subscriptionOr is v, or the device's subscription when v is null or
// empty (an import by identity without one).
func (pd *providerData) subscriptionOr(ctx context.Context, v types.String, diags *diag.Diagnostics) string {
	if v.ValueString() != "" {
		return v.ValueString()
	}
	sub, _ := pd.subscription(ctx, diags)
	return sub
}
