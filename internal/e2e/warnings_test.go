package e2e

import (
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// The opt-ins plan with warnings the user sees in Terraform's output: an
// OS outside the tested list with allow_untested_os, and the vendor's
// sample password (which never appears in the output).
func TestPlanWarnsOfUntestedOSAndWellKnownPassword(t *testing.T) {
	t.Parallel()
	d, ws := setup(t, mockdevice.Options{GPUs: 1})
	config := d.GPUVM("vm", "ws22", "Standard_NC4as_T4_v3", "windows_server_2022", "  allow_untested_os = true")
	ws.Write(strings.Replace(config, `admin_password = "Secret-Passw0rd!"`, `admin_password = "Password1"`, 1) + `
resource "azurestackedge_gpu_extension" "driver" {
  virtual_machine_id = azurestackedge_gpu_vm.vm.id
}
`)
	if _, err := ws.Plan(ctx(t)); err != nil {
		t.Fatalf("plan: %v", err)
	}
	out := strings.Join(strings.Fields(ws.LastOutput()), " ")
	for _, want := range []string{
		"Warning: OS untested with the GPU driver",
		`not on Windows Server 2022: other versions "may work but haven't been tested"`,
		"allow_untested_os = true runs it anyway, untested",
		"Warning: GPU driver untested on this OS",
		"Warning: Well-known password",
		"the device accepts them",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan's output lacks %q:\n%s", want, ws.LastOutput())
		}
	}
	for _, once := range []string{"Warning: Well-known password", "Warning: OS untested with the GPU driver"} {
		if n := strings.Count(out, once); n != 1 {
			t.Errorf("the plan shows %q %d times, not once:\n%s", once, n, ws.LastOutput())
		}
	}
	if strings.Contains(out, "similar warning") {
		t.Errorf("the plan repeats a warning:\n%s", ws.LastOutput())
	}
	if strings.Contains(out, "Password1") {
		t.Errorf("the plan's output shows the password:\n%s", ws.LastOutput())
	}
}
