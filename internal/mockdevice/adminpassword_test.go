package mockdevice

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// The control endpoint says whether a VM got an admin password, and never
// says what it got.
func TestCheckAdminPassword(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("rg")
	vmPath, _ := c.createVM("rg", "vm", "Standard_NC4as_T4_v3", "rhel_7_4")
	check := func(vmID, password string) (int, string) {
		b, _ := json.Marshal(map[string]string{"vmId": vmID, "password": password})
		req, _ := http.NewRequest(http.MethodPost, s.URL()+controlPrefix+"check-admin-password", bytes.NewReader(b))
		req.SetBasicAuth("mock", s.Credentials().Password)
		resp, err := s.httpClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(out)
	}
	for _, tc := range []struct {
		vmID, password string
		status         int
		body           string
	}{
		{vmPath, "Secret-Passw0rd!", 200, `{"matches":true}`},
		{vmPath, "Other-Passw0rd!", 200, `{"matches":false}`},
		{vmPath, "", 200, `{"matches":false}`},
		{strings.ToUpper(vmPath), "Secret-Passw0rd!", 200, `{"matches":true}`},
		{vmPath + "x", "Secret-Passw0rd!", 404, "NotFound"},
	} {
		status, body := check(tc.vmID, tc.password)
		if status != tc.status || !strings.Contains(body, tc.body) {
			t.Errorf("check %q on %s: %d %s, want %d %s", tc.password, tc.vmID, status, body, tc.status, tc.body)
		}
		if strings.Contains(body, "Passw0rd") {
			t.Errorf("the answer holds a password: %s", body)
		}
	}
	if m, found := s.AdminPasswordMatches(vmPath, "Secret-Passw0rd!"); !m || !found {
		t.Errorf("AdminPasswordMatches = %v, %v", m, found)
	}
}
