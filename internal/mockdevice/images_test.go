package mockdevice

import (
	"net/http"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// An image answers with hyperVGeneration only at the Compute versions whose
// ImageProperties define it (2020-06-01 of the device's), in a GET and a
// list, and a request setting it at an older version is refused, not dropped.
func TestImageHyperVGenerationByVersion(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	s.AddImage("imgs", "gen2", catalog.Linux, "V2")
	path := s.rgPath("imgs") + "/providers/Microsoft.Compute/images"
	for v, want := range map[string]string{"2017-03-30": "", "2017-12-01": "", "2020-06-01": "V2"} {
		get := c.do(http.MethodGet, path+"/gen2?api-version="+v, nil).must(t, http.StatusOK)
		props, _ := get.Body["properties"].(map[string]any)
		if got, has := props["hyperVGeneration"]; (want == "" && has) || (want != "" && got != want) {
			t.Errorf("GET at %s: hyperVGeneration %v (present %v), want %q", v, got, has, want)
		}
		list := c.do(http.MethodGet, path+"?api-version="+v, nil).must(t, http.StatusOK)
		item := list.Body["value"].([]any)[0].(map[string]any)
		if _, has := item["properties"].(map[string]any)["hyperVGeneration"]; has != (want != "") {
			t.Errorf("list at %s: hyperVGeneration present = %v", v, has)
		}
	}
	body := map[string]any{"location": "dbelocal", "properties": map[string]any{
		"hyperVGeneration": "V2",
		"storageProfile":   map[string]any{"osDisk": map[string]any{"osType": "Linux", "blobUri": "https://x/vhds/a.vhd"}}}}
	r := c.do(http.MethodPut, path+"/old?api-version=2017-12-01", body).must(t, http.StatusBadRequest)
	if r.errorCode() != "InvalidParameter" {
		t.Errorf("hyperVGeneration at 2017-12-01: %s", r.Raw)
	}
	c.do(http.MethodPut, path+"/new?api-version=2020-06-01", body).must(t, http.StatusCreated)
}
