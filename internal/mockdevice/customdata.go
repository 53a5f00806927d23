package mockdevice

import (
	"encoding/base64"
)

// customDataMaxChars is the longest osProfile.customData ARM takes: the
// base64 form of 65535 bytes (Azure Compute REST API, OSProfile.customData).
const customDataMaxChars = 87380

// checkCustomData refuses custom data as ARM does: not base64, or too
// long. Like ARM, the device keeps custom data but never returns it on
// GET, and refuses to change it on an existing VM.
func checkCustomData(b64 string) *statusError {
	if b64 == "" {
		return nil
	}
	if _, err := base64.StdEncoding.DecodeString(b64); err != nil || len(b64) > customDataMaxChars {
		return badRequest("InvalidParameter", "Custom data in OSProfile must be in Base64 encoding and with a maximum length of 87380 characters.")
	}
	return nil
}

// CustomData is the custom data the device keeps for a VM, for tests: the
// API never shows it.
func (d *Device) CustomData(vmID string) (string, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	v, ok := d.w.VMs[key(vmID)]
	if !ok {
		return "", false
	}
	return v.CustomData, true
}
