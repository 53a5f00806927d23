package mockdevice

import (
	"net/http"
)

// serveMetadata answers GET /metadata/endpoints, which Azure Stack clients
// read to find the token service and the audience [CLI]. 2015-01-01 has
// Azure Stack's flat object; 2020-06-01 is, as in Azure, a JSON list of
// environments (what Add-AzEnvironment -AutoDiscover and go-azure-helpers'
// environments package decode), here the device's one.
func (d *Device) serveMetadata(w http.ResponseWriter, r *http.Request) {
	if e := checkAPIVersion(r, "metadata", "metadata"); e != nil {
		writeError(w, e)
		return
	}
	base := baseURL(r)
	suffix := d.opts.DeviceName + "." + d.opts.DNSDomain
	login := base + "/adfs/"
	audiences := []string{d.deviceAudience()}
	if r.URL.Query().Get("api-version") == "2015-01-01" {
		writeJSON(w, http.StatusOK, map[string]any{
			"galleryEndpoint": "",
			"graphEndpoint":   "https://graph." + suffix + "/",
			"portalEndpoint":  "https://portal." + suffix + "/",
			"authentication": map[string]any{
				"loginEndpoint": login,
				"audiences":     audiences,
			},
		})
		return
	}
	writeJSON(w, http.StatusOK, []any{map[string]any{
		"name":            "AzureStackEdge-" + d.opts.DeviceName,
		"resourceManager": base + "/",
		"portal":          "https://portal." + suffix + "/",
		"graph":           "https://graph." + suffix + "/",
		"gallery":         "",
		"authentication": map[string]any{
			"loginEndpoint":    login,
			"audiences":        audiences,
			"tenant":           "adfs",
			"identityProvider": "ADFS",
		},
		"suffixes": map[string]any{
			"storage": suffix,
		},
	}})
}
