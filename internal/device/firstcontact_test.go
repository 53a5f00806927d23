package device

import (
	"crypto/x509"
	"fmt"
	"strings"
	"testing"
)

func TestTLSAdviceByCause(t *testing.T) {
	cert := &x509.Certificate{DNSNames: []string{"management.dev1.example.com"}}
	for _, tc := range []struct {
		name string
		err  error
		want []string
	}{
		{"untrusted root", fmt.Errorf("tls: %w", x509.UnknownAuthorityError{Cert: cert}), []string{"not trusted", "set ca_certificate"}},
		{"name mismatch", fmt.Errorf("tls: %w", x509.HostnameError{Certificate: cert, Host: "10.0.0.1"}),
			[]string{"not for the name used", "use a name the certificate holds", "management.dev1.example.com"}},
		{"expired", fmt.Errorf("tls: %w", x509.CertificateInvalidError{Cert: cert, Reason: x509.Expired}), []string{"expired", "renew"}},
	} {
		got := tlsAdvice(tc.err)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tc.name, got, w)
			}
		}
	}
}
