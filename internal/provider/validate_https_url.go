package provider

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

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

// checkPort: a URL's port, when it has one, is a TCP port (1 to 65535).
func checkPort(port string) string {
	if port == "" {
		return ""
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return fmt.Sprintf("has port %q, which is not a TCP port (1 to 65535); the device's ARM listens on 443 %s, so leave the port out", port, catalog.Cite("CONN"))
	}
	return ""
}
