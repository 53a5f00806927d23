package device

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// moduleVersion names this client in azcore's telemetry (which is off; the
// User-Agent names the provider instead).
const moduleVersion = "v1"

// Client talks to one device: its local ARM, and its Azure side when a
// device ID was configured. It is safe for concurrent use.
type Client struct {
	cfg          Config
	pl           runtime.Pipeline
	endpoint     string
	subscription string
	azure        *azureSide
}

// azureSide reaches the Microsoft.DataBoxEdge device resource in Azure.
type azureSide struct {
	pl       runtime.Pipeline
	endpoint string
	deviceID string
}

// New signs in to the device and finds its subscription. Errors say which
// device and what went wrong; they match ErrTLS, ErrAuthentication and the
// other kinds.
func New(ctx context.Context, cfg Config) (*Client, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	where := "the device at " + cfg.ARMEndpoint
	hc, err := newHTTPClient(cfg.CACertificatePEM, cfg.InsecureSkipVerify, cfg.Timeout)
	if err != nil {
		return nil, err
	}
	fctx, fcancel, fcfg := firstContact(ctx, cfg)
	eps, err := discover(fctx, newPipeline(fcfg, hc, nil), cfg.ARMEndpoint)
	fcancel()
	if err != nil {
		return nil, connectFailure(where, "reading its endpoint metadata", err)
	}
	host, err := authorityHost(eps.LoginEndpoint)
	if err != nil {
		return nil, err
	}
	cred, err := newRenewingCredential(deviceCredential(cfg, host, hc))
	if err != nil {
		return nil, err
	}
	scopes := scopeFor(eps.Audience)
	// Signing in now makes a wrong password an error of the provider's
	// configuration. EnableCAE as the bearer policy asks, so azidentity
	// serves the policy this token from its cache (it keeps one per kind).
	if _, err := cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: scopes, EnableCAE: true}); err != nil {
		who := "the scripted client (" + ScriptClientID + ") with the ARM password"
		if cfg.Username != "" {
			who = "user " + cfg.Username + " with the ARM password"
		}
		code, description := signInFailure(err)
		return nil, &Error{Kind: ErrAuthentication, Err: err, Code: code, Message: description,
			Action: fmt.Sprintf("signing in to %s as %s at %s", where, who, eps.LoginEndpoint)}
	}
	bearer := runtime.NewBearerTokenPolicy(cred, scopes, &policy.BearerTokenOptions{
		AuthorizationHandler: policy.AuthorizationHandler{OnChallenge: renewOnRefusal(cred, scopes)},
	})
	c := &Client{cfg: cfg, pl: newPipeline(cfg, hc, bearer), endpoint: cfg.ARMEndpoint}
	if c.subscription, err = c.findSubscription(ctx, cfg.SubscriptionID); err != nil {
		return nil, err
	}
	if cfg.DeviceID != "" {
		if c.azure, err = newAzureSide(cfg); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func newAzureSide(cfg Config) (*azureSide, error) {
	hc, err := newHTTPClient(cfg.CACertificatePEM, false, cfg.Timeout)
	if err != nil {
		return nil, err
	}
	cred := cfg.AzureCredential
	if cred == nil {
		if cred, err = azureCredential(cfg.Getenv, hc, cfg.Retry); err != nil {
			return nil, fmt.Errorf("%w for device %s: %w", ErrAzureSignIn, cfg.DeviceID, err)
		}
	}
	bearer := runtime.NewBearerTokenPolicy(cred, scopeFor(azureAudience(cfg.AzureEndpoint)), nil)
	return &azureSide{pl: newPipeline(cfg, hc, bearer), endpoint: cfg.AzureEndpoint, deviceID: cfg.DeviceID}, nil
}

// newPipeline is azcore's pipeline with its retry policy (429, 5xx and
// dropped connections, honouring Retry-After), the User-Agent and
// correlation ID per request, the bearer token (when given) and a log line
// per attempt.
func newPipeline(cfg Config, hc *http.Client, bearer policy.Policy) runtime.Pipeline {
	perRetry := []policy.Policy{}
	if bearer != nil {
		perRetry = append(perRetry, bearer)
	}
	perRetry = append(perRetry, logPolicy{log: cfg.Log})
	return runtime.NewPipeline("azurestackedge-device", moduleVersion,
		runtime.PipelineOptions{
			PerCall:  []policy.Policy{userAgentPolicy{value: cfg.UserAgent}, correlationPolicy{}},
			PerRetry: perRetry,
		},
		&policy.ClientOptions{Transport: hc, Retry: cfg.Retry, Telemetry: policy.TelemetryOptions{Disabled: true}})
}

// connectFailure explains a failure to reach the device, with advice for
// certificate trouble.
func connectFailure(where, doing string, err error) error {
	var e *Error
	errors.As(wrap(doing+" from "+where, err), &e)
	var netErr *net.OpError
	if errors.As(err, &netErr) && !errors.Is(e, ErrTLS) {
		e.Action = "cannot reach " + where + " (check arm_endpoint, and that this machine reaches the device's management network)"
		e.Message = netErr.Error()
	} else if errors.Is(err, context.DeadlineExceeded) {
		e.Action = fmt.Sprintf("%s did not answer within %s (check arm_endpoint, and that this machine reaches the device's management network)", where, firstContactTimeout)
	}
	if errors.Is(e, ErrTLS) {
		e.Action = "connecting to " + where + ": " + tlsAdvice(err)
		e.Err = nil
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

// SubscriptionID is the device's subscription in use.
func (c *Client) SubscriptionID() string { return c.subscription }

// Endpoint is the device's ARM endpoint.
func (c *Client) Endpoint() string { return c.endpoint }

// HasAzureSide reports whether a device ID was configured.
func (c *Client) HasAzureSide() bool { return c.azure != nil }

// DeviceID is the configured Azure resource ID of the device, or "".
func (c *Client) DeviceID() string {
	if c.azure == nil {
		return ""
	}
	return c.azure.deviceID
}

// url joins the endpoint, a path and the API version.
func (c *Client) url(path, apiVersion string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return c.endpoint + path + sep + "api-version=" + apiVersion
}

// getJSON GETs url into out.
func getJSON(ctx context.Context, pl runtime.Pipeline, url string, out any) error {
	req, err := runtime.NewRequest(ctx, http.MethodGet, url)
	if err != nil {
		return err
	}
	resp, err := pl.Do(req)
	if err != nil {
		return err
	}
	if !runtime.HasStatusCode(resp, http.StatusOK) {
		return runtime.NewResponseError(resp)
	}
	return runtime.UnmarshalAsJSON(resp, out)
}

// listJSON GETs every page of a list.
func listJSON[T any](ctx context.Context, pl runtime.Pipeline, url string) ([]T, error) {
	var all []T
	for url != "" {
		var page struct {
			Value    []T    `json:"value"`
			NextLink string `json:"nextLink"`
		}
		if err := getJSON(ctx, pl, url, &page); err != nil {
			return nil, err
		}
		all = append(all, page.Value...)
		url = page.NextLink
	}
	return all, nil
}
