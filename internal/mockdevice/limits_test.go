package mockdevice

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// rawPut sends body as is, with or without a Content-Length.
func (c *armClient) rawPut(path string, body io.Reader, length int64) response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPut, c.s.URL()+path+"?api-version="+defaultVersionFor(path), body)
	req.ContentLength = length
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("PUT %s: %v", path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := response{Status: resp.StatusCode, Header: resp.Header, Raw: string(raw)}
	_ = jsonDecode(bytes.NewReader(raw), &out.Body)
	return out
}

// A body over ARM's 4 MiB is refused with 413, whether it says its length
// or not, while other requests are served meanwhile and after.
func TestRequestBodyLimit(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("big")
	path := s.rgPath("big")
	huge := `{"location":"dbelocal","tags":{"k":"` + strings.Repeat("x", maxRequestBody) + `"}}`
	var wg sync.WaitGroup
	for _, length := range []int64{int64(len(huge)), -1} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := c.rawPut(path, strings.NewReader(huge), length)
			if r.Status != http.StatusRequestEntityTooLarge || r.errorCode() != "RequestEntityTooLarge" {
				t.Errorf("body of %d bytes (length %d): %d %s", len(huge), length, r.Status, r.Raw)
			}
		}()
	}
	for i := 0; i < 5; i++ {
		c.do(http.MethodGet, path, nil).must(t, http.StatusOK)
	}
	wg.Wait()
	just := `{"location":"dbelocal"}` + strings.Repeat(" ", maxRequestBody-len(`{"location":"dbelocal"}`))
	c.rawPut(path, strings.NewReader(just), -1).must(t, http.StatusOK)
	c.do(http.MethodGet, path, nil).must(t, http.StatusOK)
}

// Bodies that are not one JSON object are 400, and change nothing.
func TestRequestBodyForm(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("form")
	nic := c.createNIC("form", "nic")
	vm := s.rgPath("form") + "/providers/Microsoft.Compute/virtualMachines/vm"
	good := `{"location":"dbelocal","properties":{"hardwareProfile":{"vmSize":"Standard_NC4as_T4_v3"},` +
		`"storageProfile":{"imageReference":{"id":"` + s.imageIDFor("ubuntu_18_04") + `"}},` +
		`"osProfile":{"computerName":"vm","adminUsername":"azureuser","adminPassword":"Secret-Passw0rd!"},` +
		`"networkProfile":{"networkInterfaces":[{"id":"` + nic + `"}]}}}`
	for _, tc := range []struct{ name, body string }{
		{"null", "null"},
		{"empty", ""},
		{"array", "[]"},
		{"string", `"vm"`},
		{"trailing garbage", good + "garbage"},
		{"two objects", good + good},
		{"truncated", good[:len(good)-3]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.rawPut(vm, strings.NewReader(tc.body), int64(len(tc.body)))
			if r.Status != http.StatusBadRequest || r.errorCode() != "InvalidRequestContent" {
				t.Fatalf("%d %s", r.Status, r.Raw)
			}
			c.do(http.MethodGet, vm, nil).must(t, http.StatusNotFound)
		})
	}
	c.wait(c.rawPut(vm, strings.NewReader(good+"\n"), -1).must(t, http.StatusCreated))
}

// Names follow ARM's rules per type ("Naming rules and restrictions for
// Azure resources").
func TestResourceNames(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("names")
	nic := c.createNIC("names", "nic")
	at := func(typ, name string) string { return s.rgPath("names") + "/providers/" + typ + "/" + name }
	vmBody := func() map[string]any { return vmBodyFor("Standard_D1_v2", s.imageIDFor("ubuntu_18_04"), nic, "") }
	for _, tc := range []struct {
		name, path string
		body       map[string]any
		ok         bool
	}{
		{"vm dots", at("Microsoft.Compute/virtualMachines", ".."), vmBody(), false},
		{"vm space", at("Microsoft.Compute/virtualMachines", "a%20b"), vmBody(), false},
		{"vm ends with period", at("Microsoft.Compute/virtualMachines", "vm."), vmBody(), false},
		{"vm ends with hyphen", at("Microsoft.Compute/virtualMachines", "vm-"), vmBody(), false},
		{"vm starts with underscore", at("Microsoft.Compute/virtualMachines", "_vm"), vmBody(), false},
		{"vm with star", at("Microsoft.Compute/virtualMachines", "v*m"), vmBody(), false},
		{"vm of 65", at("Microsoft.Compute/virtualMachines", strings.Repeat("v", 65)), vmBody(), false},
		{"vm of 300", at("Microsoft.Compute/virtualMachines", strings.Repeat("v", 300)), vmBody(), false},
		{"disk ends with hyphen", at("Microsoft.Compute/disks", "d-"), emptyDiskBody(1), false},
		{"disk of 81", at("Microsoft.Compute/disks", strings.Repeat("d", 81)), emptyDiskBody(1), false},
		{"disk of 80", at("Microsoft.Compute/disks", strings.Repeat("d", 80)), emptyDiskBody(1), true},
		{"disk with underscore end", at("Microsoft.Compute/disks", "data_"), emptyDiskBody(1), true},
		{"nic starts with period", at("Microsoft.Network/networkInterfaces", ".nic"), nicBodyFor(s.subnetID(), ""), false},
		{"nic with dots", at("Microsoft.Network/networkInterfaces", "nic.a-b_c"), nicBodyFor(s.subnetID(), ""), true},
		{"group ends with period", s.rgPath("rg."), map[string]any{"location": "dbelocal"}, false},
		{"group of 91", s.rgPath(strings.Repeat("g", 91)), map[string]any{"location": "dbelocal"}, false},
		{"group with parentheses", s.rgPath("rg(1)"), map[string]any{"location": "dbelocal"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.do(http.MethodPut, tc.path, tc.body)
			if tc.ok {
				if r.Status >= 300 {
					t.Fatalf("%d %s", r.Status, r.Raw)
				}
				return
			}
			if r.Status != http.StatusBadRequest || r.errorCode() != "InvalidResourceName" {
				t.Fatalf("%d %s", r.Status, r.Raw)
			}
		})
	}
	if n := len(c.do(http.MethodGet, "/subscriptions/"+s.Credentials().SubscriptionID+"/providers/Microsoft.Compute/virtualMachines", nil).Body["value"].([]any)); n != 0 {
		t.Fatalf("%d VMs with refused names", n)
	}
}

// At most 50 tags, names of at most 512 characters without <>%&\?/, values
// of at most 256.
func TestTagLimits(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	tags := func(n int) map[string]any {
		m := map[string]any{}
		for i := 0; i < n; i++ {
			m[fmt.Sprintf("t%d", i)] = "v"
		}
		return m
	}
	for i, tc := range []struct {
		name string
		tags map[string]any
		code string
	}{
		{"50 tags", tags(50), ""},
		{"51 tags", tags(51), "InvalidTagCount"},
		{"long name", map[string]any{strings.Repeat("n", 513): "v"}, "InvalidTagNameLength"},
		{"name of 512", map[string]any{strings.Repeat("n", 512): "v"}, ""},
		{"name with <", map[string]any{"a<b": "v"}, "InvalidTagNameCharacters"},
		{"name with /", map[string]any{"a/b": "v"}, "InvalidTagNameCharacters"},
		{"long value", map[string]any{"k": strings.Repeat("v", 257)}, "InvalidTagValueLength"},
		{"value not a string", map[string]any{"k": 1}, "InvalidTag"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := s.rgPath(fmt.Sprintf("tags-%d", i))
			r := c.do(http.MethodPut, path, map[string]any{"location": "dbelocal", "tags": tc.tags})
			if tc.code == "" {
				r.must(t, http.StatusCreated)
				return
			}
			if r.Status != http.StatusBadRequest || r.errorCode() != tc.code {
				t.Fatalf("%d %s, want 400 %s", r.Status, r.Raw, tc.code)
			}
			c.do(http.MethodGet, path, nil).must(t, http.StatusNotFound)
		})
	}
}

// A path with an empty segment is 400, not read as a shorter path.
func TestEmptyPathSegments(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	sub := "/subscriptions/" + s.Credentials().SubscriptionID
	for _, p := range []string{
		sub + "/resourceGroups//",
		sub + "/resourceGroups//providers/Microsoft.Compute/virtualMachines",
		sub + "//resourceGroups",
		sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines//instanceView",
	} {
		if r := c.do(http.MethodGet, p+"?api-version=2018-05-01", nil); r.Status != http.StatusBadRequest || r.errorCode() != "InvalidRequestUri" {
			t.Errorf("GET %s: %d %s", p, r.Status, r.Raw)
		}
	}
	c.do(http.MethodGet, sub+"/resourceGroups/?api-version=2018-05-01", nil).must(t, http.StatusOK)
}
