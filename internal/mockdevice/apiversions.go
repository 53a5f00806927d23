package mockdevice

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
)

// apiProfile is one of the device's documented API profiles: for each
// resource provider, the version of each resource type the device serves
// (key "" is every other type of the provider, e.g. locations/operations;
// value "" leaves the type out of the profile).
type apiProfile struct {
	Name     string
	Versions map[string]map[string]string
}

// apiProfiles are the profiles the device documents, with the versions of
// the resource types the mock serves:
//   - 2018-03-01-hybrid, what the vendor's templates use [TPL]: Compute
//     2017-03-30 for every type, Network 2017-10-01, Resources 2018-02-01,
//     Subscriptions 2016-06-01 (github.com/Azure/azure-rest-api-specs,
//     profile/2018-03-01-hybrid.json; AzureRM 2.3.0 release notes).
//   - 2019-03-01-hybrid, what the CLI and SDKs use [CLI]: Compute 2017-12-01
//     with disks at 2017-03-30, Network 2017-10-01, Resources 2018-05-01,
//     Subscriptions 2016-06-01 (profile/2019-03-01-hybrid.json; Azure Stack
//     Hub "Resource provider API versions supported by profiles").
//   - 2020-09-01-hybrid, which connect-resource-manager names for the Az
//     modules [CONN]: Compute 2020-06-01 with disks at 2019-07-01, Network
//     2018-11-01, Resources 2019-10-01, Subscriptions 2016-06-01
//     (profile/2020-09-01-hybrid.json).
//   - ASE's own profile page [PROFILES], "Resource provider API profile
//     versions for Azure Stack Edge" (05/17/2021, https://learn.microsoft.com/
//     azure/databox-online/azure-stack-edge-profiles-azure-resource-manager-versions),
//     which calls its table the 2019-03-01-hybrid profile but gives ARM's own
//     types newer versions than the Hub's profile of that name: Compute
//     2017-12-01 (Locations, vmSizes, VMs, extensions), Network 2017-10-01,
//     Resources 2020-06-01 (Deployments, Providers, ResourceGroups, ...),
//     Subscriptions and Tenants 2018-09-01, Storage 2019-06-01 (not served).
//     Checked against the page's text on 2026-11-27.
//
// Resources 2016-06-01, which earlier Azure Stack pages give as ARM's own
// version, stays accepted as the mock always did.
var apiProfiles = []apiProfile{
	{Name: "2018-03-01-hybrid", Versions: map[string]map[string]string{
		"microsoft.compute":       {"": "2017-03-30"},
		"microsoft.network":       {"": "2017-10-01"},
		"microsoft.resources":     {"": "2018-02-01"},
		"microsoft.subscriptions": {"": "2016-06-01"},
	}},
	{Name: "2019-03-01-hybrid", Versions: map[string]map[string]string{
		"microsoft.compute":       {"": "2017-12-01", "disks": "2017-03-30"},
		"microsoft.network":       {"": "2017-10-01"},
		"microsoft.resources":     {"": "2018-05-01"},
		"microsoft.subscriptions": {"": "2016-06-01"},
	}},
	{Name: "2020-09-01-hybrid", Versions: map[string]map[string]string{
		"microsoft.compute":       {"": "2020-06-01", "disks": "2019-07-01"},
		"microsoft.network":       {"": "2018-11-01"},
		"microsoft.resources":     {"": "2019-10-01"},
		"microsoft.subscriptions": {"": "2016-06-01"},
	}},
	{Name: "ase", Versions: map[string]map[string]string{
		// The page lists no disks version; Compute has no 2017-12-01 disks.
		"microsoft.compute":       {"": "2017-12-01", "disks": ""},
		"microsoft.network":       {"": "2017-10-01"},
		"microsoft.resources":     {"": "2020-06-01"},
		"microsoft.subscriptions": {"": "2018-09-01"},
	}},
}

// fixedAPIVersions are the providers outside the profiles: endpoint
// metadata (2015-01-01 the object of Azure Stack, 2020-06-01 Azure's list
// form) and the Azure-side DataBoxEdge versions with deviceCapacityInfo [DBE].
var fixedAPIVersions = map[string][]string{
	"metadata":              {"2015-01-01", "2020-06-01"},
	"microsoft.databoxedge": {"2022-03-01", "2023-07-01", "2023-12-01"},
	"microsoft.resources":   {"2016-06-01"},
}

// typeWide are the resource types that answer at every version of their
// provider: the operation URLs carry the version of the request that
// started the operation, whichever type that was.
var typeWide = map[string]bool{"operations": true, "operationresults": true}

// supportedAPIVersions lists, sorted, the versions the device has for a
// resource type of a provider.
func supportedAPIVersions(provider, resourceType string) []string {
	set := map[string]bool{}
	for _, v := range fixedAPIVersions[provider] {
		set[v] = true
	}
	typ := strings.ToLower(resourceType)
	for _, p := range apiProfiles {
		byType, ok := p.Versions[provider]
		if !ok {
			continue
		}
		if typeWide[typ] {
			for _, v := range byType {
				set[v] = true
			}
		} else if v, ok := byType[typ]; ok {
			set[v] = true
		} else {
			set[byType[""]] = true
		}
	}
	delete(set, "") // a type a profile leaves out
	out := make([]string, 0, len(set))
	for v := range set {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

var apiVersionForm = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(-preview)?$`)

// checkAPIVersion answers as ARM does when a request's api-version is
// missing, malformed, or one the provider does not have for the type.
func checkAPIVersion(r *http.Request, provider, resourceType string) *statusError {
	v := r.URL.Query().Get("api-version")
	supported := supportedAPIVersions(provider, resourceType)
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

// apiVersionAtLeast reports whether the request's api-version is v or
// later: response shapes that grew with the API follow it.
func apiVersionAtLeast(r *http.Request, v string) bool {
	return r.URL.Query().Get("api-version") >= v
}
