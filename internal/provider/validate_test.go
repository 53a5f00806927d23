package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// The string validators' checks: what each accepts, and what it says of
// what it refuses.
func TestStringChecks(t *testing.T) {
	checkOf := func(v validator.String) func(string) string { return v.(stringCheck).check }
	for _, tc := range []struct {
		name  string
		check func(string) string
		value string
		want  string // a part of the problem; "" when accepted
	}{
		{"https URL", checkARMEndpointURL, "https://management.dbe.example.com/", ""},
		{"https URL with port 443", checkARMEndpointURL, "https://management.dbe.example.com:443/", ""},
		{"http URL", checkARMEndpointURL, "http://management.dbe/", "must be an https URL: the device's ARM"},
		{"URL without a host", checkARMEndpointURL, "https:///x", "has no host; it looks like https://management.<device>"},
		{"URL that is none", checkARMEndpointURL, "https://a b/%zz", "is not a URL"},
		{"port 0", checkARMEndpointURL, "https://management.dbe:0/", "not a TCP port (1 to 65535); the device's ARM listens on 443"},
		{"port too high", checkARMEndpointURL, "https://management.dbe:65536/", "not a TCP port"},
		{"Azure endpoint", checkAzureEndpointURL, "https://management.azure.com/", ""},
		{"Azure endpoint over http", checkAzureEndpointURL, "http://management.azure.com/", "must be an https URL: Azure Resource Manager"},
		{"Azure endpoint without a host", checkAzureEndpointURL, "https:///", "it looks like https://management.azure.com/"},
		{"PEM certificate", checkPEM, testPEM, ""},
		{"PEM of a key only", checkPEM, "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n", "holds no PEM certificate"},
		{"not PEM", checkPEM, "MIIB", "holds no PEM certificate"},
		{"a CERTIFICATE block that does not parse", checkPEM, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "not a certificate"},
		{"release", checkOf(releaseName()), "2309", ""},
		{"release that is none", checkOf(releaseName()), "23x9", "known releases"},
		{"GUID", checkOf(uuidString()), "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b", ""},
		{"GUID that is none", checkOf(uuidString()), "6f1d2c3b", "is not a GUID"},
		{"device ID", checkOf(armID("Microsoft.DataBoxEdge", "dataBoxEdgeDevices")),
			"/subscriptions/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b/resourceGroups/rg/providers/Microsoft.DataBoxEdge/dataBoxEdgeDevices/dev", ""},
		{"device ID of another type", checkOf(armID("Microsoft.DataBoxEdge", "dataBoxEdgeDevices")),
			"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/v", "Microsoft.DataBoxEdge"},
		{"IPv4 address", checkOf(ipv4Address()), "10.57.50.60", ""},
		{"IPv6 address", checkOf(ipv4Address()), "fe80::1", "is not an IPv4 address"},
		{"SSH key", checkOf(sshPublicKey()), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA user@host\n", ""},
		{"SSH key that is none", checkOf(sshPublicKey()), "-----BEGIN OPENSSH PRIVATE KEY-----", "is not an OpenSSH public key"},
	} {
		got := tc.check(tc.value)
		switch {
		case tc.want == "" && got != "":
			t.Errorf("%s: %q refused: %s", tc.name, tc.value, got)
		case tc.want != "" && !strings.Contains(got, tc.want):
			t.Errorf("%s: %q: got %q, want it to say %q", tc.name, tc.value, got, tc.want)
		}
	}
}
