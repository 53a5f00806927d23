package examples

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/go-version"
)

// moduleDir is the gpu-workload module, whose tests/ hold a fixture per
// device they run against.
var moduleDir = filepath.Join(root, "examples/modules/gpu-workload")

// moduleTerraform is the CLI for the module's tests, which need provider
// functions (1.8) and run blocks with their own module (1.6).
func moduleTerraform(t *testing.T) string {
	t.Helper()
	tf := terraform(t)
	if have := terraformVersion(t, tf); have.LessThan(version.Must(version.NewVersion("1.8.0"))) {
		t.Skipf("the module needs Terraform 1.8 or later (provider functions); this is %s", have)
	}
	return tf
}

// moduleDevice starts the mock device from one of the module's fixtures
// (a path under the module) and returns it with the environment the
// guide's recipe exports: the device's settings, the image and subnet
// variables, and this build of the provider.
func moduleDevice(t *testing.T, tf, fixture string) (*acctest.Device, []string) {
	t.Helper()
	f, err := mockdevice.ReadFixture(filepath.Join(moduleDir, fixture))
	if err != nil {
		t.Fatal(err)
	}
	d := acctest.StartDevice(t, mockdevice.Options{Fixture: f})
	env := devOverrides(t)
	for k, v := range d.Env() {
		env = append(env, k+"="+v)
	}
	env = append(env, "TF_VAR_image_id="+d.ImageID("rhel_7_4"), "TF_VAR_subnet_id="+d.SubnetID(), "TF_DATA_DIR="+t.TempDir())
	return d, env
}

// On a device where a VM outside the module holds one GPU and Kubernetes
// the other, the module's own precondition refuses the plan.
func TestModuleKubernetesHoldsGPUs(t *testing.T) {
	tf := moduleTerraform(t)
	d, env := moduleDevice(t, tf, "tests/kubernetes_holds_gpus/device.json")
	if g := d.GPUs(); g.Free != 0 || g.Kubernetes != 1 || len(g.VMs) != 1 {
		t.Fatalf("the fixture's device: %+v", g)
	}
	cli(t, tf, moduleDir, env, "get", "-test-directory=tests/kubernetes_holds_gpus")
	out := cli(t, tf, moduleDir, env, "test", "-no-color", "-test-directory=tests/kubernetes_holds_gpus")
	if !strings.Contains(out, "2 passed, 0 failed") {
		t.Fatalf("terraform test:\n%s", out)
	}
	if n := len(d.Resources()); n != 3 { // the fixture's VM, NIC and disk
		t.Fatalf("the plan changed the device: %v", d.Resources())
	}
}

// diagnostic is one diagnostic of terraform's -json output.
type diagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
}

// errorDiagnostics reads the error diagnostics of a -json run.
func errorDiagnostics(t *testing.T, out []byte) []diagnostic {
	t.Helper()
	var diags []diagnostic
	for _, line := range bytes.Split(out, []byte("\n")) {
		var msg struct {
			Type       string      `json:"type"`
			Diagnostic *diagnostic `json:"diagnostic"`
		}
		if json.Unmarshal(line, &msg) == nil && msg.Type == "diagnostic" && msg.Diagnostic != nil && msg.Diagnostic.Severity == "error" {
			diags = append(diags, *msg.Diagnostic)
		}
	}
	return diags
}

// Two instances of the module, on a device where a VM made outside
// Terraform holds one of two GPUs: each instance's precondition sees one
// free GPU and passes; only the provider, checking the plan's GPU VMs
// together, can refuse. expect_failures cannot catch a provider's error,
// so this test asserts it: the run fails with the provider's diagnostic,
// which names both VMs and the one outside the module.
func TestModuleProviderRefusal(t *testing.T) {
	tf := moduleTerraform(t)
	d, env := moduleDevice(t, tf, "tests/provider_refusal/device.json")
	if g := d.GPUs(); g.Free != 1 || len(g.VMs) != 1 {
		t.Fatalf("the fixture's device: %+v", g)
	}
	cli(t, tf, moduleDir, env, "get", "-test-directory=tests/provider_refusal")
	cmd := exec.Command(tf, "test", "-no-color", "-json", "-test-directory=tests/provider_refusal")
	cmd.Dir = moduleDir
	cmd.Env = append(cmd.Environ(), append([]string{"CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1"}, env...)...)
	out, err := cmd.Output()
	if err == nil {
		t.Fatalf("terraform test passed: the provider did not refuse two GPU VMs for one free GPU\n%s", out)
	}
	var refusal *diagnostic
	for _, dg := range errorDiagnostics(t, out) {
		if strings.Contains(dg.Detail, "needs") && strings.Contains(dg.Detail, "Free GPUs or pick a smaller size") {
			t.Fatalf("the module's precondition refused, not the provider: %+v", dg)
		}
		if strings.Contains(dg.Summary, "free GPUs") {
			refusal = &dg
		}
	}
	if refusal == nil {
		t.Fatalf("no provider diagnostic \"Not enough free GPUs on the device\" in:\n%s", out)
	}
	for _, want := range []string{"tftest-one", "tftest-two", "existing (Standard_NC4as_T4_v3", "1 free"} {
		if !strings.Contains(refusal.Detail, want) {
			t.Errorf("the provider's refusal does not say %q: %s", want, refusal.Detail)
		}
	}
	if n := len(d.Resources()); n != 3 { // the fixture's VM, NIC and disk
		t.Fatalf("a refused plan changed the device: %v", d.Resources())
	}
}

func TestParseCLIVersion(t *testing.T) {
	for out, want := range map[string]string{
		"Terraform v1.11.4\non linux_amd64\n":                      "1.11.4",
		"OpenTofu v1.12.6\non linux_amd64\n":                       "1.12.6",
		"Terraform v1.15.0-beta1\non darwin_arm64\n+ provider x\n": "1.15.0-beta1",
	} {
		v, ok := parseCLIVersion([]byte(out))
		if !ok || v.String() != want {
			t.Errorf("parseCLIVersion(%q) = %v, %v; want %s", out, v, ok, want)
		}
	}
	if _, ok := parseCLIVersion([]byte("tofu: command not found")); ok {
		t.Error("parsed a version out of an error")
	}
}
