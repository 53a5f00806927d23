package acctest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
)

// Command is terraform with args, to run in the workspace as its own
// process, with the workspace's environment: for tests that drive
// Terraform as a person would (answering its prompts, interrupting it).
func (w *Workspace) Command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, TerraformPath(w.t), args...) //nolint:gosec // the test's own Terraform
	cmd.Dir = w.Dir
	cmd.Env = os.Environ()
	for k, v := range w.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	return cmd
}

// RunInterruptible runs terraform with args (for example "apply",
// "-auto-approve") in the workspace as its own process, and gives arm a
// function that sends that process SIGINT, as Ctrl-C does: for tests that
// interrupt Terraform at a chosen device request. It returns Terraform's
// error, with its output.
func (w *Workspace) RunInterruptible(ctx context.Context, arm func(interrupt func()), args ...string) error {
	cmd := w.Command(ctx, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	var mu sync.Mutex
	started := false
	arm(func() {
		mu.Lock()
		defer mu.Unlock()
		if started && cmd.Process != nil {
			_ = cmd.Process.Signal(os.Interrupt)
		}
	})
	mu.Lock()
	err := cmd.Start()
	started = err == nil
	mu.Unlock()
	if err != nil {
		return err
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("%w\n%s", err, out.String())
	}
	return nil
}
