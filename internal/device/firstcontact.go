package device

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"time"
)

// firstContactTimeout bounds the first request to the device (its
// endpoint metadata): an endpoint that refuses connections, does not
// resolve or does not answer fails in seconds, not after minutes of
// retries.
const firstContactTimeout = 20 * time.Second

// firstContact is cfg for the first request: few, quick retries. A wrong
// ARM endpoint is the usual cause of a failed first request, and waiting
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

// connectFailure explains a failure to reach the device in the device's
// own words; what to change in Terraform's settings is the provider's to
// say (it maps ErrTLS and ErrUnreachable to its arguments).
func connectFailure(where, doing string, err error) error {
	var e *Error
	errors.As(wrap(doing+" from "+where, err), &e)
	var netErr *net.OpError
	if errors.As(err, &netErr) && !errors.Is(e, ErrTLS) {
		e.Kind, e.Action, e.Message = ErrUnreachable, "cannot reach "+where, netErr.Error()
	} else if errors.Is(err, context.DeadlineExceeded) {
		e.Kind, e.Action = ErrUnreachable, fmt.Sprintf("%s did not answer within %s", where, firstContactTimeout)
	}
	if errors.Is(e, ErrTLS) {
		// The cause is the message; the certificate's error stays
		// wrapped, so CertificateProblemOf can tell the provider which
		// argument to change.
		e.Action, e.Message, e.Err = "connecting to "+where, certificateCause(err), err
	}
	return e
}

// tlsDetail is the certificate verification's own words.
func tlsDetail(err error) string {
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var host x509.HostnameError
	switch {
	case errors.As(err, &unknown):
		return unknown.Error()
	case errors.As(err, &invalid):
		return invalid.Error()
	case errors.As(err, &host):
		return host.Error()
	}
	return err.Error()
}
