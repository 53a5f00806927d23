package device

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// Kinds of error, for errors.Is.
var (
	ErrNotFound              = errors.New("not found")
	ErrConflict              = errors.New("conflict")
	ErrInsufficientGPUs      = errors.New("insufficient GPUs")
	ErrUnsupportedAPIVersion = errors.New("unsupported API version")
	ErrAuthentication        = errors.New("authentication failed")
	ErrTLS                   = errors.New("TLS failure")
	ErrOperationFailed       = errors.New("operation failed")
	// ErrUnreachable: no connection to the device's endpoint.
	ErrUnreachable = errors.New("unreachable")
	// ErrAmbiguousSubscription: the device shows several subscriptions and
	// none was chosen.
	ErrAmbiguousSubscription = errors.New("several subscriptions")
	// ErrAzureSignIn: no credential for the device's Azure side could be
	// built from the AZURE_* environment.
	ErrAzureSignIn = errors.New("cannot sign in to Azure")
)

// CodeSubscriptionNotFound is ARM's error code for a subscription the
// device does not have; the client gives it too when the device's list of
// subscriptions lacks the one asked for, or shows none.
const CodeSubscriptionNotFound = "SubscriptionNotFound"

// Error is a failed device request or operation. It keeps ARM's code and
// message, and says what was being done.
type Error struct {
	Kind       error  // one of the Err* kinds, or nil
	Action     string // what was being done, e.g. "creating virtual machine vm1"
	StatusCode int    // HTTP status, 0 when no response came
	Code       string // ARM error code
	Message    string // ARM error message
	Err        error  // the underlying error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Action)
	switch {
	case e.Code != "":
		fmt.Fprintf(&b, ": %s: %s", e.Code, e.Message)
	case e.Message != "":
		b.WriteString(": " + e.Message)
	case e.Err != nil:
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Is matches the error's kind.
func (e *Error) Is(target error) bool { return e.Kind != nil && target == e.Kind }

// insufficientGPUsText is the device's message when a GPU VM cannot get
// its GPUs [PROV-TS].
const insufficientGPUsText = "Insufficient number of GPUs"

// wrap classifies err as an *Error about action. It returns nil for nil.
func wrap(action string, err error) error {
	if err == nil {
		return nil
	}
	var already *Error
	if errors.As(err, &already) {
		return err
	}
	e := &Error{Action: action, Err: err}
	var resp *azcore.ResponseError
	var authFailed *azidentity.AuthenticationFailedError
	switch {
	case errors.As(err, &resp):
		e.StatusCode, e.Code = resp.StatusCode, resp.ErrorCode
		e.Message = armMessage(resp)
		e.Kind = classify(resp.StatusCode, e.Code, e.Message)
	case errors.As(err, &authFailed):
		e.Kind = ErrAuthentication
		e.Message = authFailed.Error()
		if authFailed.RawResponse != nil {
			e.StatusCode = authFailed.RawResponse.StatusCode
		}
	case isTLSError(err):
		e.Kind = ErrTLS
	}
	return e
}

// classify maps an ARM error to a kind.
func classify(status int, code, message string) error {
	switch {
	case strings.Contains(message, insufficientGPUsText):
		return ErrInsufficientGPUs
	case code == "NoRegisteredProviderFound" || code == "InvalidApiVersionParameter" || code == "MissingApiVersionParameter":
		return ErrUnsupportedAPIVersion
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return ErrAuthentication
	case status == http.StatusNotFound:
		return ErrNotFound
	case status == http.StatusConflict:
		return ErrConflict
	case status == 0 || code != "":
		return ErrOperationFailed
	}
	return nil
}

// armMessage digs ARM's message out of a ResponseError.
func armMessage(resp *azcore.ResponseError) string {
	var body armErrorBody
	if resp.RawResponse != nil && decodeErrorBody(resp.RawResponse, &body) == nil && body.Error.Message != "" {
		return body.Error.Message
	}
	return http.StatusText(resp.StatusCode)
}

type armErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// isTLSError reports whether err comes from certificate verification.
func isTLSError(err error) bool {
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var host x509.HostnameError
	var verify *tls.CertificateVerificationError
	var record tls.RecordHeaderError
	return errors.As(err, &unknown) || errors.As(err, &invalid) || errors.As(err, &host) ||
		errors.As(err, &verify) || errors.As(err, &record)
}

func decodeErrorBody(resp *http.Response, v any) error {
	b, err := runtime.Payload(resp)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
