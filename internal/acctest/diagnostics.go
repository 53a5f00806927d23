package acctest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
)

// Diagnostic is one diagnostic of terraform plan -json: what it says, and
// the configuration it points at (its snippet's code names the attribute).
type Diagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
	Snippet  *struct {
		Code string `json:"code"`
	} `json:"snippet"`
}

// Attribute is the attribute the diagnostic points at: the name its
// snippet's line assigns, or "".
func (d Diagnostic) Attribute() string {
	if d.Snippet == nil {
		return ""
	}
	before, _, ok := strings.Cut(d.Snippet.Code, "=")
	words := strings.FieldsFunc(before, func(r rune) bool { return r == ' ' || r == '\t' || r == '{' })
	if !ok || len(words) == 0 {
		return ""
	}
	return words[len(words)-1]
}

// PlanDiagnostics runs terraform plan -json and returns its diagnostics
// (errors and warnings).
func (w *Workspace) PlanDiagnostics(ctx context.Context) ([]Diagnostic, error) {
	run := func(args ...string) ([]byte, error) {
		cmd := exec.CommandContext(ctx, TerraformPath(w.t), args...) //nolint:gosec // the test's own Terraform
		cmd.Dir = w.Dir
		cmd.Env = os.Environ()
		for k, v := range w.env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		var out bytes.Buffer
		cmd.Stdout = &out
		err := cmd.Run()
		return out.Bytes(), err
	}
	out, err := run("plan", "-json", "-input=false", "-no-color")
	var diags []Diagnostic
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var line struct {
			Type       string      `json:"type"`
			Diagnostic *Diagnostic `json:"diagnostic"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Type == "diagnostic" && line.Diagnostic != nil {
			diags = append(diags, *line.Diagnostic)
		}
	}
	return diags, err
}
