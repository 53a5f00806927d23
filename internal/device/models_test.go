package device

import "testing"

func TestProvisioningEnded(t *testing.T) {
	for state, want := range map[string]bool{
		"Succeeded": true, "Failed": true, "Canceled": true, "succeeded": true,
		"Creating": false, "Updating": false, "Deleting": false, "": false,
	} {
		if got := ProvisioningEnded(state); got != want {
			t.Errorf("ProvisioningEnded(%q) = %v, want %v", state, got, want)
		}
	}
}
