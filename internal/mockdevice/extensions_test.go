package mockdevice

import (
	"net/http"
	"strings"
	"testing"
)

func driverBody(typ, version string, settings map[string]any) map[string]any {
	return map[string]any{"location": "dbelocal", "properties": map[string]any{
		"publisher": "Microsoft.HpcCompute", "type": typ, "typeHandlerVersion": version,
		"autoUpgradeMinorVersion": true, "settings": settings,
	}}
}

func TestGPUDriverExtension(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{Release: mustRelease("2309")})
	c := s.deviceClient(t)
	c.createRG("rg")
	linuxVM, _ := c.createVM("rg", "lin", "Standard_NC4as_T4_v3", "ubuntu_18_04")
	plainVM, _ := c.createVM("rg", "plain", "Standard_D2_v2", "ubuntu_18_04")

	ext := linuxVM + "/extensions/gpu-driver"
	put := c.do(http.MethodPut, ext, driverBody("NvidiaGpuDriverLinux", "1.8", map[string]any{})).must(t, http.StatusCreated)
	if str(put.Body, "properties", "provisioningState") != stateCreating {
		t.Errorf("state = %q", str(put.Body, "properties", "provisioningState"))
	}
	if st := c.wait(put); st["status"] != opSucceeded {
		t.Fatalf("install: %v", st)
	}
	got := c.do(http.MethodGet, ext+"?$expand=instanceView", nil).must(t, http.StatusOK)
	if str(got.Body, "properties", "provisioningState") != stateSucceeded ||
		str(got.Body["properties"].(map[string]any)["instanceView"].(map[string]any)["statuses"].([]any)[0], "message") != extensionSucceeded {
		t.Fatalf("installed extension: %s", got.Raw)
	}
	list := c.do(http.MethodGet, linuxVM+"/extensions", nil).must(t, http.StatusOK)
	if len(list.Body["value"].([]any)) != 1 {
		t.Fatalf("list: %s", list.Raw)
	}
	vmView := c.do(http.MethodGet, linuxVM+"?$expand=instanceView", nil)
	if !strings.Contains(vmView.Raw, `"Microsoft.HpcCompute.NvidiaGpuDriverLinux"`) {
		t.Errorf("VM instance view lacks the extension: %s", vmView.Raw)
	}

	for _, tc := range []struct {
		name    string
		vm      string
		extName string
		body    map[string]any
		status  int
		code    string
		text    string
	}{
		{"second driver extension", linuxVM, "another", driverBody("NvidiaGpuDriverLinux", "1.8", nil), 400, "BadRequest", "Multiple VMExtensions per handler"},
		{"version the release lacks", plainVM, "x", driverBody("NvidiaGpuDriverLinux", "1.3", nil), 400, "ArtifactNotFound", "1.8"},
		{"settings not an object", plainVM, "x", map[string]any{"location": "dbelocal", "properties": map[string]any{
			"publisher": "Microsoft.HpcCompute", "type": "NvidiaGpuDriverLinux", "typeHandlerVersion": "1.8", "settings": "[1]"}}, 400, "InvalidParameter", "settings"},
		{"missing VM", linuxVM + "x", "x", driverBody("NvidiaGpuDriverLinux", "1.8", nil), 404, "ParentResourceNotFound", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.do(http.MethodPut, tc.vm+"/extensions/"+tc.extName, tc.body)
			if r.Status != tc.status || r.errorCode() != tc.code || !strings.Contains(r.errorMessage(), tc.text) {
				t.Fatalf("%d %s %q", r.Status, r.errorCode(), r.errorMessage())
			}
		})
	}

	// Deleting the VM takes its extensions with it.
	c.wait(c.do(http.MethodDelete, linuxVM, nil))
	c.do(http.MethodGet, ext, nil).must(t, http.StatusNotFound)

	// Failures the install reports after it ran [EXT-TS].
	for _, tc := range []struct {
		name, size, osKey, typ, want string
		noInternet                   bool
	}{
		{"non-GPU size", "Standard_D2_v2", "ubuntu_18_04", "NvidiaGpuDriverLinux", "is not a GPU VM size", false},
		{"wrong OS type", "Standard_NC4as_T4_v3", "windows_server_2019", "NvidiaGpuDriverLinux", "this VM runs Windows", false},
		{"no internet on the compute port", "Standard_NC4as_T4_v3", "rhel_7_4", "NvidiaGpuDriverLinux", "no internet access", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vm, _ := c.createVM("rg", "f", tc.size, tc.osKey)
			path := vm + "/extensions/gpu"
			if tc.noInternet {
				s.FailNextOperation(path, FailNext{NoInternet: true})
			}
			st := c.wait(c.do(http.MethodPut, path, driverBody(tc.typ, "1.8", nil)).must(t, http.StatusCreated))
			if st["status"] != opFailed || str(st, "error", "code") != "VMExtensionProvisioningError" ||
				!strings.Contains(str(st, "error", "message"), "VM has reported a failure when processing extension 'gpu'") ||
				!strings.Contains(str(st, "error", "message"), tc.want) {
				t.Fatalf("%v", st)
			}
			ext := c.do(http.MethodGet, path+"?$expand=instanceView", nil)
			if str(ext.Body, "properties", "provisioningState") != stateFailed || !strings.Contains(ext.Raw, tc.want) {
				t.Fatalf("failed extension: %s", ext.Raw)
			}
			c.wait(c.do(http.MethodDelete, path, nil).must(t, http.StatusAccepted))
			c.do(http.MethodGet, path, nil).must(t, http.StatusNotFound)
			c.wait(c.do(http.MethodDelete, vm, nil))
			group, _, _ := strings.Cut(vm, "/providers/")
			c.wait(c.do(http.MethodDelete, group+"/providers/Microsoft.Network/networkInterfaces/f-nic", nil))
		})
	}

	// Windows: 1.5 with its settings; not on a deallocated VM.
	winVM, _ := c.createVM("rg", "win", "Standard_NC4as_T4_v3", "windows_server_2019")
	win := c.do(http.MethodPut, winVM+"/extensions/gpu", driverBody("NvidiaGpuDriverWindows", "1.5", map[string]any{"DriverType": "GRID"})).must(t, http.StatusCreated)
	if st := c.wait(win); st["status"] != opSucceeded {
		t.Fatalf("windows: %v", st)
	}
	c.wait(c.do(http.MethodPost, winVM+"/deallocate", nil))
	if r := c.do(http.MethodPut, winVM+"/extensions/gpu", driverBody("NvidiaGpuDriverWindows", "1.5", nil)); r.errorCode() != "OperationNotAllowed" {
		t.Fatalf("extension on a deallocated VM: %s", r.Raw)
	}
}

func TestDriverVersionsBefore2205(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{Release: mustRelease("2203")})
	c := s.deviceClient(t)
	c.createRG("rg")
	vm, _ := c.createVM("rg", "w", "Standard_NC4as_T4_v3", "windows_server_2016")
	if r := c.do(http.MethodPut, vm+"/extensions/gpu", driverBody("NvidiaGpuDriverWindows", "1.5", nil)); r.errorCode() != "ArtifactNotFound" {
		t.Fatalf("1.5 on 2203: %s", r.Raw)
	}
	if st := c.wait(c.do(http.MethodPut, vm+"/extensions/gpu", driverBody("NvidiaGpuDriverWindows", "1.3", nil))); st["status"] != opSucceeded {
		t.Fatalf("1.3 on 2203: %v", st)
	}
}
