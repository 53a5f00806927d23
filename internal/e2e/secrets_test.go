package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// With TF_LOG=trace, a whole lifecycle (apply, a change, refresh, destroy)
// leaves no secret in Terraform's and the provider's logs, in what
// Terraform prints, or in the state: not the ARM password, not the Azure
// client secret, not the tokens the device issued, not the admin
// passwords. (admin_password itself is kept in state, marked sensitive, as
// Terraform keeps every argument; admin_password_wo is the way to keep it
// out, and this test checks that it does.)
func TestNoSecretsInLogsPlansOrState(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 2})
	c := ctx(t)
	logPath := filepath.Join(t.TempDir(), "terraform.log")
	if err := w.Terraform().SetLog("TRACE"); err != nil {
		t.Fatal(err)
	}
	if err := w.Terraform().SetLogPath(logPath); err != nil {
		t.Fatal(err)
	}
	const plainPassword, writeOnlyPassword = "Plain-Secret-Passw0rd-1!", "WriteOnly-Secret-Passw0rd-2!"
	config := func(tag string) string {
		win := strings.Replace(d.GPUVM("win", "secretwin", "Standard_NC4as_T4_v3", "windows_server_2019", `tags = { t = "`+tag+`" }`),
			"Secret-Passw0rd!", plainPassword, 1)
		lin := strings.Replace(d.GPUVM("lin", "secretlin", "Standard_NC4as_T4_v3", "rhel_7_4", `admin_password_wo = "`+writeOnlyPassword+`"
  admin_password_wo_version = 1`), `  admin_password = "Secret-Passw0rd!"`, "", 1)
		return win + lin + `
resource "azurestackedge_gpu_extension" "lin" {
  virtual_machine_id = azurestackedge_gpu_vm.lin.id
}
`
	}
	var printed strings.Builder
	step := func(name string, run func() error) {
		t.Helper()
		if err := run(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		printed.WriteString(w.LastOutput())
	}
	w.Write(config("one"))
	step("apply", func() error { return w.Apply(c) })
	w.Write(config("two"))
	step("plan", func() error { _, err := w.Plan(c); return err })
	step("apply a change", func() error { return w.Apply(c) })
	state, err := os.ReadFile(filepath.Join(w.Dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	step("destroy", func() error { return w.Destroy(c) })
	logs, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(logs), "device HTTP request") {
		t.Fatal("the trace log has no device requests: the test would not see a leak")
	}

	creds := d.Credentials()
	tokens := d.IssuedTokens()
	if len(tokens) == 0 {
		t.Fatal("the device issued no tokens")
	}
	secrets := map[string]string{"ARM password": creds.Password, "Azure client secret": creds.AzureClientSecret,
		"write-only admin password": writeOnlyPassword}
	for i, tok := range tokens {
		secrets[fmt.Sprintf("token %d the device issued", i)] = tok
	}
	where := map[string]string{"the trace log": string(logs), "Terraform's output": printed.String(), "the state": string(state)}
	for place, text := range where {
		for what, secret := range secrets {
			if strings.Contains(text, secret) {
				t.Errorf("%s holds the %s", place, what)
			}
		}
	}
	for _, place := range []string{"the trace log", "Terraform's output"} {
		if strings.Contains(where[place], plainPassword) {
			t.Errorf("%s holds the admin password", place)
		}
	}
	t.Logf("searched %d bytes of logs, %d of output and %d of state for %d secrets and the admin passwords",
		len(logs), printed.Len(), len(state), len(secrets))
}
