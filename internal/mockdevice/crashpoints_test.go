package mockdevice

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The Nth-request fault hits that request only, and the after-request
// hook runs after the answer it follows.
func TestCrashPoints(t *testing.T) {
	t.Parallel()
	fi := newFaultInjector(1)
	if err := fi.add(Fault{Kind: Fault500, Method: "PUT", Nth: 2}); err != nil {
		t.Fatal(err)
	}
	calls := 0
	if err := fi.addHooked(Fault{Kind: FaultNotify, Method: "GET", Nth: 3}, func() { calls++ }); err != nil {
		t.Fatal(err)
	}
	var hits []int
	for i := 1; i <= 4; i++ {
		if _, ok := fi.pick(httptest.NewRequest(http.MethodPut, "/subscriptions/s/x", nil)); ok {
			hits = append(hits, i)
		}
	}
	if len(hits) != 1 || hits[0] != 2 {
		t.Fatalf("PUTs hit: %v, want [2]", hits)
	}
	for i := 1; i <= 4; i++ {
		if f, ok := fi.pick(httptest.NewRequest(http.MethodGet, "/subscriptions/s/x", nil)); ok {
			f.notify()
			if i != 3 {
				t.Fatalf("GET %d hit", i)
			}
		}
	}
	if calls != 1 {
		t.Fatalf("hook called %d times", calls)
	}
	if err := fi.add(Fault{Kind: FaultNotify}); err == nil {
		t.Fatal("a notify fault without a hook was taken")
	}
	if f, err := ParseFault("lost-response,nth=4"); err != nil || f.Nth != 4 {
		t.Fatalf("ParseFault nth: %+v, %v", f, err)
	}
}
