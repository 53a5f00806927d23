package examples

import (
	"bufio"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// workflow is the part of a GitHub Actions workflow the guide's uses.
type workflow struct {
	Jobs map[string]struct {
		Env   map[string]string `yaml:"env"`
		Steps []struct {
			Name string `yaml:"name"`
			Uses string `yaml:"uses"`
			Run  string `yaml:"run"`
			If   string `yaml:"if"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// The testing guide's GitHub Actions workflow, its run steps run as the
// runner runs them (bash -eo pipefail, the job's env, $GITHUB_ENV read
// between steps, $RUNNER_TEMP) in the gpu-workload module, with two
// substitutions that need the network: the mock device is built from this
// clone instead of go install (scripts/check-go-install.sh checks that
// path), and terraform get replaces terraform init, as the guide says to
// with dev_overrides (this build of the provider). The uses: steps set up
// Go and Terraform, which this machine has.
func TestGuideWorkflow(t *testing.T) {
	tf := moduleTerraform(t)
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("the workflow's steps are bash and there is no bash here")
	}
	b, err := os.ReadFile(filepath.Join(root, "examples/mock-device-ci/github-actions.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(b, &wf); err != nil {
		t.Fatal(err)
	}
	job, ok := wf.Jobs["terraform-test"]
	if !ok {
		t.Fatalf("no job terraform-test in the workflow")
	}
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "mockdevice"), "./internal/mockdevice/cmd/mockdevice")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the mock device: %v\n%s", err, out)
	}
	if err := os.Symlink(tf, filepath.Join(bin, "terraform")); err != nil {
		t.Fatal(err)
	}
	runnerTemp := t.TempDir()
	githubEnv := filepath.Join(runnerTemp, "github_env")
	if err := os.WriteFile(githubEnv, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	base := append(withoutEmpty(append(os.Environ(), "TF_VAR_image_id=", "TF_VAR_subnet_id=")), devOverrides(t)...)
	base = append(base, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"RUNNER_TEMP="+runnerTemp, "GITHUB_ENV="+githubEnv, "TF_CLI_ARGS=-no-color")
	for k, v := range job.Env {
		base = append(base, k+"="+v)
	}
	ran, failed := map[string]string{}, false
	t.Cleanup(func() {
		// A workflow that fails to stop the mock: stop it here.
		for _, kv := range readGitHubEnv(t, githubEnv) {
			if pid, ok := strings.CutPrefix(kv, "MOCK_PID="); ok {
				_ = exec.Command("kill", pid).Run()
			}
		}
	})
	for _, step := range job.Steps {
		if step.Run == "" || (failed && step.If != "always()") {
			continue
		}
		script := strings.ReplaceAll(step.Run, "terraform init -input=false", "terraform get")
		if strings.Contains(script, "go install ") {
			script = "mockdevice -version"
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
		cmd.Dir = moduleDir
		cmd.Env = append(append([]string{}, base...), readGitHubEnv(t, githubEnv)...)
		out, err := cmd.CombinedOutput()
		name := step.Name
		if name == "" {
			name = strings.TrimSpace(step.Run)
		}
		ran[name] = string(out)
		if err != nil {
			failed = true
			t.Errorf("step %q: %v\n%s", name, err, out)
		}
	}
	for step, want := range map[string]string{
		"terraform test": "5 passed, 0 failed",
		"terraform test on a device where Kubernetes holds the GPUs": "2 passed, 0 failed",
		"Stop the mock device": "mockdevice: stopping",
	} {
		if !strings.Contains(ran[step], want) {
			t.Errorf("step %q: want %q in its output:\n%s", step, want, ran[step])
		}
	}
	// The mock device the workflow started no longer serves.
	m := regexp.MustCompile(`at https://(127\.0\.0\.1:\d+)`).FindStringSubmatch(ran["Start the mock device from the module's fixture"])
	if m == nil {
		t.Fatalf("the workflow did not show the mock device's address")
	}
	if c, err := net.DialTimeout("tcp", m[1], time.Second); err == nil {
		c.Close()
		t.Errorf("the mock device at %s still serves after the workflow", m[1])
	}
}

// readGitHubEnv reads the KEY=value lines steps appended to $GITHUB_ENV.
func readGitHubEnv(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var env []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.Contains(sc.Text(), "=") {
			env = append(env, sc.Text())
		}
	}
	return env
}
