package mockdevice

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStateFileSurvivesRestart(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "device.json")
	first := startDevice(t, Options{StateFile: file, GPUs: 2})
	c := first.deviceClient(t)
	c.createRG("rg")
	vmPath, _ := c.createVM("rg", "vm", "Standard_NC4as_T4_v3", "windows_server_2019")
	c.wait(c.do(http.MethodPut, vmPath+"/extensions/gpu", driverBody("NvidiaGpuDriverWindows", "1.5", nil)))
	first.azureClient(t).configureKubernetes(t)
	password, ca := first.Credentials().Password, first.CAPEM()
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(file); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("state file: %v %v", info, err)
	}

	second := startDevice(t, Options{StateFile: file, GPUs: 2})
	if second.Credentials().Password != password || string(second.CAPEM()) != string(ca) {
		t.Fatal("a restarted device has another password or root certificate")
	}
	g := second.GPUs()
	if g.Free != 0 || g.Kubernetes != 1 || len(g.VMs) != 1 || g.VMs[0].GPUs != 1 {
		t.Fatalf("GPU claims after restart: %+v", g)
	}
	c2 := second.deviceClient(t)
	ext := c2.do(http.MethodGet, vmPath+"/extensions/gpu", nil).must(t, http.StatusOK)
	if str(ext.Body, "properties", "provisioningState") != stateSucceeded {
		t.Fatalf("extension after restart: %s", ext.Raw)
	}
}

func TestStateFileRefusals(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.json")
	_ = os.WriteFile(corrupt, []byte(`{"version":1,"world":`), 0o600)
	if _, err := New(Options{StateFile: corrupt}); err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Errorf("corrupt file: %v", err)
	}
	other := filepath.Join(dir, "other.json")
	_ = os.WriteFile(other, []byte(`{"version":7}`), 0o600)
	if _, err := New(Options{StateFile: other}); err == nil || !strings.Contains(err.Error(), "not a mock device state") {
		t.Errorf("other version: %v", err)
	}
	two := filepath.Join(dir, "two.json")
	if _, err := New(Options{StateFile: two, GPUs: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{StateFile: two, GPUs: 1}); err == nil || !strings.Contains(err.Error(), "-gpus") {
		t.Errorf("different hardware: %v", err)
	}
	if _, err := New(Options{StateFile: two, GPUs: 2, Release: mustRelease("2203")}); err == nil || !strings.Contains(err.Error(), "-release") {
		t.Errorf("different release: %v", err)
	}
}

func TestOptions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{GPUs: 3}, "1 or 2"},
		{Options{GPUType: "V100"}, "neither T4 nor A2"},
	} {
		if _, err := New(tc.opts); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%+v) = %v, want %q", tc.opts, err, tc.want)
		}
	}
}
