package mockdevice

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
)

// The device keeps no admin password in the clear: a VM holds a salted
// digest of the one it was created with, so a test can prove the device
// received the password a write-only attribute carried (which neither plan
// nor state may hold) without the mock ever handing a password back.

// adminPasswordDigest is the salted SHA-256 of a VM's admin password; the
// salt is the VM's GUID. Empty when the VM was created without one.
func adminPasswordDigest(vmGUID, password string) string {
	if password == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(vmGUID + "\x00" + password))
	return hex.EncodeToString(sum[:])
}

// AdminPasswordMatches reports whether the VM vmID was created with the
// admin password given; found is false when there is no such VM.
func (d *Device) AdminPasswordMatches(vmID, password string) (matches, found bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	v, ok := d.w.VMs[key(vmID)]
	if !ok {
		return false, false
	}
	want := adminPasswordDigest(v.VMGUID, password)
	return want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(v.AdminPasswordDigest)) == 1, true
}

// serveCheckAdminPassword answers POST /_mock/check-admin-password with
// {"vmId": ..., "password": ...}: {"matches": true|false}, never the
// password; 404 when there is no such VM.
func (d *Device) serveCheckAdminPassword(w http.ResponseWriter, r *http.Request) {
	var body struct {
		VMID     string `json:"vmId"`
		Password string `json:"password"`
	}
	if e := decodeBody(r, &body); e != nil {
		writeError(w, e)
		return
	}
	matches, found := d.AdminPasswordMatches(body.VMID, body.Password)
	if !found {
		writeError(w, newError(http.StatusNotFound, "NotFound", "No virtual machine "+body.VMID+"."))
		return
	}
	writeJSON(w, http.StatusOK, map[string]bool{"matches": matches})
}
