package provider

import "github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"

// checkSettings: the extension's settings must be a JSON object, as the
// device takes them (catalog.NormalizeSettings says why one is not).
func checkSettings(s string) string {
	if _, err := catalog.NormalizeSettings(s); err != nil {
		return err.Error()
	}
	return ""
}
