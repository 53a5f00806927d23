package mockdevice

import (
	"net/http"
	"regexp"
	"strings"
)

// apiVersions are the versions the device's resource providers have: the
// ARM templates use Compute 2017-03-30 and Network 2017-10-01 (profile
// 2018-03-01-hybrid); the CLI and SDKs use profile 2019-03-01-hybrid
// (Compute 2017-12-01, Resources 2018-05-01, Subscriptions 2016-06-01).
// The Azure-side DataBoxEdge versions are those with deviceCapacityInfo.
var apiVersions = map[string][]string{
	"metadata":                {"2015-01-01", "2020-06-01"},
	"microsoft.subscriptions": {"2016-06-01"},
	"microsoft.resources":     {"2016-06-01", "2018-02-01", "2018-05-01"},
	"microsoft.compute":       {"2017-03-30", "2017-12-01"},
	"microsoft.network":       {"2017-10-01"},
	"microsoft.databoxedge":   {"2022-03-01", "2023-07-01", "2023-12-01"},
}

var apiVersionForm = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(-preview)?$`)

// checkAPIVersion answers as ARM does when a request's api-version is
// missing, malformed, or one the provider does not have.
func checkAPIVersion(r *http.Request, provider, resourceType string) *statusError {
	v := r.URL.Query().Get("api-version")
	supported := apiVersions[provider]
	list := strings.Join(supported, ", ")
	switch {
	case v == "":
		return badRequest("MissingApiVersionParameter",
			"The api-version query parameter (?api-version=) is required for all requests.")
	case !apiVersionForm.MatchString(v):
		return badRequest("InvalidApiVersionParameter",
			"The api-version '"+v+"' is invalid. The supported versions are '"+list+"'.")
	}
	for _, s := range supported {
		if s == v {
			return nil
		}
	}
	return badRequest("NoRegisteredProviderFound",
		"No registered resource provider found for location '"+location+"' and API version '"+v+
			"' for type '"+resourceType+"'. The supported api-versions are '"+list+
			"'. The supported locations are '"+location+"'.")
}
