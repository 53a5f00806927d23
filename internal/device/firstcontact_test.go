package device

import (
	"crypto/x509"
	"fmt"
	"strings"
	"testing"
)

func TestCertificateCause(t *testing.T) {
	cert := &x509.Certificate{DNSNames: []string{"management.dev1.example.com"}}
	for _, tc := range []struct {
		name string
		err  error
		want []string
		kind CertificateProblem
	}{
		{"untrusted root", fmt.Errorf("tls: %w", x509.UnknownAuthorityError{Cert: cert}), []string{"not trusted", "root this machine does not trust"}, CertificateUntrusted},
		{"name mismatch", fmt.Errorf("tls: %w", x509.HostnameError{Certificate: cert, Host: "10.0.0.1"}),
			[]string{"not for the name used", "management.dev1.example.com"}, CertificateNameMismatch},
		{"expired", fmt.Errorf("tls: %w", x509.CertificateInvalidError{Cert: cert, Reason: x509.Expired}), []string{"expired"}, CertificateExpired},
	} {
		if k := CertificateProblemOf(tc.err); k != tc.kind {
			t.Errorf("%s: problem %d, want %d", tc.name, k, tc.kind)
		}
		got := certificateCause(tc.err)
		if strings.Contains(got, "ca_certificate") || strings.Contains(got, "arm_endpoint") {
			t.Errorf("%s: %q names a provider argument; the device client speaks ARM only", tc.name, got)
		}
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tc.name, got, w)
			}
		}
	}
}
