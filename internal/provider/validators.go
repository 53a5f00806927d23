package provider

import (
	"context"
	"encoding/pem"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// stringCheck is a string validator from a pure check: the check returns
// what is wrong with the value, or "".
type stringCheck struct {
	description string
	check       func(string) string
}

func (v stringCheck) Description(context.Context) string         { return v.description }
func (v stringCheck) MarkdownDescription(context.Context) string { return v.description }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := v.check(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s = %q: %s", req.Path, req.ConfigValue.ValueString(), problem))
	}
}

// httpsURL checks for an https URL with a host.
func httpsURL() validator.String {
	return stringCheck{"must be an https URL", checkHTTPSURL}
}

func checkHTTPSURL(s string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "is not a URL: " + err.Error()
	case u.Scheme != "https":
		return "must be an https URL: the device's ARM speaks TLS only, on port 443 " + catalog.Cite("CONN")
	case u.Host == "":
		return "has no host; the device's ARM endpoint looks like https://management.<device>.<dns-domain>/"
	}
	return checkPort(u.Port())
}

// pemCertificate checks for at least one PEM certificate.
func pemCertificate() validator.String {
	return stringCheck{"must hold a PEM certificate", checkPEM}
}

func checkPEM(s string) string {
	rest := []byte(s)
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return "holds no PEM certificate (-----BEGIN CERTIFICATE-----); give the device's root certificate in PEM form " +
				"(or, in AZURESTACKEDGE_CA_CERTIFICATE, the path of such a file)"
		}
		if b.Type == "CERTIFICATE" {
			return ""
		}
	}
}

// releaseName checks a device release name.
func releaseName() validator.String {
	return stringCheck{"must be a device release such as " + catalog.Newest().String(), func(s string) string {
		if _, err := catalog.ParseRelease(s); err != nil {
			return err.Error() + "; known releases: " + strings.Join(catalog.KnownReleases(), ", ")
		}
		return ""
	}}
}

var uuidForm = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// uuid checks for a GUID.
func uuidString() validator.String {
	return stringCheck{"must be a GUID", func(s string) string {
		if !uuidForm.MatchString(s) {
			return "is not a GUID such as 6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b"
		}
		return ""
	}}
}

// armID checks an ARM ID of a namespace and type chain.
func armID(namespace string, types ...string) validator.String {
	what := namespace + "/" + strings.Join(types, "/")
	return stringCheck{"must be the ID of a " + what, func(s string) string {
		if _, err := device.ParseTypedID(s, namespace, types...); err != nil {
			return strings.TrimPrefix(err.Error(), fmt.Sprintf("%q ", s))
		}
		return ""
	}}
}
