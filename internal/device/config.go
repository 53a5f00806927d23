package device

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Well-known client IDs of the device's token service [CONN, CLI].
const (
	ScriptClientID = "cbd868c5-7207-431f-8d16-1cb144b50971"
	UserClientID   = "1950a258-227b-4e31-a9cf-717495945fc2"
)

// PublicAzureEndpoint is where the device's Azure resource lives unless told otherwise.
const PublicAzureEndpoint = "https://management.azure.com/"

// Config is everything needed to reach a device.
type Config struct {
	// ARMEndpoint is the device's local ARM, https://management.<device>.<domain>/.
	ARMEndpoint string
	// Password is the device's ARM password.
	Password string
	// Username, when set, signs in as that user (EdgeArmUser) with the
	// password, instead of the scripted client with the password as secret.
	Username string
	// SubscriptionID is the device's subscription; discovered when empty.
	SubscriptionID string
	// CACertificatePEM is the device's root certificate; the system's roots
	// are used when empty.
	CACertificatePEM []byte
	// InsecureSkipVerify trusts any certificate: for throwaway setups only.
	InsecureSkipVerify bool

	// DeviceID is the Azure resource ID of the Microsoft.DataBoxEdge
	// device; when set, AzureEndpoint and AzureCredential reach it.
	DeviceID      string
	AzureEndpoint string
	// AzureCredential signs in to AzureEndpoint; when nil, the usual
	// AZURE_* environment, read through Getenv, says how.
	AzureCredential azcore.TokenCredential
	// Getenv reads the environment; default os.Getenv.
	Getenv func(string) string

	// UserAgent names the caller, e.g. terraform-provider-azurestackedge/1.0.0.
	UserAgent string
	// Log receives a line per HTTP attempt; never secrets.
	Log LogFunc
	// Retry tunes azcore's retry policy; zero values take the defaults below.
	Retry policy.RetryOptions
	// PollFrequency is how often operations are polled when the device
	// gives no Retry-After; default 5s (azcore's minimum outside tests is 1s).
	PollFrequency time.Duration
	// Timeout bounds each HTTP attempt; default 2 minutes.
	Timeout time.Duration
	// BeforeChange, when set, is called before each request that may
	// change the device (any method but GET and HEAD), once per request
	// whatever its retries: whoever keeps what was read can drop it.
	BeforeChange func()
	// Endpoints, when set, keeps the device's endpoint metadata (its token
	// service and audience) and its token service's discovery document
	// between clients, such as the provider processes of one Terraform
	// run, which then read them once. Tokens are never kept there.
	Endpoints EndpointCache
}

// EndpointCache keeps what a client read, under a key, for other clients.
// What it keeps no change to the device's resources alters.
type EndpointCache interface {
	// LoadFixed decodes what was kept under key into out, reporting
	// whether anything was.
	LoadFixed(key string, out any) bool
	// Store keeps v, read at read, under key.
	Store(key string, read time.Time, v any)
}

// retryStatusCodes are azcore's default retriable statuses.
var retryStatusCodes = []int{http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
	http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout}

// shouldRetry is azcore's rule (those statuses, and failed connections)
// except for failures that cannot heal by waiting: a certificate the
// client does not trust, a host name that does not exist.
func shouldRetry(resp *http.Response, err error) bool {
	if err != nil {
		var dns *net.DNSError
		return !isTLSError(err) && (!errors.As(err, &dns) || !dns.IsNotFound)
	}
	return runtime.HasStatusCode(resp, retryStatusCodes...)
}

// LogFunc receives a log message with fields.
type LogFunc func(ctx context.Context, msg string, fields map[string]any)

func (c Config) withDefaults() (Config, error) {
	if c.ARMEndpoint == "" {
		return c, errors.New("the device's ARM endpoint is not set")
	}
	u, err := url.Parse(c.ARMEndpoint)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return c, fmt.Errorf("the device's ARM endpoint %q is not an https URL", c.ARMEndpoint)
	}
	c.ARMEndpoint = strings.TrimRight(u.Scheme+"://"+u.Host+u.Path, "/")
	if c.Password == "" {
		return c, errors.New("the device's ARM password is not set")
	}
	if c.InsecureSkipVerify && len(c.CACertificatePEM) > 0 {
		return c, errors.New("a CA certificate and skipping certificate verification exclude each other")
	}
	if c.DeviceID != "" {
		if _, err := ParseTypedID(c.DeviceID, "Microsoft.DataBoxEdge", "dataBoxEdgeDevices"); err != nil {
			return c, err
		}
		if c.AzureEndpoint == "" {
			c.AzureEndpoint = PublicAzureEndpoint
		}
		u, err := url.Parse(c.AzureEndpoint)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return c, fmt.Errorf("the Azure endpoint %q is not an https URL", c.AzureEndpoint)
		}
		c.AzureEndpoint = strings.TrimRight(u.Scheme+"://"+u.Host+u.Path, "/")
	}
	if c.Getenv == nil {
		c.Getenv = os.Getenv
	}
	if c.UserAgent == "" {
		c.UserAgent = "terraform-provider-azurestackedge/dev"
	}
	if c.Log == nil {
		c.Log = func(context.Context, string, map[string]any) {}
	}
	if c.Retry.MaxRetries == 0 {
		c.Retry.MaxRetries = 6
	}
	if c.Retry.RetryDelay == 0 {
		c.Retry.RetryDelay = time.Second
	}
	if c.Retry.MaxRetryDelay == 0 {
		c.Retry.MaxRetryDelay = 60 * time.Second // a longer Retry-After is not waited for
	}
	if c.Retry.ShouldRetry == nil {
		c.Retry.ShouldRetry = shouldRetry
	}
	if c.PollFrequency == 0 {
		c.PollFrequency = 5 * time.Second
	}
	if c.Timeout == 0 {
		c.Timeout = 2 * time.Minute
	}
	return c, nil
}
