package device

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

func startMock(t *testing.T, opts mockdevice.Options) *mockdevice.Server {
	t.Helper()
	if opts.OpDelay == 0 {
		opts.OpDelay = 50 * time.Millisecond
	}
	s, err := mockdevice.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// testConfig points a client at the mock with fast retries.
func testConfig(s *mockdevice.Server) Config {
	return Config{
		ARMEndpoint:      s.URL(),
		Password:         s.Credentials().Password,
		CACertificatePEM: s.CAPEM(),
		Retry:            policy.RetryOptions{MaxRetries: 4, RetryDelay: 10 * time.Millisecond, MaxRetryDelay: 2 * time.Second},
		PollFrequency:    20 * time.Millisecond,
	}
}

func newClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	c, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSignIn(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{})
	other := startMock(t, mockdevice.Options{}) // another device: another root certificate
	for _, tc := range []struct {
		name     string
		mutate   func(*Config)
		kind     error
		contains []string
	}{
		{"scripted client", func(*Config) {}, nil, nil},
		{"EdgeArmUser", func(c *Config) { c.Username = "EdgeArmUser" }, nil, nil},
		{"subscription given", func(c *Config) { c.SubscriptionID = s.Credentials().SubscriptionID }, nil, nil},
		{"insecure", func(c *Config) { c.CACertificatePEM, c.InsecureSkipVerify = nil, true }, nil, nil},
		{"wrong password", func(c *Config) { c.Password = "wrong" }, ErrAuthentication,
			[]string{s.URL(), "scripted client", "MSIS9622", "invalid_client"}},
		{"wrong user", func(c *Config) { c.Username = "root" }, ErrAuthentication, []string{"user root", "MSIS9659"}},
		{"wrong CA", func(c *Config) { c.CACertificatePEM = other.CAPEM() }, ErrTLS,
			[]string{"not trusted", s.URL(), "unknown authority"}},
		{"no CA", func(c *Config) { c.CACertificatePEM = nil }, ErrTLS, []string{"not trusted"}},
		{"unknown subscription", func(c *Config) { c.SubscriptionID = "00000000-0000-0000-0000-000000000000" }, ErrNotFound,
			[]string{"00000000-0000-0000-0000-000000000000 is not on the device", s.Credentials().SubscriptionID, "Default Provider Subscription"}},
		{"nothing listening", func(c *Config) { c.ARMEndpoint = "https://127.0.0.1:1"; c.Retry.MaxRetries = 1 }, nil, []string{"cannot reach the device at https://127.0.0.1:1", "connection refused"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(s)
			tc.mutate(&cfg)
			c, err := New(context.Background(), cfg)
			if tc.kind == nil && tc.contains == nil {
				if err != nil {
					t.Fatal(err)
				}
				if c.SubscriptionID() != s.Credentials().SubscriptionID {
					t.Fatalf("subscription %q", c.SubscriptionID())
				}
				return
			}
			if err == nil {
				t.Fatal("signed in")
			}
			if tc.kind != nil && !errors.Is(err, tc.kind) {
				t.Errorf("error %v is not %v", err, tc.kind)
			}
			for _, want := range tc.contains {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if strings.Contains(err.Error(), s.Credentials().Password) {
				t.Error("the error shows the password")
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{}, "not set"},
		{Config{ARMEndpoint: "http://x", Password: "p"}, "not an https URL"},
		{Config{ARMEndpoint: "https://x", Password: ""}, "password is not set"},
		{Config{ARMEndpoint: "https://x", Password: "p", InsecureSkipVerify: true, CACertificatePEM: []byte("x")}, "exclude each other"},
		{Config{ARMEndpoint: "https://x", Password: "p", DeviceID: "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/v"}, "not the ID of a Microsoft.DataBoxEdge/dataBoxEdgeDevices"},
		{Config{ARMEndpoint: "https://x", Password: "p", CACertificatePEM: []byte("not pem")}, "no PEM certificate"},
	} {
		if _, err := New(context.Background(), tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%+v) = %v, want %q", tc.cfg, err, tc.want)
		}
	}
}

// Transient answers (429, 503, dropped connections) are retried by azcore's
// retry policy, honouring Retry-After; every attempt of a request carries
// one correlation ID and the provider's User-Agent.
func TestTransientFaultsRecover(t *testing.T) {
	t.Parallel()
	for _, kind := range []string{mockdevice.Fault429, mockdevice.Fault503, mockdevice.Fault500, mockdevice.FaultDrop} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			s := startMock(t, mockdevice.Options{})
			cfg := testConfig(s)
			cfg.UserAgent = "terraform-provider-azurestackedge/9.9.9"
			c := newClient(t, cfg)
			if err := s.AddFault(mockdevice.Fault{Kind: kind, Count: 2, RetryAfter: time.Second, Path: "*/virtualMachines"}); err != nil {
				t.Fatal(err)
			}
			s.ResetRequests()
			if _, err := c.ListVMs(context.Background()); err != nil {
				t.Fatalf("after two %s: %v", kind, err)
			}
			reqs := s.Requests()
			if len(reqs) != 3 {
				t.Fatalf("%d attempts, want 3: %+v", len(reqs), reqs)
			}
			for _, r := range reqs {
				if r.CorrelationID == "" || r.CorrelationID != reqs[0].CorrelationID || r.UserAgent != cfg.UserAgent {
					t.Errorf("attempt %+v: correlation or User-Agent differ", r)
				}
			}
			if kind == mockdevice.Fault429 || kind == mockdevice.Fault503 {
				// Retry-After: 1 was honoured (azcore waits at least that long).
				if gap := reqs[1].Time.Sub(reqs[0].Time); gap < 900*time.Millisecond {
					t.Errorf("retried after %s despite Retry-After: 1", gap)
				}
			}
		})
	}
}

func TestPermanentFailuresAreTyped(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{GPUs: 1})
	c := newClient(t, testConfig(s))
	ctx := context.Background()
	sub := c.SubscriptionID()
	missing := VMID(sub, "ASEImages", "nope")
	_, err := c.GetVM(ctx, missing)
	var de *Error
	if !errors.Is(err, ErrNotFound) || !errors.As(err, &de) || de.Code != "ResourceNotFound" || de.StatusCode != 404 ||
		!strings.Contains(err.Error(), "reading virtual machine "+missing) {
		t.Fatalf("missing VM: %v", err)
	}
	// 400: a NIC on a subnet that does not exist.
	_, err = c.BeginPutNIC(ctx, NICID(sub, "ASEImages", "n"), nicOn("/subscriptions/"+sub+"/resourceGroups/ASERG/providers/Microsoft.Network/virtualNetworks/ASEVNET/subnets/none", ""))
	if !errors.As(err, &de) || de.StatusCode != 400 || de.Code != "InvalidResourceReference" || !errors.Is(err, ErrOperationFailed) {
		t.Fatalf("bad NIC: %#v", err)
	}
	// A fault that never stops ends in the last answer, typed.
	_ = s.AddFault(mockdevice.Fault{Kind: mockdevice.Fault500, Path: "*/images/*"})
	_, err = c.GetImage(ctx, "/subscriptions/"+sub+"/resourceGroups/ASEImages/providers/Microsoft.Compute/images/rhel-7-4")
	if !errors.As(err, &de) || de.StatusCode != 500 || de.Code != "InternalServerError" {
		t.Fatalf("persistent 500: %v", err)
	}
	s.ClearFaults()
	// Insufficient GPUs: the operation fails, the VM stays Failed.
	nic := createNIC(t, c, "ASEImages", "big-nic")
	op, err := c.BeginPutVM(ctx, VMID(sub, "ASEImages", "big"), vmSpec("Standard_NC32as_2T4_v1", imageID(sub, "rhel_7_4"), nic))
	if err != nil {
		t.Fatal(err)
	}
	if op.Initial.ID == "" || op.Initial.Properties.ProvisioningState != "Creating" {
		t.Errorf("initial answer: %+v", op.Initial)
	}
	_, err = op.Wait(ctx)
	if !errors.Is(err, ErrInsufficientGPUs) || !strings.Contains(err.Error(), "Insufficient number of GPUs to create GPU VM") {
		t.Fatalf("2 GPUs on a 1-GPU device: %v", err)
	}
	vm, err := c.GetVM(ctx, VMID(sub, "ASEImages", "big"))
	if err != nil || vm.Properties.ProvisioningState != "Failed" || !strings.Contains(vm.ProvisioningFailure(), "Insufficient") {
		t.Fatalf("failed VM: %+v %v", vm.Properties, err)
	}
}

func TestClassify(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status        int
		code, message string
		want          error
	}{
		{404, "ResourceNotFound", "", ErrNotFound},
		{409, "OperationNotAllowed", "", ErrConflict},
		{200, "AllocationFailed", "Insufficient number of GPUs to create GPU VM", ErrInsufficientGPUs},
		{400, "NoRegisteredProviderFound", "", ErrUnsupportedAPIVersion},
		{400, "InvalidApiVersionParameter", "", ErrUnsupportedAPIVersion},
		{401, "ExpiredAuthenticationToken", "", ErrAuthentication},
		{403, "AuthorizationFailed", "", ErrAuthentication},
		{200, "VMExtensionProvisioningError", "", ErrOperationFailed},
		{502, "", "", nil},
	} {
		if got := classify(tc.status, tc.code, tc.message); !errors.Is(got, tc.want) {
			t.Errorf("classify(%d, %s) = %v, want %v", tc.status, tc.code, got, tc.want)
		}
	}
}

// A device restart ends every session before tokens expire: the client
// signs in again and the request goes through.
func TestSessionRenewal(t *testing.T) {
	t.Parallel()
	for _, user := range []string{"", "EdgeArmUser"} {
		t.Run("user="+user, func(t *testing.T) {
			s := startMock(t, mockdevice.Options{TokenLifetime: time.Second})
			cfg := testConfig(s)
			cfg.Username = user
			c := newClient(t, cfg)
			ctx := context.Background()
			if _, err := c.ListVMs(ctx); err != nil {
				t.Fatal(err)
			}
			s.RevokeTokens()
			if _, err := c.ListVMs(ctx); err != nil {
				t.Fatalf("after the device's restart: %v", err)
			}
			time.Sleep(1100 * time.Millisecond) // past the token's lifetime
			if _, err := c.ListVMs(ctx); err != nil {
				t.Fatalf("after the token expired: %v", err)
			}
		})
	}
}

// Operations are polled at the pace the device's Retry-After asks, not at
// a fixed interval: a device operation takes about one poll.
func TestOperationsFollowRetryAfter(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{OpDelay: 1200 * time.Millisecond, WholeSecondRetryAfter: true})
	cfg := testConfig(s)
	cfg.PollFrequency = 30 * time.Second // what azcore would use without Retry-After
	c := newClient(t, cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sub := c.SubscriptionID()
	nic := createNIC(t, c, "ASEImages", "pace-nic")
	s.ResetRequests()
	op, err := c.BeginPutVM(ctx, VMID(sub, "ASEImages", "pace"), vmSpec("Standard_NC4as_T4_v3", imageID(sub, "ubuntu_18_04"), nic))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := op.Wait(ctx); err != nil {
		t.Fatalf("waiting with a 30s frequency: %v (the poller ignored Retry-After)", err)
	}
	polls := 0
	for _, r := range s.Requests() {
		if strings.Contains(r.Path, "/operations/") {
			polls++
		}
	}
	if polls < 1 || polls > 2 {
		t.Errorf("%d status polls for a 1.2s operation with Retry-After: 2, want 1 or 2", polls)
	}
}

func TestAzureSide(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{GPUs: 2})
	creds := s.Credentials()
	cfg := testConfig(s)
	cfg.DeviceID, cfg.AzureEndpoint = creds.DeviceID, s.URL()
	cfg.AzureCredential = mockAzureCredential(t, s)
	c := newClient(t, cfg)
	ctx := context.Background()
	dev, err := c.GetAzureDevice(ctx)
	if err != nil || dev.Name != "mockase" {
		t.Fatalf("device: %+v %v", dev, err)
	}
	capacity, err := c.GetCapacity(ctx)
	if err != nil || capacity.Properties.ClusterComputeCapacityInfo.GPUCapacity != (GPUCapacity{GPUType: "NvidiaTeslaT4", FreeUnits: 2, TotalUnits: 2}) {
		t.Fatalf("capacity: %+v %v", capacity, err)
	}
	roles, err := c.ListRoles(ctx)
	if err != nil || len(roles) != 0 {
		t.Fatalf("roles: %+v %v", roles, err)
	}
	plain := newClient(t, testConfig(s))
	if _, err := plain.GetCapacity(ctx); !errors.Is(err, ErrNoAzureSide) {
		t.Fatalf("without device_id: %v", err)
	}
}

// Without a credential given, the Azure side signs in with
// DefaultAzureCredential from the usual AZURE_* environment. Not parallel:
// it sets the environment.
func TestAzureSideFromEnvironment(t *testing.T) {
	s := startMock(t, mockdevice.Options{GPUs: 1})
	creds := s.Credentials()
	for k, v := range map[string]string{"AZURE_TENANT_ID": creds.AzureTenantID, "AZURE_CLIENT_ID": creds.AzureClientID,
		"AZURE_CLIENT_SECRET": creds.AzureClientSecret, "AZURE_AUTHORITY_HOST": s.URL() + "/"} {
		t.Setenv(k, v)
	}
	cfg := testConfig(s)
	cfg.DeviceID, cfg.AzureEndpoint = creds.DeviceID, s.URL()
	capacity, err := newClient(t, cfg).GetCapacity(context.Background())
	if err != nil || capacity.Properties.ClusterComputeCapacityInfo.GPUCapacity.TotalUnits != 1 {
		t.Fatalf("%+v %v", capacity, err)
	}
}

// Helpers.

func mockAzureCredential(t *testing.T, s *mockdevice.Server) azcore.TokenCredential {
	hc, err := newHTTPClient(s.CAPEM(), false, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	c := s.Credentials()
	cred, err := azidentity.NewClientSecretCredential(c.AzureTenantID, c.AzureClientID, c.AzureClientSecret,
		&azidentity.ClientSecretCredentialOptions{ClientOptions: azcore.ClientOptions{Transport: hc,
			Cloud: cloud.Configuration{ActiveDirectoryAuthorityHost: s.URL() + "/"}}, DisableInstanceDiscovery: true})
	if err != nil {
		t.Fatal(err)
	}
	return cred
}

func imageID(sub, osKey string) string {
	return "/subscriptions/" + sub + "/resourceGroups/" + mockdevice.ImageResourceGroup + "/providers/Microsoft.Compute/images/" + mockdevice.ImageName(osKey)
}

func nicOn(subnetID, ip string) NetworkInterface {
	var ipc IPConfiguration
	ipc.Name = "ipconfig1"
	ipc.Properties.Subnet = &SubResource{ID: subnetID}
	ipc.Properties.PrivateIPAllocationMethod = "Dynamic"
	if ip != "" {
		ipc.Properties.PrivateIPAllocationMethod, ipc.Properties.PrivateIPAddress = "Static", ip
	}
	return NetworkInterface{Location: "dbelocal", Properties: NICProperties{IPConfigurations: []IPConfiguration{ipc}}}
}

var nicMu sync.Mutex

func createNIC(t *testing.T, c *Client, group, name string) string {
	t.Helper()
	nicMu.Lock()
	defer nicMu.Unlock()
	id := NICID(c.SubscriptionID(), group, name)
	subnet := "/subscriptions/" + c.SubscriptionID() + "/resourceGroups/ASERG/providers/Microsoft.Network/virtualNetworks/ASEVNET/subnets/ASEVNETsubNet"
	op, err := c.BeginPutNIC(context.Background(), id, nicOn(subnet, ""))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := op.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	return id
}

func vmSpec(size, image, nic string) VirtualMachine {
	return VirtualMachine{Location: "dbelocal", Properties: VMProperties{
		HardwareProfile: HardwareProfile{VMSize: size},
		StorageProfile:  &StorageProfile{ImageReference: &SubResource{ID: image}},
		OSProfile:       &OSProfile{ComputerName: "vm", AdminUsername: "azureuser", AdminPassword: "Secret-Passw0rd!"},
		NetworkProfile:  &NetworkProfile{NetworkInterfaces: []SubResource{{ID: nic}}},
	}}
}

func TestShouldRetry(t *testing.T) {
	t.Parallel()
	resp := func(code int) *http.Response { return &http.Response{StatusCode: code} }
	for _, tc := range []struct {
		name string
		resp *http.Response
		err  error
		want bool
	}{
		{"429", resp(429), nil, true},
		{"503", resp(503), nil, true},
		{"500", resp(500), nil, true},
		{"400", resp(400), nil, false},
		{"409", resp(409), nil, false},
		{"connection refused", nil, &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, true},
		{"untrusted certificate", nil, &url.Error{Op: "Get", Err: &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}}, false},
		{"unknown host", nil, &url.Error{Op: "Get", Err: &net.DNSError{Name: "device.invalid", IsNotFound: true}}, false},
	} {
		if got := shouldRetry(tc.resp, tc.err); got != tc.want {
			t.Errorf("%s: shouldRetry = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// BeforeChange hears of each request that may change the device once,
// however often it is retried, and of no read.
func TestBeforeChangeHearsOfChangesOnly(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{})
	cfg := testConfig(s)
	var notices atomic.Int32
	cfg.BeforeChange = func() { notices.Add(1) }
	c := newClient(t, cfg)
	ctx := context.Background()
	if _, err := c.ListVMs(ctx); err != nil {
		t.Fatal(err)
	}
	if n := notices.Load(); n != 0 {
		t.Fatalf("reads gave %d notices of change", n)
	}
	if err := s.AddFault(mockdevice.Fault{Kind: mockdevice.Fault503, Count: 2, Method: "DELETE", Path: "*/networkInterfaces/*"}); err != nil {
		t.Fatal(err)
	}
	id := NICID(s.Credentials().SubscriptionID, "ASERG", "gone-nic")
	if _, err := Await(c.BeginDeleteNIC(ctx, id)); err != nil {
		t.Fatal(err)
	}
	deletes := 0
	for _, r := range s.Requests() {
		if r.Method == http.MethodDelete {
			deletes++
		}
	}
	if deletes != 3 {
		t.Fatalf("the DELETE was sent %d times, want 3 (two 503s, then the answer)", deletes)
	}
	if n := notices.Load(); n != 1 {
		t.Errorf("a DELETE sent three times (two 503s) gave %d notices, want 1", n)
	}
}

// memoryEndpoints is an EndpointCache in memory.
type memoryEndpoints struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (c *memoryEndpoints) LoadFixed(key string, out any) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[key]
	return ok && json.Unmarshal(b, out) == nil
}

func (c *memoryEndpoints) Store(key string, _ time.Time, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string][]byte{}
	}
	c.m[key], _ = json.Marshal(v)
}

// Clients sharing an EndpointCache read the endpoint metadata once, and
// each still signs in.
func TestEndpointMetadataSharedBetweenClients(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{})
	cfg := testConfig(s)
	cfg.Endpoints = &memoryEndpoints{}
	count := func(path string) int {
		n := 0
		for _, r := range s.Requests() {
			if strings.HasPrefix(r.Path, path) {
				n++
			}
		}
		return n
	}
	for i := range 2 {
		if _, err := newClient(t, cfg).ListVMs(context.Background()); err != nil {
			t.Fatalf("client %d: %v", i+1, err)
		}
	}
	if n := count("/metadata/endpoints"); n != 1 {
		t.Errorf("two clients read the endpoint metadata %d times, want 1", n)
	}
	if n := count("/adfs/.well-known/openid-configuration"); n != 1 {
		t.Errorf("two clients read the token service's discovery document %d times, want 1", n)
	}
	if n := count("/adfs/oauth2/token"); n != 2 {
		t.Errorf("two clients signed in %d times, want 2 (tokens are not shared)", n)
	}
	for key := range cfg.Endpoints.(*memoryEndpoints).m {
		if strings.Contains(key, "token") {
			t.Errorf("kept under %q: only the metadata and the discovery document may be", key)
		}
	}
}

// Without a configured subscription, one taken from a resource ID the
// device lacks (a mistyped image_id, say) is given up for the device's own
// at the first SubscriptionNotFound, which says both; later requests use
// the device's.
func TestSubscriptionFromAWrongIDIsGivenUp(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{})
	c, err := Open(testConfig(s)) // signs in on first use, as the provider does
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	wrong := "11111111-1111-1111-1111-111111111111"
	if sub, err := c.SubscriptionOf(ctx, "/subscriptions/"+wrong+"/resourceGroups/rg/providers/Microsoft.Compute/images/i"); err != nil || sub != wrong {
		t.Fatalf("SubscriptionOf = %q, %v", sub, err)
	}
	_, err = c.ListVMs(ctx)
	if err == nil {
		t.Fatal("listed the VMs of a subscription the device lacks")
	}
	for _, want := range []string{wrong, s.Credentials().SubscriptionID, "is not the device's", CodeSubscriptionNotFound} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if _, err := c.ListVMs(ctx); err != nil {
		t.Fatalf("the next list, with the device's subscription: %v", err)
	}
	if sub, _ := c.Subscription(ctx); sub != s.Credentials().SubscriptionID {
		t.Errorf("subscription now %q, want the device's %q", sub, s.Credentials().SubscriptionID)
	}
}

// Every request to the device is logged, the sign-in's included (its
// discovery document and token), with method, path and status, and never
// the password, the form or the token.
func TestSignInRequestsAreLogged(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{})
	cfg := testConfig(s)
	var mu sync.Mutex
	var lines []map[string]any
	cfg.Log = func(_ context.Context, msg string, fields map[string]any) {
		mu.Lock()
		defer mu.Unlock()
		if msg == "device HTTP request" {
			lines = append(lines, fields)
		}
	}
	c := newClient(t, cfg)
	if _, err := c.ListVMs(context.Background()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	logged := map[string]bool{}
	for _, f := range lines {
		logged[fmt.Sprint(f["path"])] = true
		for k, v := range f {
			if strings.Contains(fmt.Sprint(v), s.Credentials().Password) {
				t.Errorf("field %s of a log line holds the password", k)
			}
		}
	}
	for _, want := range []string{"/metadata/endpoints", "/adfs/.well-known/openid-configuration", "/adfs/oauth2/token/"} {
		if !logged[want] {
			t.Errorf("no log line for %s; logged %v", want, logged)
		}
	}
	if n, reqs := len(lines), len(s.Requests()); n != reqs {
		t.Errorf("%d log lines for %d device requests", n, reqs)
	}
}
