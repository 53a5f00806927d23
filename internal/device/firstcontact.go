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

// CertificateProblem is why the device's certificate was refused.
type CertificateProblem int

const (
	// CertificateUntrusted: signed by a root this machine does not trust.
	CertificateUntrusted CertificateProblem = iota
	// CertificateNameMismatch: not issued for the name the device was
	// reached by.
	CertificateNameMismatch
	// CertificateExpired: expired, or not yet valid.
	CertificateExpired
)

// CertificateProblemOf is why err refused the device's certificate
// (CertificateUntrusted when it does not say).
func CertificateProblemOf(err error) CertificateProblem {
	var invalid x509.CertificateInvalidError
	var host x509.HostnameError
	switch {
	case errors.As(err, &host):
		return CertificateNameMismatch
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return CertificateExpired
	}
	return CertificateUntrusted
}

// certificateCause says, in the certificate's own terms, why it was
// refused; the provider adds which argument to change.
func certificateCause(err error) string {
	var host x509.HostnameError
	switch CertificateProblemOf(err) {
	case CertificateNameMismatch:
		errors.As(err, &host)
		return fmt.Sprintf("its certificate is not for the name used (%s); the names it holds: %v", host.Error(), host.Certificate.DNSNames)
	case CertificateExpired:
		return "its certificate has expired or is not yet valid (" + tlsDetail(err) + ")"
	}
	return "its certificate is not trusted: it is signed by a root this machine does not trust (" + tlsDetail(err) + ")"
}
