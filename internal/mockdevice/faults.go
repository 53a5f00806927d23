package mockdevice

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault kinds.
const (
	Fault429          = "429"           // 429 Too Many Requests with Retry-After
	Fault500          = "500"           // 500 Internal Server Error
	Fault503          = "503"           // 503 Service Unavailable with Retry-After
	Fault400          = "400"           // 400 Bad Request: a permanent refusal
	Fault409          = "409"           // 409 Conflict: a permanent refusal
	FaultDrop         = "drop"          // close the connection without an answer, before acting
	FaultLostResponse = "lost-response" // act on the request, then close without an answer
	FaultSlow         = "slow"          // answer after Delay
	FaultNotify       = "notify"        // answer as usual, then call a hook (AfterRequest)
)

// Fault makes matching requests fail. Each matching request is hit with
// chance Rate (1 when 0), until Count requests were hit (no limit when 0).
type Fault struct {
	Kind string `json:"kind"`
	// Method matches the request method; empty matches any.
	Method string `json:"method,omitempty"`
	// Path is a pattern over the request path, case-insensitive, in which *
	// matches any run of characters; empty matches every ARM request
	// (/subscriptions*) and no token or metadata request.
	Path       string        `json:"path,omitempty"`
	Rate       float64       `json:"rate,omitempty"`
	Count      int           `json:"count,omitempty"`
	RetryAfter time.Duration `json:"retryAfter,omitempty"`
	Delay      time.Duration `json:"delay,omitempty"`
	// Nth, when set, hits only the Nth matching request (from 1): a crash
	// point. Rate and Count do not apply.
	Nth int `json:"nth,omitempty"`
}

// UnmarshalJSON reads a fault as the control endpoint takes it: its
// durations (retryAfter, delay) in nanoseconds, or as Go duration strings
// such as "15s", as the -fault flag takes them.
func (f *Fault) UnmarshalJSON(b []byte) error {
	type plain Fault
	var raw struct {
		*plain
		RetryAfter json.RawMessage `json:"retryAfter,omitempty"`
		Delay      json.RawMessage `json:"delay,omitempty"`
	}
	raw.plain = (*plain)(f)
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	for _, d := range []struct {
		raw json.RawMessage
		to  *time.Duration
		key string
	}{{raw.RetryAfter, &f.RetryAfter, "retryAfter"}, {raw.Delay, &f.Delay, "delay"}} {
		if len(d.raw) == 0 {
			continue
		}
		var text string
		if json.Unmarshal(d.raw, &text) == nil {
			v, err := time.ParseDuration(text)
			if err != nil {
				return fmt.Errorf("fault %s %q: %w", d.key, text, err)
			}
			*d.to = v
			continue
		}
		if err := json.Unmarshal(d.raw, d.to); err != nil {
			return fmt.Errorf("fault %s: a duration in nanoseconds or a string such as \"15s\": %w", d.key, err)
		}
	}
	return nil
}

func (f Fault) validate() error {
	switch f.Kind {
	case Fault429, Fault500, Fault503, Fault400, Fault409, FaultDrop, FaultLostResponse:
	case FaultNotify:
	case FaultSlow:
		if f.Delay <= 0 {
			return fmt.Errorf("fault %q needs a delay", f.Kind)
		}
	default:
		return fmt.Errorf("fault kind %q is not one of 429, 500, 503, 400, 409, drop, lost-response, slow", f.Kind)
	}
	if f.Rate < 0 || f.Rate > 1 {
		return fmt.Errorf("fault rate %v is not between 0 and 1", f.Rate)
	}
	if f.Count < 0 || f.Nth < 0 {
		return fmt.Errorf("fault count %d or nth %d is negative", f.Count, f.Nth)
	}
	return nil
}

func (f Fault) String() string {
	s := f.Kind
	if f.Method != "" {
		s += " " + f.Method
	}
	if f.Path != "" {
		s += " " + f.Path
	}
	return s
}

// ParseFault reads a fault from the command line's form:
// kind[,method=M][,path=P][,rate=R][,count=N][,retry-after=D][,delay=D],
// for example "503,path=*/virtualMachines/*,rate=0.2,retry-after=1s".
func ParseFault(spec string) (Fault, error) {
	parts := strings.Split(spec, ",")
	f := Fault{Kind: strings.TrimSpace(parts[0])}
	for _, kv := range parts[1:] {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok {
			return f, fmt.Errorf("fault %q: %q is not key=value", spec, kv)
		}
		var err error
		switch k {
		case "method":
			f.Method = strings.ToUpper(v)
		case "path":
			f.Path = v
		case "rate":
			f.Rate, err = strconv.ParseFloat(v, 64)
		case "count":
			f.Count, err = strconv.Atoi(v)
		case "retry-after":
			f.RetryAfter, err = time.ParseDuration(v)
		case "delay":
			f.Delay, err = time.ParseDuration(v)
		case "nth":
			f.Nth, err = strconv.Atoi(v)
		default:
			return f, fmt.Errorf("fault %q: unknown key %q", spec, k)
		}
		if err != nil {
			return f, fmt.Errorf("fault %q: %s: %w", spec, k, err)
		}
	}
	return f, f.validate()
}

type activeFault struct {
	Fault
	hits   int
	seen   int    // matching requests, for Nth
	notify func() // FaultNotify's hook
}

// faultInjector holds the faults in force; its random source is seeded so a
// run can be repeated.
type faultInjector struct {
	mu     sync.Mutex
	faults []*activeFault
	rng    *rand.Rand
}

func newFaultInjector(seed int64) *faultInjector {
	if seed == 0 {
		seed = time.Now().UnixNano()
	}
	return &faultInjector{rng: rand.New(rand.NewSource(seed))} //nolint:gosec // repeatable by seed, not secret
}

func (fi *faultInjector) add(f Fault) error { return fi.addHooked(f, nil) }

func (fi *faultInjector) addHooked(f Fault, notify func()) error {
	if err := f.validate(); err != nil {
		return err
	}
	if (f.Kind == FaultNotify) != (notify != nil) {
		return fmt.Errorf("fault %q: a notify fault needs a hook, and only it takes one", f.Kind)
	}
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.faults = append(fi.faults, &activeFault{Fault: f, notify: notify})
	return nil
}

func (fi *faultInjector) clear() {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.faults = nil
}

// pick returns the fault to inflict on r, if any, and counts the hit.
func (fi *faultInjector) pick(r *http.Request) (*activeFault, bool) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	for _, f := range fi.faults {
		if f.Count > 0 && f.hits >= f.Count {
			continue
		}
		if f.Method != "" && !strings.EqualFold(f.Method, r.Method) {
			continue
		}
		pattern := f.Path
		if pattern == "" {
			pattern = "/subscriptions*"
		}
		if !wildcardMatch(strings.ToLower(pattern), strings.ToLower(r.URL.Path)) {
			continue
		}
		if f.Nth > 0 {
			if f.seen++; f.seen != f.Nth {
				continue
			}
			f.hits++
			return f, true
		}
		if f.Rate > 0 && f.Rate < 1 && fi.rng.Float64() >= f.Rate {
			continue
		}
		f.hits++
		return f, true
	}
	return nil, false
}

// apply inflicts a fault on r if one matches; it reports whether the
// request was answered (or dropped) and needs nothing more.
func (fi *faultInjector) apply(rec *recorder, r *http.Request) bool {
	af, ok := fi.pick(r)
	if !ok {
		return false
	}
	f := af.Fault
	rec.fault = f.Kind
	retryAfter := func() {
		ra := f.RetryAfter
		if ra <= 0 {
			ra = time.Second
		}
		rec.Header().Set("Retry-After", strconv.Itoa(int((ra+time.Second-1)/time.Second)))
	}
	switch f.Kind {
	case Fault429:
		retryAfter()
		writeError(rec, newError(http.StatusTooManyRequests, "TooManyRequests", "The request is being throttled. Retry after the interval in Retry-After."))
	case Fault500:
		writeError(rec, newError(http.StatusInternalServerError, "InternalServerError", "The server encountered an internal error. Please retry the request."))
	case Fault503:
		retryAfter()
		writeError(rec, newError(http.StatusServiceUnavailable, "ServiceUnavailable", "The service is temporarily unavailable. Please retry the request."))
	case Fault400:
		writeError(rec, badRequest("InvalidParameter", "The request was refused (injected by the mock device)."))
	case Fault409:
		writeError(rec, conflict("OperationNotAllowed", "The operation conflicts with the device's state (injected by the mock device)."))
	case FaultDrop:
		_ = rec.drop()
	case FaultLostResponse:
		// Act on the request as usual, then lose the answer.
		sink := httptest.NewRecorder()
		rec.d.serveUnfaulted(&recorder{ResponseWriter: sink, d: rec.d, req: r}, r)
		_, _ = io.Copy(io.Discard, sink.Body)
		rec.status = sink.Code
		_ = rec.drop()
	case FaultNotify:
		rec.d.serveUnfaulted(rec, r)
		if fl, ok := rec.ResponseWriter.(http.Flusher); ok {
			fl.Flush()
		}
		af.notify()
	case FaultSlow:
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
		}
		return false
	}
	return true
}

// wildcardMatch matches s against pattern, in which * matches any run of
// characters (including /).
func wildcardMatch(pattern, s string) bool {
	for len(pattern) > 0 {
		if pattern[0] == '*' {
			for len(pattern) > 0 && pattern[0] == '*' {
				pattern = pattern[1:]
			}
			if pattern == "" {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if wildcardMatch(pattern, s[i:]) {
					return true
				}
			}
			return false
		}
		if s == "" || pattern[0] != s[0] {
			return false
		}
		pattern, s = pattern[1:], s[1:]
	}
	return s == ""
}

// AddFault puts a fault in force.
func (d *Device) AddFault(f Fault) error { return d.faults.add(f) }

// ClearFaults ends every fault.
func (d *Device) ClearFaults() { d.faults.clear() }

// FailNextOperation makes the next long-running operation on resourceID
// end Failed with code and message (Canceled when status is "Canceled").
// With noInternet, the next GPU driver extension install on that
// extension ID fails as when the compute port has no internet access.
func (d *Device) FailNextOperation(resourceID string, f FailNext) {
	d.mu.Lock()
	defer d.mu.Unlock()
	failure := &injectedFailure{Status: opFailed, Code: f.Code, Message: f.Message, NoInternet: f.NoInternet}
	if f.Canceled {
		failure.Status = opCanceled
	}
	if failure.Code == "" {
		failure.Code = "InternalOperationError"
	}
	if failure.Message == "" {
		failure.Message = "The operation failed (injected by the mock device)."
	}
	d.w.FailNext[key(resourceID)] = failure
	d.dirty = true
	_ = d.saveLocked()
}

// FailNext describes an injected operation failure.
type FailNext struct {
	Code       string `json:"code,omitempty"`
	Message    string `json:"message,omitempty"`
	Canceled   bool   `json:"canceled,omitempty"`
	NoInternet bool   `json:"noInternet,omitempty"`
}
