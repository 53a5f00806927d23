package mockdevice

import (
	"net/http"
	"testing"
)

// Every resource type the device serves answers at the version each
// documented profile gives it, transcribed here from the profiles (not from
// apiProfiles), and refuses versions no profile has.
func TestAPIProfiles(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("prof")
	vmPath, _ := c.createVM("prof", "vm", "Standard_D1_v2", "ubuntu_18_04")
	sub := "/subscriptions/" + s.Credentials().SubscriptionID
	rg := s.rgPath("prof")
	vnet := s.rgPath(computeResourceGroup) + "/providers/Microsoft.Network/virtualNetworks/" + computeVNet
	paths := map[string]string{
		"virtualMachines":        rg + "/providers/Microsoft.Compute/virtualMachines",
		"virtualMachine":         vmPath,
		"instanceView":           vmPath + "/instanceView",
		"extensions":             vmPath + "/extensions",
		"images":                 sub + "/providers/Microsoft.Compute/images",
		"disks":                  sub + "/providers/Microsoft.Compute/disks",
		"networkInterfaces":      rg + "/providers/Microsoft.Network/networkInterfaces",
		"virtualNetworks":        sub + "/providers/Microsoft.Network/virtualNetworks",
		"subnets":                vnet + "/subnets",
		"resourceGroups":         sub + "/resourcegroups",
		"resourceGroup":          rg,
		"subscriptions":          "/subscriptions",
		"subscription":           sub,
		"endpoint metadata list": "/metadata/endpoints",
	}
	compute := []string{"virtualMachines", "virtualMachine", "instanceView", "extensions", "images"}
	network := []string{"networkInterfaces", "virtualNetworks", "subnets"}
	resources := []string{"resourceGroups", "resourceGroup"}
	subscriptions := []string{"subscriptions", "subscription"}
	type want struct {
		types   []string
		version string
	}
	profiles := map[string][]want{
		// azure-rest-api-specs profile/2018-03-01-hybrid.json; the vendor's templates.
		"2018-03-01-hybrid": {{compute, "2017-03-30"}, {[]string{"disks"}, "2017-03-30"}, {network, "2017-10-01"},
			{resources, "2018-02-01"}, {subscriptions, "2016-06-01"}},
		// Azure Stack Hub's profile page and profile/2019-03-01-hybrid.json.
		"2019-03-01-hybrid": {{compute, "2017-12-01"}, {[]string{"disks"}, "2017-03-30"}, {network, "2017-10-01"},
			{resources, "2018-05-01"}, {subscriptions, "2016-06-01"}},
		// profile/2020-09-01-hybrid.json, named by connect-resource-manager.
		"2020-09-01-hybrid": {{compute, "2020-06-01"}, {[]string{"disks"}, "2019-07-01"}, {network, "2018-11-01"},
			{resources, "2019-10-01"}, {subscriptions, "2016-06-01"}},
		// azure-stack-edge-profiles-azure-resource-manager-versions.
		"ASE profile page": {{compute, "2017-12-01"}, {network, "2017-10-01"}, {resources, "2020-06-01"}, {subscriptions, "2018-09-01"}},
		"metadata":         {{[]string{"endpoint metadata list"}, "2020-06-01"}},
	}
	for profile, wants := range profiles {
		for _, w := range wants {
			for _, typ := range w.types {
				t.Run(profile+"/"+typ, func(t *testing.T) {
					c.do(http.MethodGet, paths[typ]+"?api-version="+w.version, nil).must(t, http.StatusOK)
				})
			}
		}
	}
	for _, tc := range []struct{ typ, version string }{
		{"disks", "2017-12-01"},           // Compute has no disks API at 2017-12-01
		{"disks", "2020-06-01"},           // 2020-09-01-hybrid's disks are 2019-07-01
		{"virtualMachine", "2019-07-01"},  // a disks version, not a VM one
		{"virtualMachines", "2021-03-01"}, // Azure's, in no profile
		{"networkInterfaces", "2020-11-01"},
		{"resourceGroups", "2021-04-01"},
		{"subscription", "2020-01-01"},
	} {
		t.Run("refused/"+tc.typ+"@"+tc.version, func(t *testing.T) {
			r := c.do(http.MethodGet, paths[tc.typ]+"?api-version="+tc.version, nil)
			if r.Status != http.StatusBadRequest || r.errorCode() != "NoRegisteredProviderFound" {
				t.Fatalf("%d %s", r.Status, r.Raw)
			}
		})
	}
}
