package device

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// endpoints are what the device's metadata says about signing in [CLI].
type endpoints struct {
	LoginEndpoint string
	Audience      string
}

// discover reads GET /metadata/endpoints on the device's ARM.
func discover(ctx context.Context, pl runtime.Pipeline, armEndpoint string) (endpoints, error) {
	req, err := runtime.NewRequest(ctx, http.MethodGet, armEndpoint+"/metadata/endpoints?api-version="+apiMetadata)
	if err != nil {
		return endpoints{}, err
	}
	resp, err := pl.Do(req)
	if err != nil {
		return endpoints{}, err
	}
	if !runtime.HasStatusCode(resp, http.StatusOK) {
		return endpoints{}, runtime.NewResponseError(resp)
	}
	var body struct {
		Authentication struct {
			LoginEndpoint string   `json:"loginEndpoint"`
			Audiences     []string `json:"audiences"`
		} `json:"authentication"`
	}
	if err := runtime.UnmarshalAsJSON(resp, &body); err != nil {
		return endpoints{}, fmt.Errorf("the endpoint metadata is not JSON: %w", err)
	}
	if body.Authentication.LoginEndpoint == "" || len(body.Authentication.Audiences) == 0 {
		return endpoints{}, errors.New("the endpoint metadata names no login endpoint or audience")
	}
	return endpoints{LoginEndpoint: body.Authentication.LoginEndpoint, Audience: body.Authentication.Audiences[0]}, nil
}

// authorityHost is the origin of the login endpoint: azidentity takes the
// host, and the tenant "adfs" makes the path.
func authorityHost(loginEndpoint string) (string, error) {
	u, err := url.Parse(loginEndpoint)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return "", fmt.Errorf("the device's login endpoint %q is not an https URL", loginEndpoint)
	}
	return u.Scheme + "://" + u.Host + "/", nil
}

// scopeFor is the .default scope of an audience.
func scopeFor(audience string) []string {
	return []string{strings.TrimRight(audience, "/") + "/.default"}
}

// renewingCredential is an azidentity credential that can be replaced by a
// fresh one. The device ends every session when it restarts [EXT], before
// the token's expiry; azidentity would keep handing out the cached token,
// so on the device's refusal the credential is rebuilt, emptying its cache.
type renewingCredential struct {
	build func() (azcore.TokenCredential, error)
	mu    sync.Mutex
	cred  azcore.TokenCredential
}

func newRenewingCredential(build func() (azcore.TokenCredential, error)) (*renewingCredential, error) {
	cred, err := build()
	if err != nil {
		return nil, err
	}
	return &renewingCredential{build: build, cred: cred}, nil
}

func (r *renewingCredential) GetToken(ctx context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	r.mu.Lock()
	cred := r.cred
	r.mu.Unlock()
	return cred.GetToken(ctx, opts)
}

func (r *renewingCredential) renew() error {
	cred, err := r.build()
	if err != nil {
		return err
	}
	r.mu.Lock()
	r.cred = cred
	r.mu.Unlock()
	return nil
}

// renewOnRefusal is the bearer policy's challenge handler: when the device
// refuses a token it issued (expired, or invalid after a restart), it signs
// in again once and retries the request.
func renewOnRefusal(cred *renewingCredential, scopes []string) func(*policy.Request, *http.Response, func(policy.TokenRequestOptions) error) error {
	return func(req *policy.Request, resp *http.Response, authorize func(policy.TokenRequestOptions) error) error {
		var body armErrorBody
		_ = decodeErrorBody(resp, &body)
		switch body.Error.Code {
		case "ExpiredAuthenticationToken", "InvalidAuthenticationToken":
		default:
			return runtime.NewResponseError(resp)
		}
		if err := cred.renew(); err != nil {
			return err
		}
		return authorize(policy.TokenRequestOptions{Scopes: scopes})
	}
}

// deviceCredential builds the sign-in to the device's token service: the
// scripted client with the ARM password as secret, or the user's password
// sign-in [CONN, CLI].
func deviceCredential(cfg Config, host string, hc *http.Client) func() (azcore.TokenCredential, error) {
	opts := azcore.ClientOptions{
		Cloud:     cloud.Configuration{ActiveDirectoryAuthorityHost: host},
		Transport: signInTransport(cfg, hc),
		Retry:     cfg.Retry,
		// The sign-in's requests are device requests too, logged alike
		// (method, path, status: never a form or a token).
		PerRetryPolicies: []policy.Policy{logPolicy{log: cfg.Log}},
	}
	return func() (azcore.TokenCredential, error) {
		if cfg.Username != "" {
			//nolint:staticcheck // The device's user sign-in is a password grant; there is no other.
			return azidentity.NewUsernamePasswordCredential("adfs", UserClientID, cfg.Username, cfg.Password,
				&azidentity.UsernamePasswordCredentialOptions{ClientOptions: opts, DisableInstanceDiscovery: true})
		}
		return azidentity.NewClientSecretCredential("adfs", ScriptClientID, cfg.Password,
			&azidentity.ClientSecretCredentialOptions{ClientOptions: opts, DisableInstanceDiscovery: true})
	}
}

// publicAuthorities are Microsoft's own sign-in hosts, which azidentity's
// instance discovery knows; any other host (Azure Stack, a mock) must go
// without it.
var publicAuthorities = []string{"login.microsoftonline.com", "login.chinacloudapi.cn", "login.microsoftonline.us"}

// isMicrosoftAuthority reports whether a sign-in host is one of
// Microsoft's clouds, which azidentity's instance discovery knows.
func isMicrosoftAuthority(host string) bool {
	u, err := url.Parse(host)
	return err == nil && containsFold(publicAuthorities, u.Hostname())
}

// azureCredential signs in to the device's Azure side with the usual
// AZURE_* variables, read through getenv: a client secret when
// AZURE_CLIENT_SECRET is set, else azidentity's DefaultAzureCredential
// (certificates, workload and managed identity, the Azure CLI). The
// transport trusts the device's CA too (for Azure sides that are not
// Azure, such as the mock's); a sign-in host that is not Microsoft's goes
// without instance discovery. Its authority's discovery document is shared
// as the device sign-in's is (signInTransport).
func azureCredential(cfg Config, hc *http.Client) (azcore.TokenCredential, error) {
	getenv := cfg.Getenv
	tenant, client, secret, host := getenv("AZURE_TENANT_ID"), getenv("AZURE_CLIENT_ID"), getenv("AZURE_CLIENT_SECRET"), getenv("AZURE_AUTHORITY_HOST")
	opts := azcore.ClientOptions{Transport: signInTransport(cfg, hc), Retry: cfg.Retry, PerRetryPolicies: []policy.Policy{logPolicy{log: cfg.Log}}}
	if host != "" {
		opts.Cloud = cloud.Configuration{ActiveDirectoryAuthorityHost: strings.TrimRight(host, "/") + "/"}
	}
	disable := host != "" && !isMicrosoftAuthority(host)
	if secret != "" {
		return azidentity.NewClientSecretCredential(tenant, client, secret,
			&azidentity.ClientSecretCredentialOptions{ClientOptions: opts, DisableInstanceDiscovery: disable})
	}
	return azidentity.NewDefaultAzureCredential(&azidentity.DefaultAzureCredentialOptions{
		ClientOptions: opts, DisableInstanceDiscovery: disable, TenantID: tenant,
	})
}

// azureAudience is the token audience of an Azure endpoint: the public
// cloud's for management.azure.com, else the endpoint itself.
func azureAudience(endpoint string) string {
	if strings.EqualFold(strings.TrimRight(endpoint, "/"), strings.TrimRight(PublicAzureEndpoint, "/")) {
		return cloud.AzurePublic.Services[cloud.ResourceManager].Audience
	}
	return strings.TrimRight(endpoint, "/") + "/"
}

// signInFailure explains a refused sign-in from the token service's
// answer: its OAuth error code and description.
func signInFailure(err error) (code, description string) {
	var af *azidentity.AuthenticationFailedError
	if errors.As(err, &af) && af.RawResponse != nil {
		var body struct {
			Error       string `json:"error"`
			Description string `json:"error_description"`
		}
		if b, e := runtime.Payload(af.RawResponse); e == nil && json.Unmarshal(b, &body) == nil && body.Error != "" {
			return body.Error, body.Description
		}
	}
	return "", err.Error()
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
