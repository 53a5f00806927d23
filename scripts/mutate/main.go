// Command mutate checks that the tests notice when the provider breaks:
// it applies each mutation in mutations.go, one at a time, to a temporary
// copy of the repository, runs the tests named for it there, and reports
// which mutations the tests caught. A mutation no test catches, one that
// no longer applies (its code changed) or one that does not build fails
// the run. The copy keeps the working tree untouched, and the e2e tests,
// which build the provider binary from the repository they run in, test
// the mutant too.
//
// Usage (make mutate runs it with TF_ACC=1 and a terraform on PATH):
//
//	go run ./scripts/mutate [-only REGEXP] [-baseline=false] [-keep]
//
// Generic mutation tools (gremlins, go-mutesting) flip operators across
// whole packages; these mutations are the semantic ones issue 15 names
// (a rule turned off, a retry turned off, an error blamed on the wrong
// attribute, a value not sent, a cleanup skipped), each aimed at the tests
// that claim to guard it.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

func main() {
	only := flag.String("only", "", "run only the mutations whose name matches this regular expression")
	baseline := flag.Bool("baseline", true, "first run each test unmutated: a test that fails anyway proves nothing")
	keep := flag.Bool("keep", false, "keep the temporary copy (its path is printed)")
	flag.Parse()
	if err := run(*only, *baseline, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		os.Exit(1)
	}
}

type verdict struct {
	m       mutation
	outcome string // caught, SURVIVED, DOES NOT APPLY, DOES NOT BUILD
	by      []string
}

func run(only string, baseline, keep bool) error {
	pick, err := regexp.Compile(only)
	if err != nil {
		return err
	}
	root, err := gitOutput("", "rev-parse", "--show-toplevel")
	if err != nil {
		return err
	}
	copyDir, err := os.MkdirTemp("", "mutate-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Println("the copy:", copyDir)
	} else {
		defer os.RemoveAll(copyDir)
	}
	if err := copyTree(root, copyDir); err != nil {
		return err
	}
	var chosen []mutation
	for _, m := range mutations {
		if pick.MatchString(m.name) {
			chosen = append(chosen, m)
		}
	}
	if len(chosen) == 0 {
		return fmt.Errorf("no mutation's name matches %q", only)
	}
	if baseline {
		seen := map[string]bool{}
		for _, m := range chosen {
			for _, tr := range m.tests {
				if seen[tr.String()] {
					continue
				}
				seen[tr.String()] = true
				fmt.Printf("baseline: go test %s\n", tr)
				if ok, out := goTest(copyDir, tr); !ok {
					return fmt.Errorf("unmutated, go test %s fails, so it can catch nothing:\n%s", tr, tail(out, 40))
				}
			}
		}
	}
	var verdicts []verdict
	for _, m := range chosen {
		v := try(copyDir, m)
		fmt.Printf("%-15s %-16s %s%s\n", v.outcome, "("+m.kind+")", m.name, byWhom(v.by))
		verdicts = append(verdicts, v)
	}
	fmt.Println("\nmutations:")
	failed := 0
	for _, v := range verdicts {
		if v.outcome != "caught" {
			failed++
		}
		fmt.Printf("  %-15s %-16s %s%s\n", v.outcome, "("+v.m.kind+")", v.m.name, byWhom(v.by))
	}
	fmt.Printf("%d of %d mutations caught\n", len(verdicts)-failed, len(verdicts))
	if failed > 0 {
		return fmt.Errorf("%d mutations not caught", failed)
	}
	return nil
}

// try applies one mutation to the copy, runs its tests, and restores the file.
func try(dir string, m mutation) verdict {
	v := verdict{m: m}
	file := filepath.Join(dir, filepath.FromSlash(m.file))
	orig, err := os.ReadFile(file)
	if err != nil || bytes.Count(orig, []byte(m.old)) != 1 {
		v.outcome = "DOES NOT APPLY"
		v.by = []string{fmt.Sprintf("the code to replace is not in %s exactly once: update the mutation", m.file)}
		return v
	}
	defer func() { _ = os.WriteFile(file, orig, 0o644) }()                                                  //nolint:gosec // the copy's own source file
	if err := os.WriteFile(file, bytes.Replace(orig, []byte(m.old), []byte(m.new), 1), 0o644); err != nil { //nolint:gosec // as above
		v.outcome, v.by = "DOES NOT APPLY", []string{err.Error()}
		return v
	}
	v.outcome = "SURVIVED"
	for _, tr := range m.tests {
		start := time.Now()
		ok, out := goTest(dir, tr)
		switch {
		case ok:
			fmt.Printf("    passed (%s): go test %s\n", time.Since(start).Round(time.Second), tr)
		case strings.Contains(out, "[build failed]") || strings.Contains(out, "[setup failed]") || strings.Contains(out, "building the provider:"):
			v.outcome = "DOES NOT BUILD"
			v.by = append(v.by, tail(out, 20))
			return v
		default:
			fmt.Printf("    failed (%s): go test %s\n", time.Since(start).Round(time.Second), tr)
			v.outcome = "caught"
			v.by = append(v.by, failures(out)...)
		}
	}
	return v
}

// goTest runs one test invocation in dir, as make test does.
func goTest(dir string, tr testRun) (bool, string) {
	cmd := exec.Command("go", "test", tr.pkg, "-run", tr.run, "-count=1", "-timeout", "30m") //nolint:gosec // the mutations' own test runs
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_ACC=1", "CHECKPOINT_DISABLE=1")
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		if tf, err := exec.LookPath("terraform"); err == nil {
			cmd.Env = append(cmd.Env, "TF_ACC_TERRAFORM_PATH="+tf)
		}
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return err == nil, out.String()
}

// failures lists the failed tests in go test's output.
func failures(out string) []string {
	var names []string
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(strings.TrimSpace(line)); len(f) >= 3 && f[0] == "---" && f[1] == "FAIL:" {
			names = append(names, f[2])
		}
	}
	if len(names) == 0 {
		names = []string{"go test failed: " + tail(out, 5)}
	}
	return names
}

func byWhom(by []string) string {
	if len(by) == 0 {
		return ""
	}
	return ": " + strings.Join(by, ", ")
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func gitOutput(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...) //nolint:gosec // git with this program's own arguments
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}

// copyTree copies the repository's files (tracked, and untracked ones git
// does not ignore) from root to dir; links and what is missing are left out.
func copyTree(root, dir string) error {
	list, err := gitOutput(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		return err
	}
	for _, name := range strings.Split(list, "\x00") {
		if name == "" {
			continue
		}
		src := filepath.Join(root, name)
		info, err := os.Lstat(src)
		if errors.Is(err, os.ErrNotExist) || (err == nil && !info.Mode().IsRegular()) {
			continue
		}
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
			return err
		}
		if err := copyFile(src, dst, info.Mode().Perm()); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string, perm os.FileMode) error {
	in, err := os.Open(src) //nolint:gosec // a file git lists
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, perm) //nolint:gosec // inside the temporary copy
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}
