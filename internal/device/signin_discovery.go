package device

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// openIDConfigurationPath ends the URL of a token service's discovery
// document (OpenID Connect Discovery 1.0, section 4), which azidentity
// (through MSAL) reads before the first token of every credential.
const openIDConfigurationPath = "/.well-known/openid-configuration"

// sharedAnswerHeader marks an answer the transport gave from what the run
// shares, without a request: the request log says so.
const sharedAnswerHeader = "X-Azurestackedge-Shared-Read"

// sharedDiscovery is the device sign-in's transport when Config.Endpoints
// is set: the token service's discovery document, which another client of
// the run read, is answered from there, and one read here is kept there.
// azidentity offers no way to hand it the document, and each provider
// process of a run makes its own credential, so without this every process
// reads it again. The document is public and the same for every sign-in
// to the authority; only it is kept, never a token or anything sent.
type sharedDiscovery struct {
	next  policy.Transporter
	cache EndpointCache
}

func (s sharedDiscovery) Do(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet || !strings.HasSuffix(req.URL.Path, openIDConfigurationPath) {
		return s.next.Do(req)
	}
	key := "openid-configuration " + req.URL.String()
	var doc json.RawMessage
	if s.cache.LoadFixed(key, &doc) && json.Valid(doc) {
		return &http.Response{
			Status: "200 OK", StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header:        http.Header{"Content-Type": {"application/json"}, sharedAnswerHeader: {"true"}},
			Body:          io.NopCloser(bytes.NewReader(doc)),
			ContentLength: int64(len(doc)),
			Request:       req,
		}, nil
	}
	read := time.Now()
	resp, err := s.next.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if json.Valid(body) {
		s.cache.Store(key, read, json.RawMessage(body))
	}
	return resp, nil
}

// signInTransport is the transport of the device's sign-in: hc, with the
// discovery document shared when cfg keeps endpoint metadata.
func signInTransport(cfg Config, hc *http.Client) policy.Transporter {
	if cfg.Endpoints == nil {
		return hc
	}
	return sharedDiscovery{next: hc, cache: cfg.Endpoints}
}
