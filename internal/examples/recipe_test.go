package examples

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The testing guide's shell recipe, run as written (with this build of the
// mock device and the provider instead of downloads): it starts the mock
// from the module's fixture, runs terraform test, and stops the mock.
func TestGuideRecipeScript(t *testing.T) {
	tf := moduleTerraform(t)
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("the recipe is a bash script and there is no bash here")
	}
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "mockdevice"), "./internal/mockdevice/cmd/mockdevice")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the mock device: %v\n%s", err, out)
	}
	script, _ := filepath.Abs(filepath.Join(root, "examples/mock-device-ci/test-module.sh"))
	module, _ := filepath.Abs(moduleDir)
	for _, tc := range []struct {
		name, fixture string
		args          []string
		want          string
	}{
		{"fresh device", "tests/device.json", nil, "5 passed, 0 failed"},
		{"Kubernetes holds the GPUs", "tests/kubernetes_holds_gpus/device.json", []string{"-test-directory=tests/kubernetes_holds_gpus"}, "2 passed, 0 failed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command("bash", append([]string{script, module, filepath.Join(module, tc.fixture), "-no-color"}, tc.args...)...)
			cmd.Env = append(os.Environ(), append(devOverrides(t),
				"TERRAFORM="+tf, "MOCKDEVICE="+filepath.Join(bin, "mockdevice"), "TF_VAR_image_id=", "TF_VAR_subnet_id=")...)
			cmd.Env = withoutEmpty(cmd.Env)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), tc.want) {
				t.Fatalf("the recipe: %v\n%s", err, out)
			}
			// The mock device it started is stopped.
			m := regexp.MustCompile(`at https://(127\.0\.0\.1:\d+)`).FindSubmatch(out)
			if m == nil {
				t.Fatalf("the recipe did not show the mock device's address:\n%s", out)
			}
			if c, err := net.DialTimeout("tcp", string(m[1]), time.Second); err == nil {
				c.Close()
				t.Fatalf("the mock device at %s still serves after the recipe", m[1])
			}
		})
	}
}

// withoutEmpty drops KEY= entries, so variables the test clears are unset
// for the script (which then picks its defaults).
func withoutEmpty(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasSuffix(kv, "=") {
			out = append(out, kv)
		}
	}
	return out
}
