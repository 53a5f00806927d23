package provider

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// armEndpointURL checks the device's ARM endpoint: an https URL with a
// host, on port 443 [CONN].
func armEndpointURL() validator.String {
	return stringCheck{"must be an https URL", checkARMEndpointURL}
}

// azureEndpointURL checks the Azure side's endpoint: an https URL with a
// host.
func azureEndpointURL() validator.String {
	return stringCheck{"must be an https URL", checkAzureEndpointURL}
}

// checkARMEndpointURL: the device's ARM speaks TLS only, on port 443 [CONN].
func checkARMEndpointURL(s string) string {
	why := "the device's ARM speaks TLS only, on port 443 " + catalog.Cite("CONN")
	return checkHTTPSURL(s, why, "https://management.<device>.<dns-domain>/", "the device's ARM listens on 443 "+catalog.Cite("CONN")+", so leave the port out")
}

// checkAzureEndpointURL: Azure Resource Manager is reached over TLS.
func checkAzureEndpointURL(s string) string {
	return checkHTTPSURL(s, "Azure Resource Manager is reached over TLS only", "https://management.azure.com/", "")
}

// checkHTTPSURL checks for an https URL (why says why) with a host (like
// example) and, when it has a port, a TCP port (portAdvice says what to
// do about a wrong one).
func checkHTTPSURL(s, why, example, portAdvice string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "is not a URL: " + err.Error()
	case u.Scheme != "https":
		return "must be an https URL: " + why
	case u.Host == "":
		return "has no host; it looks like " + example
	}
	if port := u.Port(); port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			msg := fmt.Sprintf("has port %q, which is not a TCP port (1 to 65535)", port)
			if portAdvice != "" {
				msg += "; " + portAdvice
			}
			return msg
		}
	}
	return ""
}
