package provider

import (
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
)

// Configurations share a run's reads when they read the same device as the
// same user; what only changes the checks' conclusions does not part them.
func TestRunScope(t *testing.T) {
	base := settings{device: device.Config{ARMEndpoint: "https://management.ase1.contoso.com/", Password: "one",
		DeviceID: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DataBoxEdge/dataBoxEdgeDevices/ase1"}}
	r2309, _ := catalog.ParseRelease("2309")
	for _, tc := range []struct {
		name  string
		edit  func(*settings)
		share bool
	}{
		{"the endpoint without its slash, in capitals", func(s *settings) { s.device.ARMEndpoint = "HTTPS://management.ASE1.contoso.com" }, true},
		{"another password", func(s *settings) { s.device.Password = "two" }, true},
		{"another release", func(s *settings) { s.release = r2309 }, true},
		{"another device", func(s *settings) { s.device.ARMEndpoint = "https://management.ase2.contoso.com/" }, false},
		{"another user", func(s *settings) { s.device.Username = "EdgeArmUser" }, false},
		{"another subscription", func(s *settings) { s.device.SubscriptionID = "a3f0b6c2-5d1e-4c7a-9e2b-7f3d8c1a6b40" }, false},
		{"another Azure resource", func(s *settings) { s.device.DeviceID = "" }, false},
		{"another Azure cloud", func(s *settings) { s.device.AzureEndpoint = "https://management.usgovcloudapi.net" }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			other := base
			tc.edit(&other)
			if got := runScope(other) == runScope(base); got != tc.share {
				t.Errorf("shares the run's reads: %v, want %v", got, tc.share)
			}
		})
	}
}
