package mockdevice

import (
	"net/http"
	"strings"
)

// controlPrefix is the mock's own control endpoint, for tests and demos. It
// is not part of the device's API: it takes HTTP basic authentication with
// the ARM password (any user name) and bypasses fault injection.
const controlPrefix = "/_mock/"

func (d *Device) serveControl(w http.ResponseWriter, r *http.Request) {
	if _, pw, ok := r.BasicAuth(); !ok || !secretEqual(pw, d.opts.Password) {
		w.Header().Set("WWW-Authenticate", `Basic realm="mock device control"`)
		writeError(w, newError(http.StatusUnauthorized, "AuthenticationFailed", "The control endpoint takes basic authentication with the ARM password."))
		return
	}
	switch what := strings.TrimPrefix(r.URL.Path, controlPrefix); {
	case what == "requests" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, d.Requests())
	case what == "requests" && r.Method == http.MethodDelete:
		d.ResetRequests()
		w.WriteHeader(http.StatusNoContent)
	case what == "faults" && r.Method == http.MethodPost:
		var f Fault
		if e := decodeBody(r, &f); e != nil {
			writeError(w, e)
			return
		}
		if err := d.AddFault(f); err != nil {
			writeError(w, badRequest("InvalidFault", err.Error()))
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case what == "faults" && r.Method == http.MethodDelete:
		d.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	case what == "fail-next" && r.Method == http.MethodPost:
		var body struct {
			ResourceID string `json:"resourceId"`
			FailNext
		}
		if e := decodeBody(r, &body); e != nil {
			writeError(w, e)
			return
		}
		if body.ResourceID == "" {
			writeError(w, badRequest("InvalidFault", "resourceId is required"))
			return
		}
		d.FailNextOperation(body.ResourceID, body.FailNext)
		w.WriteHeader(http.StatusNoContent)
	case what == "revoke-tokens" && r.Method == http.MethodPost:
		d.RevokeTokens()
		w.WriteHeader(http.StatusNoContent)
	case what == "gpus" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, d.GPUs())
	case what == "check-admin-password" && r.Method == http.MethodPost:
		d.serveCheckAdminPassword(w, r)
	case what == "fixture" && r.Method == http.MethodPost:
		// A fresh device per test: what the body describes replaces
		// everything the device holds.
		f, err := ParseFixture(r.Body)
		if err == nil {
			err = d.LoadFixture(f)
		}
		if err != nil {
			writeError(w, badRequest("InvalidFixture", "fixture: "+err.Error()))
			return
		}
		writeJSON(w, http.StatusOK, d.GPUs())
	default:
		writeError(w, newError(http.StatusNotFound, "NotFound", "Unknown control request "+r.Method+" "+r.URL.Path+
			"; there are GET/DELETE requests, POST/DELETE faults, POST fail-next, POST revoke-tokens, GET gpus, POST check-admin-password and POST fixture."))
	}
}

// GPUState is who holds the device's GPUs.
type GPUState struct {
	Total      int        `json:"total"`
	Free       int        `json:"free"`
	Kubernetes int        `json:"kubernetes"`
	VMs        []GPUClaim `json:"vms"`
}

// GPUClaim is a VM's hold on GPUs.
type GPUClaim struct {
	ID                string `json:"id"`
	Size              string `json:"size"`
	GPUs              int    `json:"gpus"`
	PowerState        string `json:"powerState"`
	ProvisioningState string `json:"provisioningState"`
}

// GPUs reports who holds the device's GPUs now.
func (d *Device) GPUs() GPUState {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.settle()
	s := GPUState{Total: d.w.Hardware.GPUs, Free: d.w.freeGPUs(), Kubernetes: d.w.KubernetesGPUs}
	for _, v := range sortedVMs(d.w) {
		s.VMs = append(s.VMs, GPUClaim{ID: v.ID, Size: v.Size, GPUs: v.GPUs, PowerState: v.PowerState, ProvisioningState: v.ProvisioningState})
	}
	return s
}

// Resources lists the IDs of every VM, extension, NIC and disk on the
// device: what tests check is left behind.
func (d *Device) Resources() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.settle()
	var ids []string
	for _, v := range sortedVMs(d.w) {
		ids = append(ids, v.ID)
	}
	for _, e := range sortedByID(d.w.Extensions) {
		ids = append(ids, e.ID)
	}
	for _, n := range sortedByID(d.w.NICs) {
		ids = append(ids, n.ID)
	}
	for _, k := range sortedByID(d.w.Disks) {
		ids = append(ids, k.ID)
	}
	return ids
}

// DiskAttached reports whether a disk is attached to a VM that exists.
func (d *Device) DiskAttached(id string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	k, ok := d.w.Disks[key(id)]
	if !ok || k.VMID == "" {
		return false
	}
	_, vmExists := d.w.VMs[key(k.VMID)]
	return vmExists
}

// IssuedTokens lists the access and refresh tokens the device handed out,
// for tests that look for them where they must not be.
func (d *Device) IssuedTokens() []string {
	d.tokens.mu.Lock()
	defer d.tokens.mu.Unlock()
	return append([]string(nil), d.tokens.issued...)
}
