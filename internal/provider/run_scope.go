package provider

import "strings"

// runScope names where a provider configuration's reads go: the device's
// ARM as the configured user, and the Azure side's device resource. The
// provider processes of one run configured alike share the plan's device
// reads (see Served); a configuration of another device, or of the same
// device as another user, does not. The release and the declared hardware
// change what the checks conclude, not what the device answers, so they
// are left out, and so is the password, which is a secret.
func runScope(s settings) string {
	d := s.device
	return strings.Join([]string{strings.ToLower(strings.TrimRight(d.ARMEndpoint, "/")), strings.ToLower(d.SubscriptionID),
		strings.ToLower(d.Username), strings.ToLower(d.DeviceID), strings.ToLower(strings.TrimRight(d.AzureEndpoint, "/"))}, "\x00")
}
