package mockdevice

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// stateVersion is the state file's format; a file of another version is
// refused rather than misread.
const stateVersion = 1

// stateFile keeps the device across restarts: every resource, operation
// and GPU claim, and the root certificate clients were told to trust.
type stateFile struct{ path string }

type stateDocument struct {
	Version int        `json:"version"`
	CA      *authority `json:"ca"`
	Secrets secrets    `json:"secrets"`
	World   *world     `json:"world"`
}

// secrets are kept so a restarted device takes the same passwords, as a
// real device does; the file is written readable by its owner only.
type secrets struct {
	Password          string `json:"password"`
	AzureClientSecret string `json:"azureClientSecret"`
}

// load reads the state file. A missing file means a new device; a file that
// cannot be read is an error, never a silent reset.
func (s *stateFile) load() (*stateDocument, error) {
	b, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading state file: %w", err)
	}
	var doc stateDocument
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("state file %s is corrupt (%w); move it away to start a new device", s.path, err)
	}
	if doc.Version != stateVersion || doc.World == nil || doc.CA == nil {
		return nil, fmt.Errorf("state file %s is not a mock device state of version %d; move it away to start a new device", s.path, stateVersion)
	}
	if err := doc.CA.parse(); err != nil {
		return nil, fmt.Errorf("state file %s is corrupt (%w); move it away to start a new device", s.path, err)
	}
	doc.World.ensureMaps()
	return &doc, nil
}

// write replaces the state file atomically: a crash leaves the old file or
// the new one, never half of one.
func (s *stateFile) write(doc stateDocument) error {
	doc.Version = stateVersion
	b, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(s.path)
	tmp, err := os.CreateTemp(dir, ".mockdevice-state-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), s.path)
}

// sameHardware refuses a state file written by a different device.
func sameHardware(saved, flags hardware) error {
	if saved.GPUs != flags.GPUs || saved.GPUType != flags.GPUType {
		return fmt.Errorf("written by a device with %d %s GPU(s), but this one has %d %s; use the same -gpus and -gpu-type (a fixture's gpus and gpu_type count too) or another state file",
			saved.GPUs, saved.GPUType, flags.GPUs, flags.GPUType)
	}
	if saved.Release != flags.Release {
		return fmt.Errorf("written by a device of release %s, but this one is %s; use the same -release (a fixture's release counts too) or another state file", saved.Release, flags.Release)
	}
	return nil
}

// ensureMaps makes maps a state file left out (empty ones marshal as {} but
// an older or hand-edited file may lack them).
func (w *world) ensureMaps() {
	if w.ResourceGroups == nil {
		w.ResourceGroups = map[string]*resourceGroup{}
	}
	if w.VirtualNetworks == nil {
		w.VirtualNetworks = map[string]*virtualNetwork{}
	}
	if w.NICs == nil {
		w.NICs = map[string]*nic{}
	}
	if w.Images == nil {
		w.Images = map[string]*image{}
	}
	if w.VMs == nil {
		w.VMs = map[string]*vm{}
	}
	if w.Disks == nil {
		w.Disks = map[string]*disk{}
	}
	if w.Extensions == nil {
		w.Extensions = map[string]*extension{}
	}
	if w.Operations == nil {
		w.Operations = map[string]*operation{}
	}
	if w.Roles == nil {
		w.Roles = map[string]*role{}
	}
	if w.FailNext == nil {
		w.FailNext = map[string]*injectedFailure{}
	}
}
