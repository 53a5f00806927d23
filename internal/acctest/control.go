package acctest

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

// AdminPasswordMatches asks the device, through the mock's control
// endpoint, whether the VM vmID was created with the admin password given.
// The device answers yes or no and never returns a password, so a test can
// prove a write-only password reached the device.
func (d *Device) AdminPasswordMatches(t testing.TB, vmID, password string) bool {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"vmId": vmID, "password": password})
	req, err := http.NewRequest(http.MethodPost, d.URL()+"/_mock/check-admin-password", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth("acctest", d.Credentials().Password)
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(d.CAPEM())
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("asking the device about %s's admin password: %v", vmID, err)
	}
	defer resp.Body.Close()
	var answer struct {
		Matches bool `json:"matches"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&answer) != nil {
		t.Fatalf("asking the device about %s's admin password: HTTP %d", vmID, resp.StatusCode)
	}
	return answer.Matches
}
