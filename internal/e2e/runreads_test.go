package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/go-version"
)

// The provider processes of one unattended Terraform run (apply or destroy
// with -auto-approve) share the device reads of the plan's checks (package
// runcache): `terraform apply -auto-approve` reads them once, for its plan
// walk and its apply walk. Another run, an apply that waits for approval,
// and what one run reads after it changed the device, read the device
// again.

// countRequests counts the requests whose path ends with suffix.
func countRequests(rs []mockdevice.Request, suffix string) int {
	n := 0
	for _, r := range rs {
		if strings.HasSuffix(strings.ToLower(r.Path), strings.ToLower(suffix)) {
			n++
		}
	}
	return n
}

// twoGPUVMs is two 1-GPU VMs, a and b, without drivers.
func twoGPUVMs(d *acctest.Device) string {
	return d.GPUVM("a", "a", "Standard_NC4as_T4_v3", "rhel_7_4", "") + d.GPUVM("b", "b", "Standard_NC4as_T4_v3", "rhel_7_4", "")
}

// One apply reads the plan's checks once: the VM list, the Azure side's
// capacity, the subnet, the image and the endpoint metadata, though
// Terraform plans each VM in two provider processes.
func TestApplyReadsThePlanChecksOnce(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 2})
	w.Write(twoGPUVMs(d))
	d.ResetRequests()
	if err := w.Apply(ctx(t)); err != nil {
		t.Fatal(err)
	}
	rs := d.Requests()
	for _, read := range []string{"/providers/Microsoft.Compute/virtualMachines", "/deviceCapacityInfo/default",
		"/subnets/ASEVNETsubNet", "/images/rhel-7-4", "/metadata/endpoints"} {
		if n := countRequests(rs, read); n != 1 {
			t.Errorf("the apply read %s %d times, want once:\n%s", read, n, describeRequests(rs))
		}
	}
}

// A second run reads the device again. The first, an unattended apply
// refused at plan (three 1-GPU VMs on two GPUs), read the device and
// changed nothing; then GPUs are taken by something other than this
// provider (the Kubernetes role, configured in the Azure portal); the
// second apply's plan sees them taken and refuses before any VM is sent.
func TestAnotherRunReadsTheDeviceAgain(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 2})
	c := ctx(t)
	w.Write(twoGPUVMs(d) + d.GPUVM("c", "c", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	contains(t, w.Apply(c), "Not enough free GPUs on the device")
	must(t, d.ConfigureKubernetes(c))
	w.Write(twoGPUVMs(d))
	d.ResetRequests()
	contains(t, w.Apply(c), "Not enough free GPUs on the device", "Kubernetes")
	for _, r := range d.Requests() {
		if r.Method == "PUT" {
			t.Errorf("the second apply sent %s %s: it planned with the first run's reads", r.Method, r.Path)
		}
	}
}

// terraform test runs plans and applies in one Terraform process, with
// other steps between them: it shares nothing, and a plan after an apply
// sees what the apply made.
func TestRunReadsAfterAChangeAreFresh(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 2})
	tf := w.Terraform()
	v, _, err := tf.Version(ctx(t), false)
	if err != nil {
		t.Fatal(err)
	}
	if v.LessThan(version.Must(version.NewVersion("1.6.0"))) {
		t.Skipf("terraform test (run blocks with plan_options) needs Terraform 1.6 or later; this is %s", v)
	}
	// count makes each VM optional, so that the runs below pick them.
	w.Write(`
variable "vms" {
  type = number
}
variable "holder" {
  type = number
}
` + strings.Replace(twoGPUVMs(d), `resource "azurestackedge_gpu_vm" "b" {`, `resource "azurestackedge_gpu_vm" "b" {
  count = var.vms`, 1) + strings.Replace(d.GPUVM("holder", "holder", "Standard_NC4as_T4_v3", "rhel_7_4", ""),
		`resource "azurestackedge_gpu_vm" "holder" {`, `resource "azurestackedge_gpu_vm" "holder" {
  count = var.holder`, 1))
	dir := tf.WorkingDir()
	must(t, os.MkdirAll(filepath.Join(dir, "tests"), 0o755))
	// The first run plans a and b (reading the device: no VM holds a
	// GPU); the second applies the holder alone, which takes one GPU; the
	// third plans a and b beside it: it must see the holder's GPU taken.
	must(t, os.WriteFile(filepath.Join(dir, "tests", "reads.tftest.hcl"), []byte(`
run "plan_before" {
  command = plan
  variables {
    vms    = 1
    holder = 0
  }
}

run "holder" {
  variables {
    vms    = 0
    holder = 1
  }
  plan_options {
    target = [azurestackedge_gpu_vm.holder]
  }
}

run "plan_after" {
  command = plan
  variables {
    vms    = 1
    holder = 1
  }
}
`), 0o644))
	var out bytes.Buffer
	err = tf.Test(ctx(t), &out)
	status, shortage := testRunOutcomes(t, out.Bytes())
	if err == nil || status["plan_before"] != "pass" || status["plan_after"] == "pass" || status["plan_after"] == "" ||
		!strings.Contains(shortage, "holder") {
		t.Fatalf("want plan_before to pass and plan_after to be refused for the holder's GPU; err %v, runs %v, refusal %q:\n%s",
			err, status, shortage, out.String())
	}
	if left := d.Resources(); len(left) > 0 {
		t.Errorf("terraform test left %s on the device", strings.Join(left, ", "))
	}
}

// An apply that asks for approval checks the device again when approved:
// GPUs taken while the plan waited (the Kubernetes role, configured in the
// Azure portal) refuse the apply's plan before any VM is sent.
func TestApprovedApplyRereads(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 2})
	w.Write(twoGPUVMs(d))
	c := ctx(t)
	approve := awaitingApproval(t, c, w, "apply", "-no-color")
	// The plan waits for approval: take the GPUs, then approve.
	must(t, d.ConfigureKubernetes(c))
	d.ResetRequests()
	out, err := approve()
	contains(t, fmt.Errorf("%w\n%s", err, out), "Not enough free GPUs on the device", "Kubernetes")
	if err == nil {
		t.Fatalf("the apply succeeded:\n%s", out)
	}
	for _, r := range d.Requests() {
		if r.Method == "PUT" {
			t.Errorf("the approved apply sent %s %s: the device, not the plan, refused it", r.Method, r.Path)
		}
	}
}

// A change by one provider configuration of the run voids what the others
// read: a second alias of the same device (signing in as the device's user
// rather than as the scripted client, so configured otherwise) plans its VM
// again after the first alias's VM took the device's only GPU, and is
// refused at plan, not by the device.
func TestApplyRereadsAfterAnotherAliasChanged(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 1})
	b := d.GPUVM("b", "b", "Standard_NC4as_T4_v3", "rhel_7_4", `  provider   = azurestackedge.user
  depends_on = [azurestackedge_gpu_vm.a]`)
	w.Write(`
provider "azurestackedge" {}

provider "azurestackedge" {
  alias    = "user"
  username = "EdgeArmUser"
}
` + d.GPUVM("a", "a", "Standard_NC4as_T4_v3", "rhel_7_4", "") + b)
	c := ctx(t)
	d.ResetRequests()
	err := w.Apply(c)
	contains(t, err, "Not enough free GPUs on the device")
	for _, r := range d.Requests() {
		if r.Method == "PUT" && strings.HasSuffix(strings.ToLower(r.Path), "/virtualmachines/b") {
			t.Errorf("VM b was sent to the device, which refused it: its plan in the apply used reads from before VM a")
		}
	}
}

// An unattended apply shares its plan's reads only with what it plans at
// once: a VM planned after a provisioner's wait (longer than the share
// window) is checked against the device as it is then, so GPUs taken
// meanwhile by something else refuse it before it is sent.
func TestApplyPlanAfterAWaitRereads(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 1})
	w.Write(`
resource "terraform_data" "gate" {
  provisioner "local-exec" {
    command = "sleep 12"
  }
}
` + d.GPUVM("a", "a", "Standard_NC4as_T4_v3", "rhel_7_4", "  depends_on = [terraform_data.gate]"))
	c := ctx(t)
	done := make(chan error, 1)
	go func() { done <- w.Apply(c) }()
	time.Sleep(5 * time.Second) // the plan is done; the gate waits
	must(t, d.ConfigureKubernetes(c))
	err := <-done
	contains(t, err, "terraform_data.gate: Creation complete", "Not enough free GPUs on the device", "Kubernetes")
	for _, r := range d.Requests() {
		if r.Method == "PUT" && strings.HasSuffix(strings.ToLower(r.Path), "/virtualmachines/a") {
			t.Errorf("VM a was sent to the device, which refused it: the apply planned it with reads from before the wait")
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// testRunOutcomes reads terraform test's JSON lines: each run's status, and
// the detail of the "Not enough free GPUs" refusal.
func testRunOutcomes(t *testing.T, out []byte) (status map[string]string, shortage string) {
	t.Helper()
	status = map[string]string{}
	for _, line := range bytes.Split(out, []byte("\n")) {
		var m struct {
			TestRun *struct {
				Run, Progress, Status string
			} `json:"test_run"`
			Diagnostic *struct {
				Summary, Detail string
			} `json:"diagnostic"`
		}
		if json.Unmarshal(line, &m) != nil {
			continue
		}
		if m.TestRun != nil && m.TestRun.Progress == "complete" {
			status[m.TestRun.Run] = m.TestRun.Status
		}
		if m.Diagnostic != nil && m.Diagnostic.Summary == "Not enough free GPUs on the device" {
			shortage = m.Diagnostic.Detail
		}
	}
	return status, shortage
}

// A plan that one slow read held up: what the run read more than
// runcache.TTL before is read again by the apply's plans. GPUs taken while
// the image read was slow (the Kubernetes role, configured in the Azure
// portal) refuse the apply's plan before any VM is sent (an outside run
// found the apply sharing the older VM list and the device refusing).
func TestSlowPlanReadsAgainAtApply(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 2})
	w.Write(twoGPUVMs(d))
	c := ctx(t)
	must(t, d.AddFault(mockdevice.Fault{Kind: mockdevice.FaultSlow, Method: "GET", Path: "*/images/*", Delay: 12 * time.Second, Count: 1}))
	cmd := w.Command(c, "apply", "-auto-approve", "-no-color")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	d.ResetRequests()
	must(t, cmd.Start())
	// Once the plan read the capacity, the GPUs go to Kubernetes.
	for countRequests(d.Requests(), "/deviceCapacityInfo/default") == 0 {
		time.Sleep(50 * time.Millisecond)
	}
	must(t, d.ConfigureKubernetes(c))
	err := cmd.Wait()
	contains(t, fmt.Errorf("%w\n%s", err, out.String()), "Not enough free GPUs on the device", "Kubernetes")
	for _, r := range d.Requests() {
		if r.Method == "PUT" {
			t.Errorf("the apply sent %s %s: the device, not the plan, refused it", r.Method, r.Path)
		}
	}
}

// An apply that asks for approval reads the device's plan-time checks
// again when approved, but not the public documents of its sign-in (the
// endpoint metadata and the token service's discovery document), which
// no wait makes stale: the apply process asks only for its own token.
func TestApprovedApplySharesSignInDocuments(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 2})
	w.Write(twoGPUVMs(d))
	c := ctx(t)
	approve := awaitingApproval(t, c, w, "apply", "-no-color")
	d.ResetRequests()
	out, err := approve()
	if err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	tokens := 0
	for _, r := range d.Requests() {
		p := strings.ToLower(r.Path)
		switch {
		case strings.HasPrefix(p, "/metadata/endpoints") || strings.Contains(p, "openid-configuration"):
			t.Errorf("the approved apply read %s again", r.Path)
		case strings.Contains(p, "/oauth2/") && (strings.HasSuffix(p, "/token/") || strings.HasSuffix(p, "/token")):
			tokens++
		}
	}
	if tokens == 0 {
		t.Errorf("the apply process signed in without a token request of its own: %v", d.Requests())
	}
	destroyLeavesNothing(t, c, d, w)
}
