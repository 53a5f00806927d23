package device

import (
	"net/http"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/google/uuid"
)

// headerCorrelationID ties every attempt of one request together in the
// device's logs, as ARM clients do.
const headerCorrelationID = "x-ms-correlation-request-id"

// userAgentPolicy names the provider and its version on every request.
type userAgentPolicy struct{ value string }

func (p userAgentPolicy) Do(req *policy.Request) (*http.Response, error) {
	req.Raw().Header.Set("User-Agent", p.value)
	return req.Next()
}

// correlationPolicy gives each request (all its retries alike) a new
// correlation ID. It runs once per call, before the retry policy.
type correlationPolicy struct{}

func (correlationPolicy) Do(req *policy.Request) (*http.Response, error) {
	if req.Raw().Header.Get(headerCorrelationID) == "" {
		req.Raw().Header.Set(headerCorrelationID, uuid.NewString())
	}
	return req.Next()
}

// changeNoticePolicy calls notify before a request that may change the
// device. It runs once per call, before the retry policy.
type changeNoticePolicy struct{ notify func() }

func (p changeNoticePolicy) Do(req *policy.Request) (*http.Response, error) {
	if m := req.Raw().Method; p.notify != nil && m != http.MethodGet && m != http.MethodHead {
		p.notify()
	}
	return req.Next()
}

// logPolicy logs each attempt: method, path, API version, status, time and
// IDs. It never logs headers or bodies, so neither tokens nor passwords.
type logPolicy struct{ log LogFunc }

func (p logPolicy) Do(req *policy.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := req.Next()
	raw := req.Raw()
	fields := map[string]any{
		"method":         raw.Method,
		"path":           raw.URL.Path,
		"api_version":    raw.URL.Query().Get("api-version"),
		"duration_ms":    time.Since(start).Milliseconds(),
		"correlation_id": raw.Header.Get(headerCorrelationID),
	}
	if resp != nil {
		fields["status"] = resp.StatusCode
		if id := resp.Header.Get("x-ms-request-id"); id != "" {
			fields["request_id"] = id
		}
		if ra := resp.Header.Get("Retry-After"); ra != "" {
			fields["retry_after"] = ra
		}
		if resp.Header.Get(sharedAnswerHeader) != "" {
			fields["shared_read"] = "answered from the run's shared reads: no request sent"
		}
	}
	if err != nil {
		fields["error"] = err.Error()
	}
	p.log(raw.Context(), "device HTTP request", fields)
	return resp, err
}
