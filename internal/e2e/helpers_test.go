package e2e

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// setup starts a device and a workspace pointed at it.
func setup(t *testing.T, opts mockdevice.Options) (*acctest.Device, *acctest.Workspace) {
	t.Helper()
	acctest.PreCheck(t)
	d := acctest.StartDevice(t, opts)
	return d, acctest.NewWorkspace(t, d.Env())
}

// vmAndDriver is one Linux GPU VM and its driver extension; extra goes
// into the VM, extExtra into the extension.
func vmAndDriver(d *acctest.Device, name, extra, extExtra string) string {
	return d.GPUVM(name, name, "Standard_NC4as_T4_v3", "rhel_7_4", extra) + `
resource "azurestackedge_gpu_extension" "` + name + `" {
  virtual_machine_id = azurestackedge_gpu_vm.` + name + `.id
` + extExtra + `
}
`
}

// ctx bounds a test's Terraform runs.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	t.Cleanup(cancel)
	return c
}

// mustConsistent fails unless the workspaces' states and the device agree.
func mustConsistent(t *testing.T, c context.Context, d *acctest.Device, ws ...*acctest.Workspace) {
	t.Helper()
	if got := acctest.Check(c, d, ws...); !got.OK() {
		t.Fatalf("state and device disagree: %s", got)
	}
}

// destroyLeavesNothing destroys the workspace and fails unless the device
// is then empty.
func destroyLeavesNothing(t *testing.T, c context.Context, d *acctest.Device, w *acctest.Workspace) {
	t.Helper()
	if err := w.Destroy(c); err != nil {
		t.Fatal(err)
	}
	destroyed(t, c, d, w)
}

// destroyed fails unless, after a destroy of w, the device is empty and
// w's state records nothing.
func destroyed(t *testing.T, c context.Context, d *acctest.Device, w *acctest.Workspace) {
	t.Helper()
	if left := d.Resources(); len(left) > 0 {
		t.Fatalf("left on the device: %v", left)
	}
	if ids, _ := w.Recorded(c); len(ids) > 0 {
		t.Errorf("still in state: %v", ids)
	}
}

// contains fails unless err's text has every part (Terraform wraps lines).
func contains(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one containing %q", parts)
	}
	text := strings.Join(strings.Fields(err.Error()), " ")
	for _, p := range parts {
		if !strings.Contains(text, strings.Join(strings.Fields(p), " ")) {
			t.Fatalf("error lacks %q:\n%s", p, err)
		}
	}
}

// createHolder makes another user's GPU VM on the device, in a workspace
// of its own.
func createHolder(t *testing.T, d *acctest.Device) *acctest.Workspace {
	t.Helper()
	w := acctest.NewWorkspace(t, d.Env())
	w.Write(d.GPUVM("holder", "holder", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	if err := w.Apply(ctx(t)); err != nil {
		t.Fatal(err)
	}
	return w
}

// awaitingApproval runs terraform with args in w until it asks for
// approval, and returns a function that answers "yes" and waits for the
// command: everything it printed, and its error.
func awaitingApproval(t *testing.T, c context.Context, w *acctest.Workspace, args ...string) (approve func() (out string, err error)) {
	t.Helper()
	cmd := w.Command(c, args...)
	stdin, err := cmd.StdinPipe()
	must(t, err)
	stdout, err := cmd.StdoutPipe()
	must(t, err)
	var out bytes.Buffer
	cmd.Stderr = &out
	must(t, cmd.Start())
	prompt := []byte("Enter a value:")
	buf := make([]byte, 4096)
	for !bytes.Contains(out.Bytes(), prompt) {
		n, err := stdout.Read(buf)
		out.Write(buf[:n])
		if err != nil {
			t.Fatalf("terraform %v ended before asking for approval: %v\n%s", args, err, out.String())
		}
	}
	return func() (string, error) {
		_, _ = stdin.Write([]byte("yes\n"))
		_ = stdin.Close()
		rest, _ := io.ReadAll(stdout)
		out.Write(rest)
		err := cmd.Wait()
		return out.String(), err
	}
}
