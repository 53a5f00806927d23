package mockdevice

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// testOpDelay keeps device operations short in tests.
const testOpDelay = 40 * time.Millisecond

// startDevice starts a device for one test, closed when it ends.
func startDevice(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.OpDelay == 0 {
		opts.OpDelay = testOpDelay
	}
	s, err := Start(opts)
	if err != nil {
		t.Fatalf("starting mock device: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// httpClient trusts the device's CA only.
func (s *Server) httpClient() *http.Client {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(s.CAPEM())
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}, Timeout: 30 * time.Second}
}

// azOptions points azidentity at the device: ADFS authority on the device's
// origin, no instance discovery, the device's CA.
func (s *Server) azOptions() azcore.ClientOptions {
	return azcore.ClientOptions{
		Cloud:     cloud.Configuration{ActiveDirectoryAuthorityHost: s.URL() + "/"},
		Transport: s.httpClient(),
	}
}

// deviceCredential is the scripted client with the ARM password [CLI].
func (s *Server) deviceCredential(t *testing.T) azcore.TokenCredential {
	t.Helper()
	cred, err := azidentity.NewClientSecretCredential("adfs", ScriptClientID, s.Credentials().Password,
		&azidentity.ClientSecretCredentialOptions{ClientOptions: s.azOptions(), DisableInstanceDiscovery: true})
	if err != nil {
		t.Fatal(err)
	}
	return cred
}

// azureCredential signs in to the mock's Azure AD tenant.
func (s *Server) azureCredential(t *testing.T) azcore.TokenCredential {
	t.Helper()
	c := s.Credentials()
	cred, err := azidentity.NewClientSecretCredential(c.AzureTenantID, c.AzureClientID, c.AzureClientSecret,
		&azidentity.ClientSecretCredentialOptions{ClientOptions: s.azOptions(), DisableInstanceDiscovery: true})
	if err != nil {
		t.Fatal(err)
	}
	return cred
}

func token(t *testing.T, cred azcore.TokenCredential, audience string) string {
	t.Helper()
	tk, err := cred.GetToken(context.Background(), policy.TokenRequestOptions{Scopes: []string{strings.TrimSuffix(audience, "/") + "/.default"}})
	if err != nil {
		t.Fatalf("getting a token for %s: %v", audience, err)
	}
	return tk.Token
}

// armClient makes raw ARM requests with a bearer token.
type armClient struct {
	t     *testing.T
	s     *Server
	http  *http.Client
	token string
}

func (s *Server) deviceClient(t *testing.T) *armClient {
	return &armClient{t: t, s: s, http: s.httpClient(), token: token(t, s.deviceCredential(t), s.deviceAudience())}
}

func (s *Server) azureClient(t *testing.T) *armClient {
	return &armClient{t: t, s: s, http: s.httpClient(), token: token(t, s.azureCredential(t), s.URL())}
}

type response struct {
	Status int
	Header http.Header
	Body   map[string]any
	Raw    string
}

// errorCode is the ARM error code of the response, or "".
func (r response) errorCode() string {
	if e, ok := r.Body["error"].(map[string]any); ok {
		s, _ := e["code"].(string)
		return s
	}
	return ""
}

func (r response) errorMessage() string {
	if e, ok := r.Body["error"].(map[string]any); ok {
		s, _ := e["message"].(string)
		return s
	}
	return ""
}

// do sends a request; path may carry a query, else api-version is chosen
// from the path's provider.
func (c *armClient) do(method, path string, body any) response {
	c.t.Helper()
	url := path
	if !strings.HasPrefix(path, "https://") {
		url = c.s.URL() + path
	}
	if !strings.Contains(url, "api-version=") {
		sep := "?"
		if strings.Contains(url, "?") {
			sep = "&"
		}
		url += sep + "api-version=" + defaultVersionFor(path)
	}
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := response{Status: resp.StatusCode, Header: resp.Header, Raw: string(raw)}
	_ = json.Unmarshal(raw, &out.Body)
	return out
}

func defaultVersionFor(path string) string {
	p := strings.ToLower(path)
	switch {
	case strings.Contains(p, "microsoft.compute/disks"):
		return "2019-07-01"
	case strings.Contains(p, "microsoft.compute"):
		return "2017-12-01"
	case strings.Contains(p, "microsoft.network"):
		return "2017-10-01"
	case strings.Contains(p, "microsoft.databoxedge"):
		return "2022-03-01"
	case strings.HasPrefix(p, "/metadata"):
		return "2015-01-01"
	default:
		return "2016-06-01"
	}
}

// must fails the test unless the response has the wanted status.
func (r response) must(t *testing.T, want int) response {
	t.Helper()
	if r.Status != want {
		t.Fatalf("status %d, want %d: %s", r.Status, want, r.Raw)
	}
	return r
}

// wait polls the response's Azure-AsyncOperation until the operation ends,
// following Retry-After, and returns the final status body.
func (c *armClient) wait(r response) map[string]any {
	c.t.Helper()
	url := r.Header.Get("Azure-AsyncOperation")
	if url == "" {
		c.t.Fatalf("no Azure-AsyncOperation header: %v", r.Header)
	}
	for i := 0; i < 200; i++ {
		st := c.do(http.MethodGet, url, nil).must(c.t, http.StatusOK)
		if st.Body["status"] != opInProgress {
			return st.Body
		}
		time.Sleep(10 * time.Millisecond)
	}
	c.t.Fatalf("operation %s did not end", url)
	return nil
}

// str digs a string out of nested JSON: str(body, "properties", "provisioningState").
func str(v any, path ...string) string {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = m[p]
	}
	s, _ := v.(string)
	return s
}

// Fixtures of the seeded device.
func (s *Server) subnetID() string {
	return "/subscriptions/" + s.Credentials().SubscriptionID + "/resourceGroups/" + computeResourceGroup +
		"/providers/Microsoft.Network/virtualNetworks/" + computeVNet + "/subnets/" + computeSubnet
}

func (s *Server) imageIDFor(osKey string) string {
	return "/subscriptions/" + s.Credentials().SubscriptionID + "/resourceGroups/" + ImageResourceGroup +
		"/providers/Microsoft.Compute/images/" + ImageName(osKey)
}

func (s *Server) rgPath(rg string) string {
	return "/subscriptions/" + s.Credentials().SubscriptionID + "/resourceGroups/" + rg
}

func nicBodyFor(subnetID, staticIP string) map[string]any {
	ipc := map[string]any{"subnet": map[string]any{"id": subnetID}, "privateIPAllocationMethod": "Dynamic"}
	if staticIP != "" {
		ipc["privateIPAllocationMethod"] = "Static"
		ipc["privateIPAddress"] = staticIP
	}
	return map[string]any{"location": "dbelocal", "properties": map[string]any{
		"ipConfigurations": []any{map[string]any{"name": "ipconfig1", "properties": ipc}},
	}}
}

func vmBodyFor(size, imageID, nicID, osType string) map[string]any {
	osProfile := map[string]any{"computerName": "vm", "adminUsername": "azureuser", "adminPassword": "Secret-Passw0rd!"}
	return map[string]any{"location": "dbelocal", "properties": map[string]any{
		"hardwareProfile": map[string]any{"vmSize": size},
		"storageProfile":  map[string]any{"imageReference": map[string]any{"id": imageID}},
		"osProfile":       osProfile,
		"networkProfile":  map[string]any{"networkInterfaces": []any{map[string]any{"id": nicID}}},
	}}
}

// createRG makes a resource group for a test.
func (c *armClient) createRG(name string) string {
	c.t.Helper()
	c.do(http.MethodPut, c.s.rgPath(name), map[string]any{"location": "dbelocal"})
	return c.s.rgPath(name)
}

// createNIC makes a NIC on the compute subnet and waits for it.
func (c *armClient) createNIC(rg, name string) string {
	c.t.Helper()
	path := c.s.rgPath(rg) + "/providers/Microsoft.Network/networkInterfaces/" + name
	r := c.do(http.MethodPut, path, nicBodyFor(c.s.subnetID(), "")).must(c.t, http.StatusCreated)
	c.wait(r)
	return path
}

// createVM makes a VM with its own NIC and waits for the outcome, which it
// returns with the VM's path.
func (c *armClient) createVM(rg, name, size, osKey string) (string, map[string]any) {
	c.t.Helper()
	nic := c.createNIC(rg, name+"-nic")
	path := c.s.rgPath(rg) + "/providers/Microsoft.Compute/virtualMachines/" + name
	r := c.do(http.MethodPut, path, vmBodyFor(size, c.s.imageIDFor(osKey), nic, "")).must(c.t, http.StatusCreated)
	return path, c.wait(r)
}

func jsonDecode(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }

func osProfile(b map[string]any) map[string]any {
	return b["properties"].(map[string]any)["osProfile"].(map[string]any)
}

func setSize(b map[string]any, size string) {
	b["properties"].(map[string]any)["hardwareProfile"] = map[string]any{"vmSize": size}
}

func setImage(b map[string]any, id string) {
	b["properties"].(map[string]any)["storageProfile"] = map[string]any{"imageReference": map[string]any{"id": id}}
}

func setNIC(b map[string]any, id string) {
	b["properties"].(map[string]any)["networkProfile"] = map[string]any{"networkInterfaces": []any{map[string]any{"id": id}}}
}

func (c *armClient) createVMWithNIC(rg, name, size, osKey, nic string) map[string]any {
	c.t.Helper()
	path := c.s.rgPath(rg) + "/providers/Microsoft.Compute/virtualMachines/" + name
	return c.wait(c.do(http.MethodPut, path, vmBodyFor(size, c.s.imageIDFor(osKey), nic, "")).must(c.t, http.StatusCreated))
}

func asResponseError(err error, target **azcore.ResponseError) bool { return errors.As(err, target) }
