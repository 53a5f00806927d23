package runcache

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestStartTime(t *testing.T) {
	for _, tc := range []struct {
		name, stat, want string
		ok               bool
	}{
		{"plain", "4242 (terraform) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 12 0 987654 1000 200", "987654", true},
		{"name with spaces and parentheses", "77 (my (odd) name) S 1 77 77 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 31337 1 1", "31337", true},
		{"cut short", "77 (terraform) S 1 77", "", false},
		{"no command name", "77 terraform S 1", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := startTime(tc.stat)
			if got != tc.want || ok != tc.ok {
				t.Errorf("startTime(%q) = %q, %v; want %q, %v", tc.stat, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// clock is a settable time for the TTL.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newTestCache(t *testing.T, run, scope string, clk *clock) *Cache {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "cache")
	if _, err := userDir(dir); err != nil {
		t.Fatal(err)
	}
	return open(dir, run, scope, time.Minute, clk.now)
}

func TestLoadOffersWhatTheRunStored(t *testing.T) {
	clk := &clock{t: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)}
	c := newTestCache(t, "run-1", "device-a", clk)
	type vm struct{ Name, Size string }
	want := []vm{{"a", "Standard_NC4as_T4_v3"}}
	c.Store("vms", clk.t, want)
	clk.t = clk.t.Add(time.Second)

	var got []vm
	if !c.Load("vms", &got) || len(got) != 1 || got[0] != want[0] {
		t.Fatalf("Load = %v, want %v", got, want)
	}
	if c.Load("subnet", &got) {
		t.Error("a key never stored was offered")
	}
	for _, other := range []struct{ run, scope string }{{"run-2", "device-a"}, {"run-1", "device-b"}} {
		o := open(c.dir, other.run, other.scope, time.Minute, clk.now)
		if o.Load("vms", &got) {
			t.Errorf("run %q, scope %q was offered run-1's device-a entry", other.run, other.scope)
		}
	}
}

func TestLoadRefusesExpiredAndFutureEntries(t *testing.T) {
	clk := &clock{t: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)}
	c := newTestCache(t, "run", "scope", clk)
	c.Store("k", clk.t, 1)
	var v int
	clk.t = clk.t.Add(time.Minute)
	if !c.Load("k", &v) {
		t.Fatal("an entry exactly TTL old was refused")
	}
	clk.t = clk.t.Add(time.Nanosecond)
	if c.Load("k", &v) {
		t.Error("an entry older than the TTL was offered")
	}
	clk.t = time.Date(2026, 11, 27, 7, 0, 0, 0, time.UTC) // the clock went back
	if c.Load("k", &v) {
		t.Error("an entry read in the future was offered")
	}
}

func TestChangedVoidsEarlierEntriesOnly(t *testing.T) {
	clk := &clock{t: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)}
	c := newTestCache(t, "run", "scope", clk)
	c.Store("before", clk.t, 1)
	clk.t = clk.t.Add(time.Second)
	// Another process of the same run changes the device.
	open(c.dir, "run", "scope", time.Minute, clk.now).Changed()
	clk.t = clk.t.Add(time.Second)
	c.Store("after", clk.t, 2)

	var v int
	if c.Load("before", &v) {
		t.Error("an entry read before the run changed the device was offered")
	}
	if !c.Load("after", &v) || v != 2 {
		t.Errorf("the entry read after the change: %v, %d", c.Load("after", &v), v)
	}
	// A change through another scope (another alias of the same device,
	// configured otherwise) voids this scope's entries too.
	clk.t = clk.t.Add(time.Second)
	open(c.dir, "run", "other", time.Minute, clk.now).Changed()
	if c.Load("after", &v) {
		t.Error("a change through another of the run's scopes left this scope's entry offered")
	}
	// Another run's change says nothing of this run's reads.
	clk.t = clk.t.Add(time.Second)
	c.Store("later", clk.t, 3)
	open(c.dir, "another run", "scope", time.Minute, clk.now).Changed()
	if !c.Load("later", &v) {
		t.Error("another run's change voided this run's entry")
	}
}

func TestLoadFixedOutlivesChangesButNotTheTTL(t *testing.T) {
	clk := &clock{t: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)}
	c := newTestCache(t, "run", "scope", clk)
	c.Store("metadata", clk.t, "login")
	clk.t = clk.t.Add(time.Second)
	c.Changed()
	var v string
	if c.Load("metadata", &v) {
		t.Error("Load offered an entry read before the change")
	}
	if !c.LoadFixed("metadata", &v) || v != "login" {
		t.Errorf("LoadFixed after a change: %q; want the entry, which no change alters", v)
	}
	if o := open(c.dir, "run", "other", time.Minute, clk.now); o.LoadFixed("metadata", &v) {
		t.Error("LoadFixed offered another scope's entry")
	}
	clk.t = clk.t.Add(time.Minute)
	if c.LoadFixed("metadata", &v) {
		t.Error("LoadFixed offered an entry older than the TTL")
	}
	var nilCache *Cache
	if nilCache.LoadFixed("metadata", &v) {
		t.Error("a nil cache hit")
	}
}

func TestUnreadableEntriesAreMisses(t *testing.T) {
	clk := &clock{t: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)}
	c := newTestCache(t, "run", "scope", clk)
	var v int
	if err := os.WriteFile(c.file("k"), []byte("{half"), 0o600); err != nil {
		t.Fatal(err)
	}
	if c.Load("k", &v) {
		t.Error("a corrupt file was offered")
	}
	// A file holding another key (as a digest collision would) is not this key's.
	c.Store("other", clk.t, 7)
	b, err := os.ReadFile(c.file("other"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(c.file("k"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	if c.Load("k", &v) {
		t.Error("another key's entry was offered")
	}
	// A value of another shape is a miss, not a panic.
	c.Store("k", clk.t, "text")
	if c.Load("k", &v) {
		t.Error("a string was decoded into an int")
	}
}

func TestNilCacheIsHarmless(t *testing.T) {
	var c *Cache
	c.Store("k", time.Now(), 1)
	c.Changed()
	var v int
	if c.Load("k", &v) {
		t.Error("a nil cache hit")
	}
}

func TestStoreRemovesExpiredFiles(t *testing.T) {
	clk := &clock{t: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)}
	c := newTestCache(t, "run", "scope", clk)
	old := filepath.Join(c.dir, "someoldrun-x.json")
	if err := os.WriteFile(old, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Hour)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(c.dir, "someotherrun-y.json")
	if err := os.WriteFile(fresh, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(fresh, time.Now(), time.Now()); err != nil {
		t.Fatal(err)
	}
	c.Store("k", clk.t, 1)
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("an expired file was kept")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a recent file was removed")
	}
}

func TestUserDirRefusesSharedDirectories(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("ownership is checked on Linux only, the one system whose runs are shared")
	}
	base := t.TempDir()
	open := filepath.Join(base, "open")
	if err := os.Mkdir(open, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(open, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := userDir(open); err == nil {
		t.Error("a directory others can read was accepted")
	}
	private := filepath.Join(base, "private")
	if _, err := userDir(private); err != nil {
		t.Fatalf("a new private directory: %v", err)
	}
	link := filepath.Join(base, "link")
	if err := os.Symlink(private, link); err != nil {
		t.Fatal(err)
	}
	if _, err := userDir(link); err == nil {
		t.Error("a symbolic link was accepted")
	}
}

func TestRunIDNamesTheParentProcess(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("runs are told apart on Linux only")
	}
	a, ok := runID()
	b, _ := runID()
	if !ok || a == "" || a != b {
		t.Fatalf("runID = %q, %v and then %q: want one ID for this process's parent", a, ok, b)
	}
	if run := ThisRun(); run == "" || run != ThisRun() || strings.Contains(run, a) {
		t.Errorf("ThisRun = %q: want one name for this run, not its raw ID %q", run, a)
	}
	if args := parentArgs(); len(args) == 0 || args[0] == "" {
		t.Errorf("parentArgs = %q: want the parent's command line", args)
	}
}

func TestUnattended(t *testing.T) {
	none := func(string) string { return "" }
	for _, tc := range []struct {
		name string
		argv []string
		env  map[string]string
		want bool
	}{
		{"apply -auto-approve", []string{"terraform", "apply", "-auto-approve"}, nil, true},
		{"destroy -auto-approve, options first", []string{"/usr/bin/tofu", "-chdir=infra", "destroy", "-input=false", "--auto-approve"}, nil, true},
		{"apply asking for approval", []string{"terraform", "apply"}, nil, false},
		{"apply -auto-approve=false", []string{"terraform", "apply", "-auto-approve=false"}, nil, false},
		{"auto-approve from TF_CLI_ARGS_apply", []string{"terraform", "apply"}, map[string]string{"TF_CLI_ARGS_apply": "-input=false -auto-approve"}, true},
		{"auto-approve from TF_CLI_ARGS", []string{"terraform", "destroy"}, map[string]string{"TF_CLI_ARGS": "-auto-approve"}, true},
		{"the command line overrides TF_CLI_ARGS", []string{"terraform", "apply", "-auto-approve=false"}, map[string]string{"TF_CLI_ARGS": "-auto-approve"}, false},
		{"another command's TF_CLI_ARGS", []string{"terraform", "apply"}, map[string]string{"TF_CLI_ARGS_destroy": "-auto-approve"}, false},
		// Terraform puts TF_CLI_ARGS after TF_CLI_ARGS_<command>: its
		// options win (an outside test found the reverse order shared).
		{"TF_CLI_ARGS overrides TF_CLI_ARGS_apply", []string{"terraform", "apply"},
			map[string]string{"TF_CLI_ARGS": "-auto-approve=false", "TF_CLI_ARGS_apply": "-auto-approve"}, false},
		{"TF_CLI_ARGS_apply overridden by TF_CLI_ARGS", []string{"terraform", "apply"},
			map[string]string{"TF_CLI_ARGS": "-auto-approve", "TF_CLI_ARGS_apply": "-auto-approve=false"}, true},
		{"plan", []string{"terraform", "plan", "-auto-approve"}, nil, false},
		{"test", []string{"terraform", "test"}, nil, false},
		{"a variable's value", []string{"terraform", "apply", "-var", "x=-auto-approve"}, nil, false},
		{"no command", []string{"terraform", "-version"}, nil, false},
		{"-auto-approve=1", []string{"terraform", "apply", "-auto-approve=1"}, nil, true},
		{"the value of -state-out", []string{"terraform", "apply", "-state-out", "-auto-approve"}, nil, false},
		{"the value of -backup", []string{"terraform", "apply", "-backup", "-auto-approve"}, nil, false},
		{"the value of an option unknown here", []string{"terraform", "apply", "-new-option", "-auto-approve"}, nil, false},
		{"after a bool option", []string{"terraform", "apply", "-no-color", "-auto-approve"}, nil, true},
		{"after options with values", []string{"terraform", "apply", "-var=a=b", "-parallelism", "4", "-auto-approve"}, nil, true},
		{"after the plan file", []string{"terraform", "apply", "plan.tfplan", "-auto-approve"}, nil, false},
		{"the value of -state-out in TF_CLI_ARGS_apply", []string{"terraform", "apply"}, map[string]string{"TF_CLI_ARGS_apply": "-state-out -auto-approve"}, false},
		{"quoting in TF_CLI_ARGS_apply", []string{"terraform", "apply"}, map[string]string{"TF_CLI_ARGS_apply": `-var note=a\ -auto-approve`}, false},
		{"quotes in TF_CLI_ARGS", []string{"terraform", "apply", "-auto-approve"}, map[string]string{"TF_CLI_ARGS": `-var='x= -auto-approve=false'`}, false},
		{"-auto-approve=maybe", []string{"terraform", "apply", "-auto-approve=maybe"}, nil, false},
		{"no command line", nil, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			getenv := none
			if tc.env != nil {
				getenv = func(k string) string { return tc.env[k] }
			}
			if got := unattended(tc.argv, getenv); got != tc.want {
				t.Errorf("unattended(%q) = %v, want %v", tc.argv, got, tc.want)
			}
		})
	}
}

func TestDestroyingAll(t *testing.T) {
	for _, tc := range []struct {
		name string
		argv []string
		env  map[string]string
		want bool
	}{
		{"destroy", []string{"terraform", "destroy", "-auto-approve"}, nil, true},
		{"apply -destroy", []string{"terraform", "apply", "-destroy"}, nil, true},
		{"destroy -target=", []string{"terraform", "destroy", "-target=azurestackedge_gpu_extension.a"}, nil, false},
		{"destroy -target ADDR", []string{"terraform", "destroy", "-target", "azurestackedge_gpu_extension.a"}, nil, false},
		{"destroy --target", []string{"terraform", "destroy", "--target=a.b"}, nil, false},
		{"destroy -exclude", []string{"terraform", "destroy", "-exclude=azurestackedge_gpu_vm.a"}, nil, false},
		{"a target file", []string{"terraform", "destroy", "-target-file=targets"}, nil, false},
		{"-target from TF_CLI_ARGS", []string{"terraform", "destroy"}, map[string]string{"TF_CLI_ARGS": "-target=a.b"}, false},
		{"-target from TF_CLI_ARGS_destroy", []string{"terraform", "destroy"}, map[string]string{"TF_CLI_ARGS_destroy": "-target=a.b"}, false},
		{"not destroy mode", []string{"terraform", "apply", "-auto-approve"}, nil, false},
		{"a variable naming target", []string{"terraform", "destroy", "-var", "target=x"}, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			getenv := func(k string) string { return tc.env[k] }
			if got := destroyingAll(tc.argv, getenv); got != tc.want {
				t.Errorf("destroyingAll(%q) = %v, want %v", tc.argv, got, tc.want)
			}
		})
	}
}

func TestDestroying(t *testing.T) {
	none := func(string) string { return "" }
	for _, tc := range []struct {
		name string
		argv []string
		env  map[string]string
		want bool
	}{
		{"destroy", []string{"terraform", "destroy"}, nil, true},
		{"destroy -auto-approve, options first", []string{"/usr/bin/tofu", "-chdir=infra", "destroy", "-auto-approve"}, nil, true},
		{"apply -destroy", []string{"terraform", "apply", "-destroy", "-auto-approve"}, nil, true},
		{"plan -destroy -out", []string{"terraform", "plan", "-out", "p.tfplan", "-destroy"}, nil, true},
		{"plan -detailed-exitcode -destroy", []string{"terraform", "plan", "-detailed-exitcode", "-destroy"}, nil, true},
		{"apply", []string{"terraform", "apply", "-auto-approve"}, nil, false},
		{"plan", []string{"terraform", "plan"}, nil, false},
		{"apply -destroy=false", []string{"terraform", "apply", "-destroy=false"}, nil, false},
		{"apply -destroy -destroy=false", []string{"terraform", "apply", "-destroy", "-destroy=false"}, nil, false},
		{"-destroy from TF_CLI_ARGS_apply", []string{"terraform", "apply"}, map[string]string{"TF_CLI_ARGS_apply": "-destroy"}, true},
		{"another command's TF_CLI_ARGS", []string{"terraform", "apply"}, map[string]string{"TF_CLI_ARGS_plan": "-destroy"}, false},
		{"a variable's value", []string{"terraform", "apply", "-var", "x=-destroy"}, nil, false},
		{"the value of an option unknown here", []string{"terraform", "apply", "-new-option", "-destroy"}, nil, false},
		{"after the plan file", []string{"terraform", "apply", "plan.tfplan", "-destroy"}, nil, false},
		{"quoting in TF_CLI_ARGS", []string{"terraform", "apply", "-destroy"}, map[string]string{"TF_CLI_ARGS": `-var='a=b'`}, false},
		{"-destroy=maybe", []string{"terraform", "apply", "-destroy=maybe"}, nil, false},
		{"refresh", []string{"terraform", "refresh"}, nil, false},
		{"test", []string{"terraform", "test"}, nil, false},
		{"import", []string{"terraform", "import", "a.b", "id"}, nil, false},
		{"no command", []string{"terraform", "-version"}, nil, false},
		{"no command line", nil, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			getenv := none
			if tc.env != nil {
				getenv = func(k string) string { return tc.env[k] }
			}
			if got := destroying(tc.argv, getenv); got != tc.want {
				t.Errorf("destroying(%q) = %v, want %v", tc.argv, got, tc.want)
			}
		})
	}
}
