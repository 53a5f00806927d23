package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-version"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(out.String()); !strings.HasPrefix(got, "mockdevice ") || len(got) <= len("mockdevice ") {
		t.Fatalf("-version printed %q", got)
	}
}

// startHeader runs the command until it prints its first line (the
// device it serves) and returns that line.
func startHeader(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"-ca-out", filepath.Join(t.TempDir(), "ca.pem")}, args...), w, io.Discard)
		w.Close()
	}()
	line, _ := bufio.NewReader(out).ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, out) }()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return line
}

// A fixture describes the device; flags given on the command line override
// it, flag defaults do not.
func TestFixtureAndFlags(t *testing.T) {
	fx := filepath.Join(t.TempDir(), "device.json")
	if err := os.WriteFile(fx, []byte(`{"release": "2309", "gpus": 1, "gpu_type": "A2", "kubernetes": true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if h := startHeader(t, "-fixture", fx); !strings.Contains(h, "1 A2 GPU(s), 0 free, release 2309") {
		t.Fatalf("from the fixture: %s", h)
	}
	if h := startHeader(t, "-fixture", fx, "-gpus", "2", "-release", "2403"); !strings.Contains(h, "2 A2 GPU(s), 0 free, release 2403") {
		t.Fatalf("flags over the fixture: %s", h)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	_ = os.WriteFile(bad, []byte(`{"gpus": 1, "vms": [{"resource_group": "ASERG", "name": "big", "size": "Standard_NC32as_2T4_v1", "os_type": "Linux"}]}`), 0o600)
	err := run(context.Background(), []string{"-fixture", bad}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "fixture "+bad+": vms[0].size") {
		t.Fatalf("impossible fixture: %v", err)
	}
}

// A fixture describes a new device: once -state holds one, a restart
// starts from the state file and says so.
func TestFixtureThenState(t *testing.T) {
	dir := t.TempDir()
	fx, state := filepath.Join(dir, "device.json"), filepath.Join(dir, "state.json")
	_ = os.WriteFile(fx, []byte(`{"gpus": 2, "kubernetes": true}`), 0o600)
	if h := startHeader(t, "-fixture", fx, "-state", state); !strings.Contains(h, "2 T4 GPU(s), 0 free") {
		t.Fatalf("first start: %s", h)
	}
	_ = os.WriteFile(fx, []byte(`{"gpus": 2}`), 0o600)
	var errOut bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-fixture", fx, "-state", state, "-ca-out", filepath.Join(dir, "ca.pem")}, w, &errOut)
		w.Close()
	}()
	line, _ := bufio.NewReader(out).ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, out) }()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(line, "0 free") || !strings.Contains(errOut.String(), "already holds a device") {
		t.Fatalf("restart: %s / %s", line, errOut.String())
	}
	// A fixture of other hardware than the state file's device is refused,
	// saying the fixture counts.
	_ = os.WriteFile(fx, []byte(`{"gpus": 1}`), 0o600)
	err := run(context.Background(), []string{"-fixture", fx, "-state", state, "-ca-out", filepath.Join(dir, "ca.pem")}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "fixture's gpus") {
		t.Fatalf("a fixture of other hardware: %v", err)
	}
}
