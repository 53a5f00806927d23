package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// Bad input that used to reach the device (issue 10): each is refused by
// terraform plan, on the attribute it is about, within seconds, and the
// device is sent nothing but reads.
func TestBadInputRefusedAtPlan(t *testing.T) {
	t.Parallel()
	d, _ := setup(t, mockdevice.Options{GPUs: 2})
	vm := func(extra string) string { return d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", extra) }
	win := func(extra string) string {
		return d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "windows_server_2019", extra)
	}
	withName := func(cfg, name string) string {
		return strings.Replace(cfg, `admin_username      = "azureuser"`, `admin_username      = "`+name+`"`, 1)
	}
	ext := func(extra string) string {
		return vm("") + "\nresource \"azurestackedge_gpu_extension\" \"vm\" {\n  virtual_machine_id = azurestackedge_gpu_vm.vm.id\n" + extra + "\n}\n"
	}
	for _, tc := range []struct {
		name, config, attribute, want string
	}{
		{"endpoint port", `provider "azurestackedge" {
  arm_endpoint = "https://127.0.0.1:70000"
}` + vm(""), "arm_endpoint", "not a TCP port"},
		{"endpoint refusing connections", `provider "azurestackedge" {
  arm_endpoint = "https://127.0.0.1:1"
}` + vm(""), "", "cannot reach"},
		{"zero timeout", vm("timeouts {\n    create = \"0s\"\n  }"), "create", "longer than zero"},
		{"negative timeout", ext("timeouts {\n    delete = \"-5m\"\n  }"), "delete", "longer than zero"},
		{"missing resource group", strings.Replace(vm(""), `resource_group_name = "`+acctest.VMGroup+`"`, `resource_group_name = "NOSUCHGROUP"`, 1),
			"resource_group_name", "no such resource group"},
		{"reserved gateway address", vm(`private_ip_address = "10.57.48.1"`), "private_ip_address", "reserves the first four"},
		{"reserved broadcast address", vm(`private_ip_address = "10.57.55.255"`), "private_ip_address", "reserves the first four"},
		{"one address twice", vm(`private_ip_address = "10.57.48.20"`) +
			strings.Replace(strings.Replace(vm(`private_ip_address = "10.57.48.20"`), `"vm" {`, `"vm2" {`, 1), `= "vm"`, `= "vm2"`, 1),
			"private_ip_address", "Address given twice"},
		{"extension name with a slash", ext(`name = "gpu/driver"`), "name", "cannot hold any of"},
		{"extension version not major.minor", ext(`type_handler_version = "1"`), "type_handler_version", "major.minor"},
		{"admin root", withName(vm(""), "root"), "admin_username", "refuses this user name"},
		{"admin guest", withName(vm(""), "Guest"), "admin_username", "refuses this user name"},
		{"long Windows admin", withName(win(""), "averyveryverylongadmin1"), "admin_username", "at most 20"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := acctest.NewWorkspace(t, d.Env())
			w.Write(tc.config)
			start := time.Now()
			diags, err := w.PlanDiagnostics(ctx(t))
			if took := time.Since(start); took > 30*time.Second {
				t.Errorf("the plan took %s", took)
			}
			if err == nil {
				t.Fatal("the plan succeeded")
			}
			for _, dg := range diags {
				if dg.Severity == "error" && strings.Contains(strings.Join(strings.Fields(dg.Summary+" "+dg.Detail), " "), tc.want) {
					if tc.attribute != "" && dg.Attribute != tc.attribute {
						t.Fatalf("the error points at %q, want %q: %s: %s", dg.Attribute, tc.attribute, dg.Summary, dg.Detail)
					}
					return
				}
			}
			t.Fatalf("no error says %q: %+v", tc.want, diags)
		})
	}
	for _, r := range d.Requests() {
		if strings.HasPrefix(strings.ToLower(r.Path), "/subscriptions") && r.Method != "GET" {
			t.Errorf("a bad input sent %s %s", r.Method, r.Path)
		}
	}
}
