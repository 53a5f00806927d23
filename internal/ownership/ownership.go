// Package ownership decides who owns a name on the device: one owner per
// name, although the device's ARM has no conditional create (no
// If-None-Match: every PUT creates or updates).
//
// The mechanism is a creation token, a random value each create makes and
// writes where a later PUT of the same name cannot change it, and reads
// back after its PUT:
//
//   - A VM's token is in the name of the network interface made for it,
//     <vm>-nic-<token>. The device does not let a PUT change the network
//     interfaces of an existing VM (nor attach a NIC another VM holds), so
//     of two runs creating one VM name, the device keeps the NIC of the
//     first: the VM read back names the owner's NIC. The loser deletes its
//     own NIC and records nothing.
//   - An extension's token is a tag on the extension. The device answers
//     201 Created only to the request that made it; when that answer was
//     lost, a retry joins the install under way and the device returns the
//     extension as the creating request left it, token and all.
//
// Neither token is an attribute or a tag of the configuration: the NIC's
// name is the computed network_interface_id, and extension tags are not
// part of azurestackedge_gpu_extension, so neither shows as drift.
package ownership

import (
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"strings"
)

// TokenTag is the extension tag holding its creation token.
const TokenTag = "azurestackedge-creation-token"

// tokenLen is the length of a token in hex digits.
const tokenLen = 8

// NewToken is a fresh creation token.
func NewToken() string {
	b := make([]byte, tokenLen/2)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// NICName is the name of the network interface a create of VM vmName
// with token makes.
func NICName(vmName, token string) string { return vmName + "-nic-" + token }

var creationNIC = regexp.MustCompile(`^(.+)-nic-([0-9a-f]{` + "8" + `})$`)

// IsCreationNIC reports whether nicName is a NIC some create of VM vmName
// made (with any token).
func IsCreationNIC(vmName, nicName string) bool {
	m := creationNIC.FindStringSubmatch(strings.ToLower(nicName))
	return m != nil && m[1] == strings.ToLower(vmName)
}

// Outcome is what a create finds on the device after its PUT.
type Outcome int

// Outcomes.
const (
	// Absent: the device has no resource of the name; the PUT was refused.
	Absent Outcome = iota
	// Ours: this create made the resource.
	Ours
	// Theirs: another run made it; this create owns nothing.
	Theirs
)

func (o Outcome) String() string {
	return [...]string{"absent", "ours", "theirs"}[o]
}

// OfVM decides a VM create's outcome from the VM read back (exists, and
// its NICs) and the NIC this create made.
func OfVM(exists bool, vmNICs []string, ourNIC string) Outcome {
	switch {
	case !exists:
		return Absent
	case len(vmNICs) > 0 && strings.EqualFold(vmNICs[0], ourNIC):
		return Ours
	}
	return Theirs
}

// OfExtension decides an extension create's outcome. created is whether
// the PUT's own answer was 201 Created (false when no answer came); tags
// are those of the extension as the device returned it (its answer to the
// PUT, or a read after a lost answer). A 200 carrying our token is our own
// lost PUT retried: the retry joined the install it began, or updated it.
// (A run whose PUT lands on another's extension in the milliseconds
// between its read finding nothing and its PUT, after that other install
// also ended, would see its own token too; a device install takes
// minutes [EXT], so this is not guarded further.)
func OfExtension(exists, created bool, tags map[string]string, ourToken string) Outcome {
	switch {
	case !exists:
		return Absent
	case created, tags[TokenTag] == ourToken:
		return Ours
	}
	return Theirs
}
