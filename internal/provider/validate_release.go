package provider

import (
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// releaseName checks a device release name.
func releaseName() validator.String {
	return stringCheck{"must be a device release such as " + catalog.Newest().String(), func(s string) string {
		if _, err := catalog.ParseRelease(s); err != nil {
			return err.Error() + "; known releases: " + strings.Join(catalog.KnownReleases(), ", ")
		}
		return ""
	}}
}
