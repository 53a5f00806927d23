package mockdevice

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseFault(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in      string
		want    Fault
		wantErr string
	}{
		{"503,path=*/virtualMachines/*,rate=0.2,retry-after=2s", Fault{Kind: "503", Path: "*/virtualMachines/*", Rate: 0.2, RetryAfter: 2 * time.Second}, ""},
		{"drop,method=put,count=1", Fault{Kind: "drop", Method: "PUT", Count: 1}, ""},
		{"slow,delay=1s", Fault{Kind: "slow", Delay: time.Second}, ""},
		{"slow", Fault{}, "needs a delay"},
		{"418", Fault{}, "not one of"},
		{"409,count=1", Fault{Kind: "409", Count: 1}, ""},
		{"429,rate=2", Fault{}, "between 0 and 1"},
		{"429,rate", Fault{}, "key=value"},
		{"429,colour=red", Fault{}, "unknown key"},
		{"429,count=x", Fault{}, "count"},
	} {
		got, err := ParseFault(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseFault(%q) error = %v, want %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseFault(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func TestWildcardMatch(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		pattern, s string
		want       bool
	}{
		{"*", "/anything/at/all", true},
		{"/subscriptions/*", "/subscriptions/x/resourcegroups", true},
		{"/subscriptions/*", "/adfs/oauth2/token", false},
		{"*/virtualmachines/*", "/subscriptions/s/providers/microsoft.compute/virtualmachines/vm1", true},
		{"*/virtualmachines/*/extensions/*", "/subscriptions/s/providers/microsoft.compute/virtualmachines/vm1", false},
		{"*vm?", "/vm?", true},
		{"abc", "abcd", false},
	} {
		if got := wildcardMatch(tc.pattern, tc.s); got != tc.want {
			t.Errorf("wildcardMatch(%q, %q) = %v", tc.pattern, tc.s, got)
		}
	}
}

func TestFaults(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	sub := "/subscriptions/" + s.Credentials().SubscriptionID
	for _, tc := range []struct {
		kind   string
		status int
		code   string
	}{
		{Fault429, 429, "TooManyRequests"},
		{Fault500, 500, "InternalServerError"},
		{Fault503, 503, "ServiceUnavailable"},
		{Fault400, 400, "InvalidParameter"},
		{Fault409, 409, "OperationNotAllowed"},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			if err := s.AddFault(Fault{Kind: tc.kind, Count: 1, RetryAfter: 2 * time.Second}); err != nil {
				t.Fatal(err)
			}
			r := c.do(http.MethodGet, sub, nil)
			if r.Status != tc.status || r.errorCode() != tc.code {
				t.Fatalf("%d %s", r.Status, r.Raw)
			}
			if (tc.kind == Fault429 || tc.kind == Fault503) && r.Header.Get("Retry-After") != "2" {
				t.Errorf("Retry-After = %q", r.Header.Get("Retry-After"))
			}
			c.do(http.MethodGet, sub, nil).must(t, http.StatusOK) // count=1: only once
		})
	}
	t.Run("drop", func(t *testing.T) {
		_ = s.AddFault(Fault{Kind: FaultDrop, Count: 1})
		req, _ := http.NewRequest(http.MethodGet, s.URL()+sub+"?api-version=2016-06-01", nil)
		req.Header.Set("Authorization", "Bearer "+c.token)
		if resp, err := s.httpClient().Do(req); err == nil {
			resp.Body.Close()
			t.Fatalf("got %d, want a dropped connection", resp.StatusCode)
		}
	})
	t.Run("lost response acts then drops", func(t *testing.T) {
		c.createRG("lost")
		_ = s.AddFault(Fault{Kind: FaultLostResponse, Method: "PUT", Count: 1})
		body, _ := json.Marshal(nicBodyFor(s.subnetID(), ""))
		path := s.rgPath("lost") + "/providers/Microsoft.Network/networkInterfaces/n"
		req, _ := http.NewRequest(http.MethodPut, s.URL()+path+"?api-version=2017-10-01", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+c.token)
		if resp, err := s.httpClient().Do(req); err == nil {
			resp.Body.Close()
			t.Fatalf("got %d, want a dropped connection", resp.StatusCode)
		}
		c.do(http.MethodGet, path, nil).must(t, http.StatusOK)
	})
	t.Run("slow", func(t *testing.T) {
		_ = s.AddFault(Fault{Kind: FaultSlow, Count: 1, Delay: 300 * time.Millisecond})
		start := time.Now()
		c.do(http.MethodGet, sub, nil).must(t, http.StatusOK)
		if time.Since(start) < 300*time.Millisecond {
			t.Errorf("answered in %s", time.Since(start))
		}
	})
	t.Run("rate with a seed repeats", func(t *testing.T) {
		pattern := func() string {
			d := startDevice(t, Options{Seed: 42})
			_ = d.AddFault(Fault{Kind: Fault503, Rate: 0.5})
			dc := d.deviceClient(t)
			var b strings.Builder
			for i := 0; i < 20; i++ {
				if dc.do(http.MethodGet, "/subscriptions", nil).Status == 503 {
					b.WriteByte('x')
				} else {
					b.WriteByte('.')
				}
			}
			return b.String()
		}
		a, b := pattern(), pattern()
		if a != b || !strings.Contains(a, "x") || !strings.Contains(a, ".") {
			t.Fatalf("seeded runs differ or do not mix: %s vs %s", a, b)
		}
	})
	t.Run("faults are logged", func(t *testing.T) {
		found := false
		for _, r := range s.Requests() {
			found = found || (r.Fault == Fault503 && r.Status == 503)
		}
		if !found {
			t.Error("the request log does not show the injected 503")
		}
	})
}

func TestFailNextOperation(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("rg")
	nic := c.createNIC("rg", "n")
	vmPath := s.rgPath("rg") + "/providers/Microsoft.Compute/virtualMachines/v"
	s.FailNextOperation(vmPath, FailNext{Code: "InternalExecutionError", Message: "boom"})
	st := c.wait(c.do(http.MethodPut, vmPath, vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("rhel_7_4"), nic, "")))
	if st["status"] != opFailed || str(st, "error", "message") != "boom" {
		t.Fatalf("%v", st)
	}
	if s.GPUs().Free != 2 {
		t.Errorf("a failed create keeps a GPU: %+v", s.GPUs())
	}
	// Only the next operation fails.
	if st := c.wait(c.do(http.MethodPut, vmPath, vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("rhel_7_4"), nic, ""))); st["status"] != opSucceeded {
		t.Fatalf("retry: %v", st)
	}
	s.FailNextOperation(vmPath, FailNext{Canceled: true})
	if st := c.wait(c.do(http.MethodPost, vmPath+"/deallocate", nil)); st["status"] != opCanceled {
		t.Fatalf("canceled: %v", st)
	}
	// The two operations that took a failure are on record, by name.
	taken := s.TakenOperationFailures()
	if len(taken) != 2 || taken[0].Operation == taken[1].Operation {
		t.Fatalf("taken failures: %+v", taken)
	}
	for _, f := range taken {
		if !strings.EqualFold(f.ResourceID, vmPath) || f.Operation == "" {
			t.Errorf("taken failure %+v, want one on %s naming its operation", f, vmPath)
		}
	}
}

func TestControlEndpoint(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	hc := s.httpClient()
	call := func(method, what string, body any, password string) int {
		var b []byte
		if body != nil {
			b, _ = json.Marshal(body)
		}
		req, _ := http.NewRequest(method, s.URL()+controlPrefix+what, bytes.NewReader(b))
		req.SetBasicAuth("mock", password)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	pw := s.Credentials().Password
	if got := call(http.MethodGet, "gpus", nil, "wrong"); got != 401 {
		t.Errorf("wrong password: %d", got)
	}
	if got := call(http.MethodPost, "faults", Fault{Kind: "503", Count: 1}, pw); got != 204 {
		t.Errorf("add fault: %d", got)
	}
	if got := call(http.MethodPost, "faults", Fault{Kind: "teapot"}, pw); got != 400 {
		t.Errorf("bad fault: %d", got)
	}
	c := s.deviceClient(t) // the token request is not under /subscriptions, so no fault
	if r := c.do(http.MethodGet, "/subscriptions", nil); r.Status != 503 {
		t.Errorf("fault added through the control endpoint not in force: %d", r.Status)
	}
	for _, tc := range []struct {
		method, what string
		body         any
		want         int
	}{
		{http.MethodDelete, "faults", nil, 204},
		{http.MethodPost, "fail-next", map[string]any{"resourceId": "/x", "noInternet": true}, 204},
		{http.MethodPost, "fail-next", map[string]any{}, 400},
		{http.MethodGet, "requests", nil, 200},
		{http.MethodDelete, "requests", nil, 204},
		{http.MethodGet, "gpus", nil, 200},
		{http.MethodPost, "revoke-tokens", nil, 204},
		{http.MethodGet, "nothing", nil, 404},
	} {
		if got := call(tc.method, tc.what, tc.body, pw); got != tc.want {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.what, got, tc.want)
		}
	}
	// Durations are nanoseconds or Go duration strings.
	if got := call(http.MethodPost, "faults", map[string]any{"kind": "slow", "delay": "15ms", "retryAfter": "1s", "count": 1}, pw); got != 204 {
		t.Errorf("a fault with duration strings: %d", got)
	}
	if got := call(http.MethodPost, "faults", map[string]any{"kind": "slow", "delay": "soon"}, pw); got != 400 {
		t.Errorf("a fault with a delay that is no duration: %d", got)
	}
	call(http.MethodDelete, "faults", nil, pw)
	// The control endpoint's own requests are not the device's.
	for _, r := range s.Requests() {
		if strings.HasPrefix(r.Path, controlPrefix) {
			t.Errorf("the request log holds a control request: %s %s", r.Method, r.Path)
		}
	}
	if r := c.do(http.MethodGet, "/subscriptions", nil); r.Status != 401 {
		t.Errorf("token still valid after revoke-tokens: %d", r.Status)
	}
}

func TestRequestLog(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	s.ResetRequests()
	c.do(http.MethodGet, "/subscriptions", nil)
	c.do(http.MethodGet, "/subscriptions/nope", nil)
	reqs := s.Requests()
	if len(reqs) != 2 || reqs[0].Method != "GET" || reqs[0].Path != "/subscriptions" || reqs[0].Status != 200 || reqs[1].Status != 404 {
		t.Fatalf("log = %+v", reqs)
	}
	if !strings.Contains(reqs[0].Query, "api-version=") || reqs[0].Duration <= 0 {
		t.Errorf("entry = %+v", reqs[0])
	}
}
