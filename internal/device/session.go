package device

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// session is the signed-in pipeline to the device's ARM, made on first
// use: the endpoint metadata, the token service's discovery and the token
// cost three requests, which a provider process that asks the device
// nothing (a destroy plan, a plan of data sources that need no device)
// should not pay. It signs in once; its outcome, error included, is kept
// for the client's life, so a wrong password is one refused sign-in, not
// one per resource. azidentity renews the token itself.
type session struct {
	cfg Config
	hc  *http.Client

	mu   sync.Mutex
	done bool
	pl   runtime.Pipeline
	err  error
}

// pipeline signs in, the first time, and returns the signed-in pipeline.
func (s *session) pipeline(ctx context.Context) (runtime.Pipeline, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.done {
		s.pl, s.err = signIn(ctx, s.cfg, s.hc)
		s.done = true
	}
	return s.pl, s.err
}

// Do sends a request through the signed-in pipeline, signing in first.
func (s *session) Do(req *policy.Request) (*http.Response, error) {
	pl, err := s.pipeline(req.Raw().Context())
	if err != nil {
		return nil, err
	}
	return pl.Do(req)
}

// signIn discovers the device's token service from its endpoint metadata,
// signs in, and returns the pipeline that carries the token.
func signIn(ctx context.Context, cfg Config, hc *http.Client) (runtime.Pipeline, error) {
	where := "the device at " + cfg.ARMEndpoint
	eps, err := endpointsOf(ctx, cfg, hc)
	if err != nil {
		return runtime.Pipeline{}, connectFailure(where, "reading its endpoint metadata", err)
	}
	host, err := authorityHost(eps.LoginEndpoint)
	if err != nil {
		return runtime.Pipeline{}, err
	}
	cred, err := newRenewingCredential(deviceCredential(cfg, host, hc))
	if err != nil {
		return runtime.Pipeline{}, err
	}
	scopes := scopeFor(eps.Audience)
	// Signing in before the first request makes a wrong password a
	// sign-in error, not a refused request. EnableCAE as the bearer policy
	// asks, so azidentity serves the policy this token from its cache (it
	// keeps one per kind).
	if _, err := cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: scopes, EnableCAE: true}); err != nil {
		who := "the scripted client (" + ScriptClientID + ") with the ARM password"
		if cfg.Username != "" {
			who = "user " + cfg.Username + " with the ARM password"
		}
		code, description := signInFailure(err)
		return runtime.Pipeline{}, &Error{Kind: ErrAuthentication, Err: err, Code: code, Message: description,
			Action: fmt.Sprintf("signing in to %s as %s at %s", where, who, eps.LoginEndpoint)}
	}
	bearer := runtime.NewBearerTokenPolicy(cred, scopes, &policy.BearerTokenOptions{
		AuthorizationHandler: policy.AuthorizationHandler{OnChallenge: renewOnRefusal(cred, scopes)},
	})
	return newPipeline(cfg, hc, bearer), nil
}

// endpointsKey is the key of the endpoint metadata in Config.Endpoints.
const endpointsKey = "metadata/endpoints"

// endpointsOf is the device's endpoint metadata: as Config.Endpoints kept
// it, or read from the device (the first contact, with its own deadline).
func endpointsOf(ctx context.Context, cfg Config, hc *http.Client) (endpoints, error) {
	var eps endpoints
	if cfg.Endpoints != nil && cfg.Endpoints.LoadFixed(endpointsKey, &eps) && eps.LoginEndpoint != "" && eps.Audience != "" {
		return eps, nil
	}
	started := time.Now()
	fctx, fcancel, fcfg := firstContact(ctx, cfg)
	defer fcancel()
	eps, err := discover(fctx, newPipeline(fcfg, hc, nil), cfg.ARMEndpoint)
	if err == nil && cfg.Endpoints != nil {
		cfg.Endpoints.Store(endpointsKey, started, eps)
	}
	return eps, err
}
