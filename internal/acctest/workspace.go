package acctest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
)

// Workspace is a Terraform working directory driven through the CLI
// (terraform-exec), with this build of the provider served to Terraform by
// dev_overrides as its own process: for tests that need what
// terraform-plugin-testing's steps hide, such as the state after a failed
// apply, two runs at once, or Terraform's logs.
type Workspace struct {
	t   testing.TB
	Dir string
	tf  *tfexec.Terraform
	mu  sync.Mutex
	out bytes.Buffer // the output of the last command
	env map[string]string
}

var (
	providerOnce sync.Once
	providerDir  string
	providerErr  error
)

// ProviderBinaryDir builds the provider once per test binary and returns
// the directory holding it.
func ProviderBinaryDir(t testing.TB) string {
	t.Helper()
	providerOnce.Do(func() {
		providerDir, providerErr = os.MkdirTemp("", "azurestackedge-provider-")
		if providerErr != nil {
			return
		}
		root, err := repoRoot()
		if err != nil {
			providerErr = err
			return
		}
		cmd := exec.Command("go", "build", "-o", filepath.Join(providerDir, "terraform-provider-azurestackedge"), ".") //nolint:gosec // the test binary builds this repository
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			providerErr = fmt.Errorf("building the provider: %w\n%s", err, out)
		}
	})
	if providerErr != nil {
		t.Fatal(providerErr)
	}
	return providerDir
}

// repoRoot is the directory of go.mod.
func repoRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	return filepath.Dir(strings.TrimSpace(string(out))), nil
}

// TerraformPath is the Terraform CLI the tests use.
func TerraformPath(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("no terraform: set TF_ACC_TERRAFORM_PATH or put terraform on PATH (make test does)")
	}
	return p
}

// NewWorkspace makes a working directory whose Terraform runs the provider
// with env (typically Device.Env()).
func NewWorkspace(t testing.TB, env map[string]string) *Workspace {
	t.Helper()
	dir := t.TempDir()
	rc := filepath.Join(dir, ".terraformrc")
	config := "provider_installation {\n  dev_overrides {\n    \"asegpu/azurestackedge\" = \"" + ProviderBinaryDir(t) + "\"\n  }\n  direct {}\n}\n"
	if err := os.WriteFile(rc, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	tf, err := tfexec.NewTerraform(dir, TerraformPath(t))
	if err != nil {
		t.Fatal(err)
	}
	full := map[string]string{"TF_CLI_CONFIG_FILE": rc, "CHECKPOINT_DISABLE": "1", "HOME": dir}
	for k, v := range env {
		full[k] = v
	}
	if err := tf.SetEnv(full); err != nil {
		t.Fatal(err)
	}
	w := &Workspace{t: t, Dir: dir, tf: tf, env: full}
	tf.SetStdout(&w.out)
	tf.SetStderr(&w.out)
	return w
}

// run runs a command, keeping its output; a failure's error carries it.
func (w *Workspace) run(f func() error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.out.Reset()
	if err := f(); err != nil {
		return fmt.Errorf("%w\n%s", err, w.out.String())
	}
	return nil
}

// LastOutput is what the last command printed.
func (w *Workspace) LastOutput() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.out.String()
}

// Terraform is the workspace's terraform-exec handle, for what the
// methods below do not cover (logs, plan files).
func (w *Workspace) Terraform() *tfexec.Terraform { return w.tf }

// Write replaces the workspace's configuration, adding the provider
// requirement.
func (w *Workspace) Write(config string) {
	w.t.Helper()
	full := "terraform {\n  required_providers {\n    azurestackedge = { source = \"asegpu/azurestackedge\" }\n  }\n}\n" + config
	if err := os.WriteFile(filepath.Join(w.Dir, "main.tf"), []byte(full), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// Apply runs terraform apply; the error carries Terraform's output.
func (w *Workspace) Apply(ctx context.Context) error {
	return w.run(func() error { return w.tf.Apply(ctx) })
}

// Plan runs terraform plan and reports whether it has changes.
func (w *Workspace) Plan(ctx context.Context) (bool, error) {
	var changes bool
	err := w.run(func() (err error) { changes, err = w.tf.Plan(ctx); return err })
	return changes, err
}

// SavePlan runs terraform plan -out=file.
func (w *Workspace) SavePlan(ctx context.Context, file string) error {
	return w.run(func() error { _, err := w.tf.Plan(ctx, tfexec.Out(file)); return err })
}

// ApplyPlan applies a plan saved with SavePlan.
func (w *Workspace) ApplyPlan(ctx context.Context, file string) error {
	return w.run(func() error { return w.tf.Apply(ctx, tfexec.DirOrPlan(file)) })
}

// Destroy runs terraform destroy.
func (w *Workspace) Destroy(ctx context.Context) error {
	return w.run(func() error { return w.tf.Destroy(ctx) })
}

// Validate runs terraform validate; invalid configurations are errors
// listing each diagnostic with the line it points at.
func (w *Workspace) Validate(ctx context.Context) error {
	return w.run(func() error {
		out, err := w.tf.Validate(ctx)
		if err != nil {
			return err
		}
		if out.Valid {
			return nil
		}
		var b strings.Builder
		for _, d := range out.Diagnostics {
			fmt.Fprintf(&b, "%s: %s\n%s\n", map[tfjson.DiagnosticSeverity]string{tfjson.DiagnosticSeverityError: "Error", tfjson.DiagnosticSeverityWarning: "Warning"}[d.Severity], d.Summary, d.Detail)
			if d.Snippet != nil {
				fmt.Fprintf(&b, "  %s\n", d.Snippet.Code)
			}
		}
		return errors.New(b.String())
	})
}

// State reads the workspace's state.
func (w *Workspace) State(ctx context.Context) *tfjson.State {
	w.t.Helper()
	s, err := w.tf.Show(ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	return s
}

// Recorded is what the state says exists on the device, by lower-case ID:
// each VM, its NIC and its extensions; tainted marks those tainted.
func (w *Workspace) Recorded(ctx context.Context) (ids map[string]string, tainted []string) {
	ids = map[string]string{}
	s := w.State(ctx)
	if s.Values == nil {
		return ids, nil
	}
	for _, r := range s.Values.RootModule.Resources {
		if r.Mode != tfjson.ManagedResourceMode {
			continue
		}
		for _, attr := range []string{"id", "network_interface_id"} {
			if v, ok := r.AttributeValues[attr].(string); ok && v != "" {
				ids[strings.ToLower(v)] = r.Address
			}
		}
		if r.Tainted {
			tainted = append(tainted, r.Address)
		}
	}
	return ids, tainted
}

// Consistency compares a workspace's state with the device: orphans are
// on the device but in no state (an OS disk counts with its VM; a disk
// whose VM is gone is an orphan), lost are in state but not on the device.
type Consistency struct {
	Orphans []string
	Lost    []string
}

// Check compares the states of workspaces with what the device has.
func Check(ctx context.Context, d *Device, workspaces ...*Workspace) Consistency {
	recorded := map[string]string{}
	for _, w := range workspaces {
		ids, _ := w.Recorded(ctx)
		for k, v := range ids {
			recorded[k] = v
		}
	}
	onDevice := map[string]bool{}
	var c Consistency
	for _, id := range d.Resources() {
		k := strings.ToLower(id)
		onDevice[k] = true
		if strings.Contains(k, "/providers/microsoft.compute/disks/") {
			if d.DiskAttached(id) {
				continue
			}
		} else if _, ok := recorded[k]; ok {
			continue
		}
		c.Orphans = append(c.Orphans, id)
	}
	for k, addr := range recorded {
		if !onDevice[k] {
			c.Lost = append(c.Lost, addr+" ("+k+")")
		}
	}
	sort.Strings(c.Orphans)
	sort.Strings(c.Lost)
	return c
}

// OK reports whether nothing is orphaned or lost.
func (c Consistency) OK() bool { return len(c.Orphans) == 0 && len(c.Lost) == 0 }

func (c Consistency) String() string {
	return fmt.Sprintf("%d orphaned %v, %d lost %v", len(c.Orphans), c.Orphans, len(c.Lost), c.Lost)
}
