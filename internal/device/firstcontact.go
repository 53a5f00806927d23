package device

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"time"
)

// firstContactTimeout bounds the first request to the device (its
// endpoint metadata): an endpoint that refuses connections, does not
// resolve or does not answer fails in seconds, not after minutes of
// retries.
const firstContactTimeout = 20 * time.Second

// firstContact is cfg for the first request: few, quick retries. A wrong
// arm_endpoint is the usual cause of a failed first request, and waiting
// does not heal it.
func firstContact(ctx context.Context, cfg Config) (context.Context, context.CancelFunc, Config) {
	cfg.Retry.MaxRetries = 2
	cfg.Retry.RetryDelay = 500 * time.Millisecond
	cfg.Retry.MaxRetryDelay = 2 * time.Second
	cfg.Retry.TryTimeout = firstContactTimeout / 2
	ctx, cancel := context.WithTimeout(ctx, firstContactTimeout)
	return ctx, cancel, cfg
}

// tlsAdvice says, by its cause, why the device's certificate was refused
// and what to do.
func tlsAdvice(err error) string {
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var host x509.HostnameError
	switch {
	case errors.As(err, &host):
		names := host.Certificate.DNSNames
		return fmt.Sprintf("its certificate is not for the name used (%s); use a name the certificate holds in arm_endpoint (it holds %v), "+
			"or add the device's name to the certificate on the device's local web UI (Certificates page)", host.Error(), names)
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return fmt.Sprintf("its certificate has expired or is not yet valid (%s); renew the device's certificates on its local web UI "+
			"(Certificates page), or check this machine's clock", invalid.Error())
	case errors.As(err, &unknown):
		return fmt.Sprintf("its certificate is not trusted: it is signed by a root this machine does not trust (%s); set ca_certificate "+
			"(or AZURESTACKEDGE_CA_CERTIFICATE) to the device's root certificate, downloaded from the device's local web UI (Certificates page)", unknown.Error())
	}
	return "its certificate is not trusted (" + tlsDetail(err) + "); set ca_certificate (or AZURESTACKEDGE_CA_CERTIFICATE) to the device's root " +
		"certificate, downloaded from the device's local web UI (Certificates page)"
}
