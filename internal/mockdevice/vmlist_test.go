package mockdevice

import (
	"net/http"
	"strings"
	"testing"
)

// A list of VMs answers as Azure's does: a plain list has each VM's model
// without its instance view and names its extensions by ID only; with
// statusOnly=true (Compute 2020-06-01 and later) each entry is the VM's
// run-time status, without its model. An older version ignores statusOnly,
// and so does a resource group's list (Virtual Machines - List has none).
func TestVMListShapes(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{Release: mustRelease("2309")})
	c := s.deviceClient(t)
	c.createRG("rg")
	vmPath, _ := c.createVM("rg", "lin", "Standard_NC4as_T4_v3", "ubuntu_18_04")
	ext := c.do(http.MethodPut, vmPath+"/extensions/gpu-driver", driverBody("NvidiaGpuDriverLinux", "1.8", map[string]any{})).must(t, http.StatusCreated)
	c.wait(ext)
	list := "/subscriptions/" + s.Credentials().SubscriptionID + "/providers/Microsoft.Compute/virtualMachines"

	only := func(t *testing.T, url string) map[string]any {
		t.Helper()
		vms := c.do(http.MethodGet, url, nil).must(t, http.StatusOK).Body["value"].([]any)
		if len(vms) != 1 {
			t.Fatalf("%s listed %d VMs", url, len(vms))
		}
		return vms[0].(map[string]any)
	}
	for _, url := range []string{list + "?api-version=2017-12-01", list + "?api-version=2020-06-01",
		list + "?statusOnly=true&api-version=2017-12-01", s.rgPath("rg") + "/providers/Microsoft.Compute/virtualMachines",
		s.rgPath("rg") + "/providers/Microsoft.Compute/virtualMachines?statusOnly=true&api-version=2020-06-01"} {
		t.Run("model "+url, func(t *testing.T) {
			vm := only(t, url)
			if str(vm, "properties", "hardwareProfile", "vmSize") != "Standard_NC4as_T4_v3" {
				t.Errorf("no size: %v", vm)
			}
			if vm["properties"].(map[string]any)["instanceView"] != nil {
				t.Error("a plain list has no instance views")
			}
			res, _ := vm["resources"].([]any)
			if len(res) != 1 {
				t.Fatalf("resources = %v", vm["resources"])
			}
			if e := res[0].(map[string]any); len(e) != 1 || !strings.EqualFold(str(e, "id"), vmPath+"/extensions/gpu-driver") {
				t.Errorf("a list names extensions by ID only: %v", e)
			}
		})
	}
	t.Run("statusOnly", func(t *testing.T) {
		vm := only(t, list+"?statusOnly=true&api-version=2020-06-01")
		if powerOf(vm) != "PowerState/running" {
			t.Errorf("power = %q", powerOf(vm))
		}
		props := vm["properties"].(map[string]any)
		for _, absent := range []string{"hardwareProfile", "storageProfile", "networkProfile", "osProfile"} {
			if props[absent] != nil {
				t.Errorf("a status has no %s", absent)
			}
		}
		if vm["tags"] != nil || vm["resources"] != nil {
			t.Errorf("a status has no tags nor resources: %v", vm)
		}
		if str(vm, "properties", "vmId") == "" || str(vm, "id") == "" {
			t.Errorf("a status names its VM: %v", vm)
		}
	})
}
