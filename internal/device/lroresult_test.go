package device

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// runningVM creates a VM of size on the mock and waits for it.
func runningVM(t *testing.T, c *Client, name, size string) string {
	t.Helper()
	ctx := context.Background()
	sub := c.SubscriptionID()
	nic := createNIC(t, c, "ASEImages", name+"-nic")
	id := VMID(sub, "ASEImages", name)
	if _, err := Await(c.BeginPutVM(ctx, id, vmSpec(size, imageID(sub, "rhel_7_4"), nic))); err != nil {
		t.Fatal(err)
	}
	return id
}

func linuxDriver() Extension {
	versions := catalog.DriverHandlerVersions(catalog.Linux, catalog.Newest())
	return Extension{Location: "dbelocal", Properties: ExtensionProperties{
		Publisher: catalog.DriverPublisher, Type: catalog.DriverTypeLinux,
		TypeHandlerVersion: versions[len(versions)-1], AutoUpgradeMinorVersion: true,
	}}
}

// extensionRequests are the requests for ext, and its operation's polls.
func extensionRequests(s *mockdevice.Server, ext string) []string {
	var out []string
	for _, r := range s.Requests() {
		if strings.EqualFold(r.Path, ext) || strings.Contains(r.Path, "/operations/") {
			out = append(out, r.Method+" "+r.Path+" "+r.Query)
		}
	}
	return out
}

// A successful install costs the PUT, the operation's polls and one read,
// with the instance view, which Wait yields: nothing is left to read.
func TestPutExtensionEndsWithInstanceViewRead(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{})
	c := newClient(t, testConfig(s))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	id := ExtensionID(runningVM(t, c, "iv", "Standard_NC4as_T4_v3"), "gpu-driver")
	s.ResetRequests()
	got, err := Await(c.BeginPutExtension(ctx, id, linuxDriver()))
	if err != nil {
		t.Fatal(err)
	}
	reqs := extensionRequests(s, id)
	if len(reqs) < 3 || !strings.HasPrefix(reqs[0], "PUT "+id+" ") {
		t.Fatalf("requests: want PUT, polls, one read; got\n%s", strings.Join(reqs, "\n"))
	}
	for _, r := range reqs[1 : len(reqs)-1] {
		if !strings.HasPrefix(r, "GET ") || !strings.Contains(r, "/operations/") {
			t.Errorf("between the PUT and the read, only the operation's polls; got %q in\n%s", r, strings.Join(reqs, "\n"))
		}
	}
	if last := reqs[len(reqs)-1]; !strings.HasPrefix(last, "GET "+id+" ") || !strings.Contains(last, "$expand=instanceView") {
		t.Errorf("the last request is %q, want the extension's read with its instance view", last)
	}
	if got.ID == "" || got.Properties.ProvisioningState != "Succeeded" || got.Properties.InstanceView == nil || got.StatusMessage() == "" {
		t.Fatalf("Wait's extension lacks what the read with the instance view gives: %+v", got)
	}
	read, err := c.GetExtension(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if read.ID != got.ID || read.Properties.ProvisioningState != got.Properties.ProvisioningState || read.StatusMessage() != got.StatusMessage() {
		t.Errorf("Wait yields %+v; GetExtension reads %+v", got, read)
	}
}

// A failed install is still the operation's failure, as azcore reports
// it, with no read of the extension after the polls.
func TestPutExtensionFailureIsTheOperations(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{})
	c := newClient(t, testConfig(s))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	// The driver on a VM without a GPU: the device fails the install, as
	// the GPU extension's troubleshooting page says.
	id := ExtensionID(runningVM(t, c, "nogpu", "Standard_D2_v2"), "gpu-driver")
	s.ResetRequests()
	_, err := Await(c.BeginPutExtension(ctx, id, linuxDriver()))
	var de *Error
	var re *azcore.ResponseError
	if !errors.As(err, &de) || !errors.Is(err, ErrOperationFailed) || de.Code != "VMExtensionProvisioningError" ||
		!strings.Contains(de.Message, "No NVIDIA GPU") || !strings.Contains(de.Action, "installing extension") || !errors.As(err, &re) {
		t.Fatalf("failed install: %#v", err)
	}
	for _, r := range extensionRequests(s, id) {
		if strings.HasPrefix(r, "GET "+id+" ") {
			t.Errorf("a failed operation read the extension: %q", r)
		}
	}
}

// readResultAt leaves the answer it is given as it was.
func TestReadResultAtCopies(t *testing.T) {
	t.Parallel()
	req, _ := http.NewRequest(http.MethodPut, "https://device/x?api-version=1", nil)
	resp := &http.Response{StatusCode: http.StatusCreated, Request: req}
	same, err := readResultAt(resp, "")
	if err != nil || same != resp {
		t.Fatalf("readResultAt(\"\") = %v, %v; want the answer itself", same, err)
	}
	polled, err := readResultAt(resp, "https://device/x?$expand=instanceView&api-version=1")
	if err != nil {
		t.Fatal(err)
	}
	if polled.Request.URL.RawQuery != "$expand=instanceView&api-version=1" || polled.Request.Method != http.MethodPut || polled.StatusCode != http.StatusCreated {
		t.Errorf("the poller's answer: %s %s %d", polled.Request.Method, polled.Request.URL, polled.StatusCode)
	}
	if req.URL.RawQuery != "api-version=1" || resp.Request != req {
		t.Errorf("the answer changed: %s", resp.Request.URL)
	}
}

// A VM whose PUT's answer was lost is waited for by reading it until its
// provisioning ends: Succeeded gives the VM, Failed an error.
func TestAwaitVMProvisioned(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{OpDelay: 300 * time.Millisecond})
	c := newClient(t, testConfig(s))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sub := c.SubscriptionID()
	for _, tc := range []struct {
		name string
		fail bool
	}{{"lost", false}, {"lostfailed", true}} {
		nic := createNIC(t, c, "ASEImages", tc.name+"-nic")
		id := VMID(sub, "ASEImages", tc.name)
		if tc.fail {
			s.FailNextOperation(id, mockdevice.FailNext{Code: "InternalExecutionError", Message: "the VM failed"})
		}
		// The PUT is accepted; its operation is not followed, as when
		// its answer was lost.
		if _, err := c.BeginPutVM(ctx, id, vmSpec("Standard_NC4as_T4_v3", imageID(sub, "rhel_7_4"), nic)); err != nil {
			t.Fatal(err)
		}
		s.ResetRequests()
		vm, err := c.AwaitVMProvisioned(ctx, id)
		for _, r := range s.Requests() {
			if r.Method != http.MethodGet || !strings.EqualFold(r.Path, id) {
				t.Errorf("%s: waiting sent %s %s; want only reads of the VM", tc.name, r.Method, r.Path)
			}
		}
		if n := len(s.Requests()); n < 2 {
			t.Errorf("%s: %d reads; want the first, then polls until the end", tc.name, n)
		}
		switch {
		case tc.fail && err == nil:
			t.Errorf("%s: a VM that failed to provision was waited for without error: %+v", tc.name, vm.Properties)
		case !tc.fail && (err != nil || vm.Properties.ProvisioningState != "Succeeded" || vm.ID == ""):
			t.Errorf("%s: %v, %+v", tc.name, err, vm.Properties)
		}
	}
}
