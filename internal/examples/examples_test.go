package examples

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/hashicorp/go-version"
)

// root is the repository root, from this package's directory.
const root = "../.."

// terraform finds the CLI the acceptance tests use.
func terraform(t *testing.T) string {
	t.Helper()
	acctest.PreCheck(t)
	return acctest.TerraformPath(t)
}

func terraformVersion(t *testing.T, tf string) *version.Version {
	out, err := exec.Command(tf, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	v, ok := parseCLIVersion(out)
	if !ok {
		t.Fatalf("terraform version said %q", out)
	}
	return v
}

// parseCLIVersion reads the first line of `terraform version`: Terraform
// says "Terraform v1.11.4", OpenTofu "OpenTofu v1.12.6".
func parseCLIVersion(out []byte) (*version.Version, bool) {
	m := regexp.MustCompile(`(?m)^(?:Terraform|OpenTofu) v(\S+)`).FindSubmatch(out)
	if m == nil {
		return nil, false
	}
	v, err := version.NewVersion(string(m[1]))
	return v, err == nil
}

// cli runs terraform in dir with env added, failing the test on error.
func cli(t *testing.T, tf, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(tf, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1"), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("terraform %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out.String())
	}
	return out.String()
}

// devOverrides builds the provider and writes a CLI configuration serving
// it to Terraform, returning the environment that uses it.
func devOverrides(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-azurestackedge"), ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	rc := filepath.Join(dir, "terraformrc")
	config := "provider_installation {\n  dev_overrides {\n    \"asegpu/azurestackedge\" = \"" + dir + "\"\n  }\n  direct {}\n}\n"
	if err := os.WriteFile(rc, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return []string{"TF_CLI_CONFIG_FILE=" + rc, "TF_DATA_DIR=" + filepath.Join(dir, "data")}
}

func TestExamplesAreFormatted(t *testing.T) {
	tf := terraform(t)
	cmd := exec.Command(tf, "fmt", "-check", "-recursive", "-diff", "examples")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("terraform fmt -check found examples to format (run terraform fmt -recursive examples):\n%s", out)
	}
}

// minVersion of examples that use newer language features.
var minVersion = map[string]string{
	"functions/gpu_count":             "1.8.0",  // provider functions
	"resources/azurestackedge_gpu_vm": "1.11.0", // write-only and ephemeral variables
	"modules/gpu-workload":            "1.8.0",
	"gpu-workload-2gpu":               "1.8.0",
	"demo":                            "1.8.0",
}

// Every example directory validates against this build of the provider.
func TestExamplesValidate(t *testing.T) {
	tf := terraform(t)
	have := terraformVersion(t, tf)
	env := devOverrides(t)
	dirs, _ := filepath.Glob(filepath.Join(root, "examples", "*"))
	sub, _ := filepath.Glob(filepath.Join(root, "examples", "*", "*"))
	found := 0
	for _, dir := range append(dirs, sub...) {
		tfFiles, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
		if len(tfFiles) == 0 {
			continue
		}
		found++
		rel, _ := filepath.Rel(filepath.Join(root, "examples"), dir)
		t.Run(rel, func(t *testing.T) {
			if min, ok := minVersion[filepath.ToSlash(rel)]; ok && have.LessThan(version.Must(version.NewVersion(min))) {
				t.Skipf("needs Terraform %s or later; this is %s", min, have)
			}
			work := dir
			if !declaresProvider(t, tfFiles) {
				// A documentation snippet: validate a copy that says where
				// the provider comes from.
				work = t.TempDir()
				for _, f := range tfFiles {
					b, _ := os.ReadFile(f)
					_ = os.WriteFile(filepath.Join(work, filepath.Base(f)), b, 0o600)
				}
				_ = os.WriteFile(filepath.Join(work, "providers.tf"), []byte(
					"terraform {\n  required_providers {\n    azurestackedge = { source = \"asegpu/azurestackedge\" }\n  }\n}\n"), 0o600)
				if strings.HasPrefix(rel, "resources/azurestackedge_gpu_extension") {
					// It refers to the VMs of the gpu_vm example.
					vms, _ := os.ReadFile(filepath.Join(root, "examples/resources/azurestackedge_gpu_vm/resource.tf"))
					_ = os.WriteFile(filepath.Join(work, "vms.tf"), vms, 0o600)
				}
			}
			dataDir := t.TempDir()
			runEnv := append(append([]string{}, env...), "TF_DATA_DIR="+dataDir)
			cli(t, tf, work, runEnv, "get")
			cli(t, tf, work, runEnv, "validate", "-no-color")
		})
	}
	// A glob that finds nothing (a moved directory, a wrong root) must not
	// pass as "every example validates".
	if found < len(minVersion) {
		t.Fatalf("found %d example directories under %s; expected at least the %d of minVersion", found, filepath.Join(root, "examples"), len(minVersion))
	}
}

func declaresProvider(t *testing.T, files []string) bool {
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("required_providers")) {
			return true
		}
	}
	return false
}

// The gpu-workload module's terraform test passes against the mock device
// its tests/device.json describes, as the testing guide runs it.
func TestModuleTerraformTest(t *testing.T) {
	tf := moduleTerraform(t)
	d, env := moduleDevice(t, tf, "tests/device.json")
	out := cli(t, tf, moduleDir, env, "test", "-no-color")
	if !strings.Contains(out, "5 passed, 0 failed") {
		t.Fatalf("terraform test:\n%s", out)
	}
	if left := d.Resources(); len(left) > 0 {
		t.Fatalf("terraform test left %v on the device", left)
	}
}
