package mockdevice

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
)

// Custom data is checked, kept, never returned, and cannot change, as in ARM.
func TestVMCustomData(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("rg")
	nic := c.createNIC("rg", "n")
	vmPath := s.rgPath("rg") + "/providers/Microsoft.Compute/virtualMachines/v"
	cloudInit := base64.StdEncoding.EncodeToString([]byte("#cloud-config\nruncmd: [echo secret-cloud-init]\n"))

	for name, bad := range map[string]string{
		"not base64": "#cloud-config",
		"too long":   base64.StdEncoding.EncodeToString(make([]byte, 65536)),
	} {
		b := vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("ubuntu_18_04"), nic, "")
		osProfile(b)["customData"] = bad
		if r := c.do(http.MethodPut, vmPath, b); r.Status != http.StatusBadRequest || !strings.Contains(r.errorMessage(), "Base64 encoding") {
			t.Fatalf("%s: %d %s", name, r.Status, r.Raw)
		}
	}

	b := vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("ubuntu_18_04"), nic, "")
	osProfile(b)["customData"] = cloudInit
	c.wait(c.do(http.MethodPut, vmPath, b).must(t, http.StatusCreated))
	vmID := s.rgPath("rg") + "/providers/Microsoft.Compute/virtualMachines/v"
	if got, ok := s.CustomData(vmID); !ok || got != cloudInit {
		t.Fatalf("kept custom data = %q, %v", got, ok)
	}
	if r := c.do(http.MethodGet, vmPath, nil); strings.Contains(r.Raw, "customData") || strings.Contains(r.Raw, cloudInit) {
		t.Fatalf("GET returns custom data: %s", r.Raw)
	}
	// A PUT without it (a client sending back what GET gave) keeps it.
	c.wait(c.do(http.MethodPut, vmPath, map[string]any{"location": "dbelocal", "tags": map[string]string{"a": "b"},
		"properties": map[string]any{"hardwareProfile": map[string]any{"vmSize": "Standard_NC4as_T4_v3"}}}).must(t, http.StatusOK))
	if got, _ := s.CustomData(vmID); got != cloudInit {
		t.Fatalf("custom data after an update without it = %q", got)
	}
	other := base64.StdEncoding.EncodeToString([]byte("#cloud-config\n"))
	if r := c.do(http.MethodPut, vmPath, map[string]any{"location": "dbelocal",
		"properties": map[string]any{"osProfile": map[string]any{"customData": other}}}); r.errorCode() != "PropertyChangeNotAllowed" {
		t.Fatalf("changing custom data: %s", r.Raw)
	}
}
