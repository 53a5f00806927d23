package provider

import (
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var sshKeyForm = regexp.MustCompile(`^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+={0,3}( .*)?$`)

// sshPublicKey checks an OpenSSH public key line.
func sshPublicKey() validator.String {
	return stringCheck{"must be an OpenSSH public key", func(s string) string {
		if !sshKeyForm.MatchString(strings.TrimSpace(s)) {
			return "is not an OpenSSH public key (\"ssh-rsa AAAA... comment\" or ssh-ed25519, ecdsa-sha2-nistp256)"
		}
		return ""
	}}
}
