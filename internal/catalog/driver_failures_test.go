package catalog

import (
	"strings"
	"testing"
)

func TestDriverFailureAdvice(t *testing.T) {
	for _, tc := range []struct {
		failure, want string
	}{
		{"Failed to download the driver: no internet connectivity", "must reach the internet"},
		{"Driver DOWNLOAD failed", "must reach the internet"},
		{"No NVIDIA GPU was found on this VM", "has no GPU"},
		{"The operating system is not supported", "no longer supported on Ubuntu 18.04"},
		{"E: Could not get lock /var/lib/dpkg/lock-frontend", "package manager's lock"},
		{"VMExtensionProvisioningError: something else", ""},
	} {
		got := DriverFailureAdvice(tc.failure)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("DriverFailureAdvice(%q) = %q, want advice with %q", tc.failure, got, tc.want)
		}
		if got != "" && !strings.Contains(got, "(source: ") {
			t.Errorf("DriverFailureAdvice(%q) cites no source: %q", tc.failure, got)
		}
	}
}
