package provider

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var uuidForm = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// uuidString checks for a GUID.
func uuidString() validator.String {
	return stringCheck{"must be a GUID", func(s string) string {
		if !uuidForm.MatchString(s) {
			return "is not a GUID such as 6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b"
		}
		return ""
	}}
}

// armID checks an ARM ID of a namespace and type chain.
func armID(namespace string, types ...string) validator.String {
	what := namespace + "/" + strings.Join(types, "/")
	return stringCheck{"must be the ID of a " + what, func(s string) string {
		if _, err := device.ParseTypedID(s, namespace, types...); err != nil {
			return strings.TrimPrefix(err.Error(), fmt.Sprintf("%q ", s))
		}
		return ""
	}}
}
