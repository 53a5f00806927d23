package acctest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// Diagnostic is one of Terraform's diagnostics as its machine-readable
// output (-json) gives it, with the configuration attribute it points at.
type Diagnostic struct {
	tfjson.Diagnostic
	// Address is the resource the diagnostic is about, when Terraform says.
	Address string `json:"address,omitempty"`
	// Attribute is the name of the attribute whose expression the
	// diagnostic's range starts at (for example "size", or "create" inside
	// a timeouts block); empty when it points at a block or nowhere.
	Attribute string `json:"-"`
}

func (d Diagnostic) String() string {
	at := d.Attribute
	if at == "" && d.Range != nil {
		at = fmt.Sprintf("line %d", d.Range.Start.Line)
	}
	return fmt.Sprintf("%s %q at %s [%s]: %s", d.Severity, d.Summary, at, d.Address, strings.Join(strings.Fields(d.Detail), " "))
}

// ValidateDiagnostics runs terraform validate -json and returns its
// diagnostics.
func (w *Workspace) ValidateDiagnostics(ctx context.Context) ([]Diagnostic, error) {
	var out *tfjson.ValidateOutput
	err := w.run(func() (err error) { out, err = w.tf.Validate(ctx); return err })
	if err != nil {
		return nil, err
	}
	diags := make([]Diagnostic, 0, len(out.Diagnostics))
	for _, d := range out.Diagnostics {
		diags = append(diags, Diagnostic{Diagnostic: d})
	}
	return w.locate(diags), nil
}

// PlanDiagnostics runs terraform plan -json; err is Terraform's failure,
// the diagnostics what it reported either way.
func (w *Workspace) PlanDiagnostics(ctx context.Context) ([]Diagnostic, error) {
	var buf bytes.Buffer
	err := w.run(func() error {
		defer w.tf.SetStdout(&w.out)
		_, err := w.tf.PlanJSON(ctx, &buf)
		w.out.Write(buf.Bytes())
		return err
	})
	return w.locate(parseJSONLog(buf.Bytes())), err
}

// ApplyDiagnostics runs terraform apply -json; err is Terraform's failure,
// the diagnostics what it reported either way.
func (w *Workspace) ApplyDiagnostics(ctx context.Context) ([]Diagnostic, error) {
	var buf bytes.Buffer
	err := w.run(func() error {
		defer w.tf.SetStdout(&w.out)
		err := w.tf.ApplyJSON(ctx, &buf)
		w.out.Write(buf.Bytes())
		return err
	})
	return w.locate(parseJSONLog(buf.Bytes())), err
}

// parseJSONLog picks the diagnostics out of Terraform's machine-readable
// UI output: one JSON message a line.
func parseJSONLog(b []byte) []Diagnostic {
	var diags []Diagnostic
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		var msg struct {
			Type       string      `json:"type"`
			Diagnostic *Diagnostic `json:"diagnostic"`
		}
		if json.Unmarshal(sc.Bytes(), &msg) == nil && msg.Type == "diagnostic" && msg.Diagnostic != nil {
			diags = append(diags, *msg.Diagnostic)
		}
	}
	return diags
}

var attributeLine = regexp.MustCompile(`^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=`)

// locate names the attribute each diagnostic's range starts at, reading
// the line of the configuration file it points into.
func (w *Workspace) locate(diags []Diagnostic) []Diagnostic {
	files := map[string][]string{}
	for i, d := range diags {
		if d.Range == nil || d.Range.Filename == "" {
			continue
		}
		lines, ok := files[d.Range.Filename]
		if !ok {
			b, err := os.ReadFile(filepath.Join(w.Dir, d.Range.Filename))
			if err == nil {
				lines = strings.Split(string(b), "\n")
			}
			files[d.Range.Filename] = lines
		}
		if n := d.Range.Start.Line; n >= 1 && n <= len(lines) {
			if m := attributeLine.FindStringSubmatch(lines[n-1]); m != nil {
				diags[i].Attribute = m[1]
			}
		}
	}
	return diags
}

// Errors keeps the error diagnostics.
func Errors(diags []Diagnostic) []Diagnostic {
	var errs []Diagnostic
	for _, d := range diags {
		if d.Severity == tfjson.DiagnosticSeverityError {
			errs = append(errs, d)
		}
	}
	return errs
}
