package device

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// moduleVersion names this client in azcore's telemetry (which is off; the
// User-Agent names the provider instead).
const moduleVersion = "v1"

// Client talks to one device: its local ARM, and its Azure side when a
// device ID was configured. It is safe for concurrent use.
//
// It signs in lazily: Open makes no request, and the first request that
// needs the device's ARM discovers its token service and signs in, once
// for the client's life (see session.go). A provider process that has
// nothing to ask the device asks nothing.
type Client struct {
	cfg      Config
	endpoint string
	// session signs in on first use and then sends every request.
	session *session
	azure   *azureSide

	subMu        sync.Mutex
	subscription string
	subErr       error
	subDone      bool
	// fromID: subscription was taken from a resource ID (SubscriptionOf),
	// not checked with the device.
	fromID bool
}

// azureSide reaches the Microsoft.DataBoxEdge device resource in Azure.
type azureSide struct {
	pl       runtime.Pipeline
	endpoint string
	deviceID string
}

// Open makes a client of the device without a request: it checks the
// configuration and builds the transport; signing in waits for the first
// request.
func Open(cfg Config) (*Client, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	hc, err := newHTTPClient(cfg.CACertificatePEM, cfg.InsecureSkipVerify, cfg.Timeout)
	if err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg, endpoint: cfg.ARMEndpoint, session: &session{cfg: cfg, hc: hc}}
	if cfg.DeviceID != "" {
		if c.azure, err = newAzureSide(cfg); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// New opens a client, signs in and checks or finds the device's
// subscription at once. Errors say which device and what went wrong; they
// match ErrTLS, ErrAuthentication and the other kinds.
func New(ctx context.Context, cfg Config) (*Client, error) {
	c, err := Open(cfg)
	if err != nil {
		return nil, err
	}
	if err := c.SignIn(ctx); err != nil {
		return nil, err
	}
	if err := c.CheckSubscription(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// SignIn signs in to the device now, if it has not yet: the first request
// does the same, so callers need it only to see sign-in errors on their
// own.
func (c *Client) SignIn(ctx context.Context) error {
	_, err := c.session.pipeline(ctx)
	return err
}

func newAzureSide(cfg Config) (*azureSide, error) {
	hc, err := newHTTPClient(cfg.CACertificatePEM, false, cfg.Timeout)
	if err != nil {
		return nil, err
	}
	cred := cfg.AzureCredential
	if cred == nil {
		if cred, err = azureCredential(cfg, hc); err != nil {
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
			PerCall:  []policy.Policy{userAgentPolicy{value: cfg.UserAgent}, correlationPolicy{}, changeNoticePolicy{notify: cfg.BeforeChange}},
			PerRetry: perRetry,
		},
		&policy.ClientOptions{Transport: hc, Retry: cfg.Retry, Telemetry: policy.TelemetryOptions{Disabled: true}})
}

// Endpoint is the device's ARM endpoint.
func (c *Client) Endpoint() string { return c.endpoint }

// HasAzureSide reports whether a device ID was configured.
func (c *Client) HasAzureSide() bool { return c.azure != nil }

// url joins the endpoint, a path and the API version.
func (c *Client) url(path, apiVersion string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return c.endpoint + path + sep + "api-version=" + apiVersion
}

// doer sends a request: a pipeline, or the session that signs in first.
type doer interface {
	Do(req *policy.Request) (*http.Response, error)
}

// getJSON GETs url into out.
func getJSON(ctx context.Context, pl doer, url string, out any) error {
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
func listJSON[T any](ctx context.Context, pl doer, url string) ([]T, error) {
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
