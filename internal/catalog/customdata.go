package catalog

import (
	"encoding/base64"
	"fmt"
)

// CustomDataMaxBytes is the most custom data a VM takes once decoded:
// "The maximum length of the binary array is 65535 bytes" (Azure Compute
// REST API, OSProfile.customData). Its base64 form is at most
// CustomDataMaxChars long, the figure ARM's error names.
const (
	CustomDataMaxBytes = 65535
	CustomDataMaxChars = (CustomDataMaxBytes + 2) / 3 * 4 // 87380
)

// CheckCustomData says what the device would refuse in custom data: not
// standard base64, or longer than ARM takes. It returns "" when the value
// is fine. The value is a secret: the answer never quotes it.
func CheckCustomData(b64 string) string {
	raw, err := base64.StdEncoding.DecodeString(b64)
	switch {
	case err != nil:
		return "is not standard base64 (" + err.Error() + "): ARM takes custom data base64-encoded " +
			"(Azure Compute REST API, OSProfile.customData). Encode it with base64encode(...) or filebase64(...)."
	case len(raw) > CustomDataMaxBytes:
		return fmt.Sprintf("decodes to %d bytes, more than the %d ARM takes (Azure Compute REST API, OSProfile.customData: "+
			"\"The maximum length of the binary array is 65535 bytes\"). Shorten it, or have cloud-init fetch the rest.",
			len(raw), CustomDataMaxBytes)
	}
	return ""
}
