package device

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// Open asks the device nothing; the first request signs in, once, however
// many ask at once; a request by ID needs no subscription.
func TestSignInIsLazyAndOnce(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{})
	cfg := testConfig(s)
	c, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Requests(); len(got) != 0 {
		t.Fatalf("Open made %d requests", len(got))
	}
	id := VMID(s.Credentials().SubscriptionID, "ASERG", "nothing")
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.GetVM(context.Background(), id); !errors.Is(err, ErrNotFound) {
				t.Errorf("GetVM: %v", err)
			}
		}()
	}
	wg.Wait()
	counts := map[string]int{}
	for _, r := range s.Requests() {
		counts[r.Method+" "+r.Path]++
	}
	for path, want := range map[string]int{
		"GET /metadata/endpoints": 1, "GET /adfs/.well-known/openid-configuration": 1, "POST /adfs/oauth2/token/": 1, "GET /subscriptions": 0,
	} {
		if counts[path] != want {
			t.Errorf("%s: %d requests, want %d (all: %v)", path, counts[path], want, counts)
		}
	}
}

// A refused sign-in is kept: every later request gets it without asking
// the token service again.
func TestSignInFailureIsKept(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{})
	cfg := testConfig(s)
	cfg.Password = "wrong"
	c, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if err := c.SignIn(context.Background()); !errors.Is(err, ErrAuthentication) {
			t.Fatalf("SignIn: %v", err)
		}
	}
	tokens := 0
	for _, r := range s.Requests() {
		if r.Path == "/adfs/oauth2/token/" {
			tokens++
		}
	}
	if tokens != 1 {
		t.Fatalf("%d token requests, want 1", tokens)
	}
}

// The subscription comes from the resources' IDs when none is configured:
// a device has one.
func TestSubscriptionOfIDs(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{})
	c, err := Open(testConfig(s))
	if err != nil {
		t.Fatal(err)
	}
	sub := s.Credentials().SubscriptionID
	got, err := c.SubscriptionOf(context.Background(), "not an ID", VMID(sub, "ASERG", "vm"))
	if err != nil || got != sub {
		t.Fatalf("SubscriptionOf = %q, %v", got, err)
	}
	if again, err := c.Subscription(context.Background()); err != nil || again != sub {
		t.Fatalf("Subscription = %q, %v", again, err)
	}
	if n := len(s.Requests()); n != 0 {
		t.Fatalf("%d requests, want none", n)
	}
}
