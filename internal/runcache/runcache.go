// Package runcache shares what one Terraform run read from a device between
// the provider processes of that run.
//
// Terraform starts a provider process for each walk of a run: `terraform
// apply` plans in one process and applies in the next, and the apply walk
// plans every create and update again, in the process that then applies it,
// without telling the provider that it is planning again
// (hashicorp/terraform-plugin-framework#1306). The plan-time checks would
// read the device's VMs, the subnet, the image and the Azure side's capacity
// twice per apply; shared through this cache, they read them once per run.
//
// The rules that keep sharing from changing any outcome:
//
//   - A run is one Terraform process: the parent of this process, named by
//     its PID and start time (and the machine's boot). A saved plan applied
//     later is another run, which reads the device again, as does every
//     process whose run cannot be told (see runID).
//   - Only an unattended run shares: `apply` or `destroy` with
//     -auto-approve (see unattended). An apply that asks for approval may
//     wait minutes while others change the device, which its own plan
//     must then see; terraform test runs other steps between its plans.
//   - An entry lives at most TTL (seconds): what the apply's plans take
//     was read moments before, whatever slowed the run.
//   - Any change to a device by a process of the run (Changed) voids the
//     entries the run stored before it, whatever provider configuration
//     stored them: what was read before a write is not offered after it
//     (LoadFixed excepted, for what no change to a device alters).
//   - Only reads are kept, never secrets: the caller decides what (the
//     provider keeps its plan-time checks' reads, the device client its
//     endpoint metadata and its token services' public discovery
//     documents; never a token, nor anything of device.Config).
//
// The public documents of the sign-in are kept apart (ForRunFixed): no
// change to a device and no wait for an approval alters them, so every
// run that can be told shares them, attended or not, for FixedTTL; they
// are read with LoadFixed only.
//
// From the same command line it tells whether the run is in destroy mode
// (Destroying), in which the configuration's creates and updates are never
// applied.
//
// Entries are files in a directory of this user's only (0700, checked), one
// per key, written whole (rename), so concurrent processes never read half
// an entry; a file that cannot be read or decoded is a miss.
package runcache

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// TTL is how long an entry is offered after it was read from the device:
// an unattended apply's plan and its apply's first plans are seconds
// apart. A read older than this is made again, however the run got there
// (a plan slowed by one slow read, a stalled run): others may have changed
// the device meanwhile (an outside test took the GPUs during a plan a
// 15-second read slowed, and the apply, sharing the older VM list, sent
// VMs the device refused).
const TTL = 10 * time.Second

// Cache is the cache of one run, for one provider configuration. A nil
// *Cache is valid: it never hits and stores nothing.
type Cache struct {
	dir    string // this user's directory of entries
	run    string // names this run: the start of its change record's name
	prefix string // names this run and scope: the start of its entries' names
	ttl    time.Duration
	now    func() time.Time
	sweep  sync.Once
}

// ForRun is the cache of the Terraform run that started this process, for
// a provider configured as scope (any string that differs between
// configurations that may read different things). It is nil when the run
// does not share (it is not an unattended apply or destroy), when it
// cannot be told, or when the directory cannot be made safely.
func ForRun(scope string) *Cache {
	if !unattended(parentArgs(), os.Getenv) {
		return nil
	}
	run, ok := runID()
	if !ok {
		return nil
	}
	dir, err := userDir(filepath.Join(os.TempDir(), "terraform-provider-azurestackedge-"+strconv.Itoa(os.Getuid())))
	if err != nil {
		return nil
	}
	return open(dir, run, scope, TTL, time.Now)
}

// FixedTTL is how long an entry of ForRunFixed is offered after it was
// read: what no change to a device alters (its endpoint metadata, its
// token service's public discovery document) holds for a whole run, even
// one that waits for its approval; a run longer than this reads it again.
const FixedTTL = time.Hour

// ForRunFixed is the cache of the Terraform run that started this process
// for what no change to a device alters and no secret is part of (entries
// read with LoadFixed), for a provider configured as scope. Unlike ForRun
// it serves every run that can be told, attended or not: such entries do
// not go stale while a plan waits for its approval. It is nil when the run
// cannot be told or the directory cannot be made safely. Its entries live
// apart from ForRun's, which are swept after TTL.
func ForRunFixed(scope string) *Cache {
	run, ok := runID()
	if !ok {
		return nil
	}
	dir, err := userDir(filepath.Join(os.TempDir(), "terraform-provider-azurestackedge-"+strconv.Itoa(os.Getuid())+"-fixed"))
	if err != nil {
		return nil
	}
	return open(dir, run, scope, FixedTTL, time.Now)
}

// Destroying reports whether the Terraform run that started this process
// is in destroy mode (`terraform destroy`, apply or plan with -destroy),
// as its command line says without doubt; false when it cannot be told
// (not Linux, an option unknown here before -destroy, quoting in
// TF_CLI_ARGS). Such a run creates and updates nothing.
func Destroying() bool { return destroying(parentArgs(), os.Getenv) }

// DestroyingAll reports whether the run is in destroy mode over the whole
// state (no -target, no -exclude): Terraform plans to delete every resource
// of the state. False when it cannot be told, as for Destroying.
func DestroyingAll() bool { return destroyingAll(parentArgs(), os.Getenv) }

// ThisRun names the Terraform run that started this process (its PID,
// start time and the machine's boot, as the cache's entries are keyed), or
// "" when it cannot be told (not Linux, the parent gone). Two processes of
// one run get the same name; no other process ever does.
func ThisRun() string {
	run, ok := runID()
	if !ok {
		return ""
	}
	return digest(run)[:32]
}

// Open is the cache of run for scope in dir, a directory of this user's
// only (as userDir makes): for a caller that names its run itself, such
// as a test.
func Open(dir, run, scope string) (*Cache, error) {
	if _, err := userDir(dir); err != nil {
		return nil, err
	}
	return open(dir, run, scope, TTL, time.Now), nil
}

func open(dir, run, scope string, ttl time.Duration, now func() time.Time) *Cache {
	return &Cache{dir: dir, run: digest(run)[:32], prefix: digest(run + "\x00" + scope)[:32], ttl: ttl, now: now}
}

// entry is one file: the key it holds (file names are digests), when it
// was read, and the value.
type entry struct {
	Key   string          `json:"key"`
	Read  time.Time       `json:"read"`
	Value json.RawMessage `json:"value"`
}

// changedKey names the run's record of its last change to the device.
const changedKey = "\x00changed"

// Load decodes the entry of key into out and reports whether there was one
// to offer: stored by this run, within TTL, and after the run's last change.
func (c *Cache) Load(key string, out any) bool {
	e, ok := c.fresh(key)
	if !ok {
		return false
	}
	if changed, ok := c.read(changedKey); ok && !e.Read.After(changed.Read) {
		return false
	}
	return json.Unmarshal(e.Value, out) == nil
}

// LoadFixed is Load for what no change to a device alters, such as its
// endpoint metadata and its token service's discovery document: an entry
// within TTL is offered whatever the run changed since it was read.
func (c *Cache) LoadFixed(key string, out any) bool {
	e, ok := c.fresh(key)
	return ok && json.Unmarshal(e.Value, out) == nil
}

// fresh is key's entry when it is within TTL.
func (c *Cache) fresh(key string) (entry, bool) {
	if c == nil {
		return entry{}, false
	}
	e, ok := c.read(key)
	if !ok || c.now().Sub(e.Read) > c.ttl || c.now().Before(e.Read) {
		return entry{}, false
	}
	return e, true
}

// Store keeps v, read from the device at `read`, under key. Failures are
// ignored: the cache only saves requests.
func (c *Cache) Store(key string, read time.Time, v any) {
	if c == nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	c.write(key, entry{Key: key, Read: read, Value: b})
	c.sweep.Do(c.removeExpired)
}

// Changed records that a process of the run is about to change a device:
// the entries the run stored until now, for any scope, are no longer
// offered.
func (c *Cache) Changed() {
	if c == nil {
		return
	}
	c.write(changedKey, entry{Key: changedKey, Read: c.now(), Value: json.RawMessage("null")})
}

// file is where key's entry is kept. The run's change record is the
// run's, whatever the scope: a change by any of the run's provider
// configurations (aliases of one device among them) voids every entry.
func (c *Cache) file(key string) string {
	if key == changedKey {
		return filepath.Join(c.dir, c.run+"-changed.json")
	}
	return filepath.Join(c.dir, c.prefix+"-"+digest(key)[:32]+".json")
}

func (c *Cache) read(key string) (entry, bool) {
	b, err := os.ReadFile(c.file(key))
	if err != nil {
		return entry{}, false
	}
	var e entry
	if json.Unmarshal(b, &e) != nil || e.Key != key {
		return entry{}, false
	}
	return e, true
}

// write replaces the entry's file whole: a reader sees the old one or the
// new one, never part of either.
func (c *Cache) write(key string, e entry) {
	b, err := json.Marshal(e)
	if err != nil {
		return
	}
	f, err := os.CreateTemp(c.dir, c.prefix+"-*.tmp")
	if err != nil {
		return
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if werr != nil || cerr != nil || os.Rename(f.Name(), c.file(key)) != nil {
		_ = os.Remove(f.Name())
	}
}

// removeExpired deletes every run's files older than the TTL, so that the
// directory holds recent runs only. Modification times are the system
// clock's, so they are compared with it (not with c.now).
func (c *Cache) removeExpired() {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	for _, d := range entries {
		info, err := d.Info()
		if err != nil || !info.Mode().IsRegular() || time.Since(info.ModTime()) <= c.ttl {
			continue
		}
		if strings.HasSuffix(d.Name(), ".json") || strings.HasSuffix(d.Name(), ".tmp") {
			_ = os.Remove(filepath.Join(c.dir, d.Name()))
		}
	}
}

// userDir makes dir if need be and checks that it is a directory of this
// user's that no one else can read or write: another user must not be able
// to plant entries, nor read what the device holds.
func userDir(dir string) (string, error) {
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return "", err
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return "", err
	}
	if !info.IsDir() || info.Mode().Perm() != 0o700 || !ownedByMe(info) {
		return "", errors.New("runcache: " + dir + " is not a private directory of this user")
	}
	return dir, nil
}

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
