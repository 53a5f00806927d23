package mockdevice

import (
	"net/http"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

func init() {
	register("Microsoft.Compute/images", (*Device).serveImages)
}

func (d *Device) imageID(rg, name string) string {
	return d.resourceID(rg, "Microsoft.Compute/images", name)
}

// imageHyperVGenerationSince is the first Compute version whose
// ImageProperties has hyperVGeneration: 2017-03-30 and 2017-12-01 have none
// (github.com/Azure/azure-sdk-for-go, services/compute/mgmt/2019-03-01 is the
// first ImageProperties with HyperVGeneration). Of the device's versions,
// only 2020-06-01 (profile 2020-09-01-hybrid) has it.
const imageHyperVGenerationSince = "2019-03-01"

// bodyAt is the image as the request's api-version defines it.
func (i *image) bodyAt(r *http.Request) map[string]any {
	body := i.body()
	if !apiVersionAtLeast(r, imageHyperVGenerationSince) {
		delete(body["properties"].(map[string]any), "hyperVGeneration")
	}
	return body
}

func (i *image) body() map[string]any {
	return map[string]any{
		"id": i.ID, "name": i.Name, "type": "Microsoft.Compute/images", "location": location, "tags": tagsOrEmpty(i.Tags),
		"properties": map[string]any{
			"storageProfile": map[string]any{
				"osDisk": map[string]any{
					"osType": i.OSType, "osState": "Generalized", "blobUri": i.BlobURI,
					"caching": "ReadWrite", "storageAccountType": "Standard_LRS",
				},
				"dataDisks": []any{},
			},
			"hyperVGeneration":  i.HyperVGeneration,
			"provisioningState": stateSucceeded,
		},
	}
}

type imageBody struct {
	Location   string            `json:"location"`
	Tags       map[string]string `json:"tags"`
	Properties struct {
		StorageProfile struct {
			OSDisk struct {
				OSType  string `json:"osType"`
				BlobURI string `json:"blobUri"`
			} `json:"osDisk"`
		} `json:"storageProfile"`
		HyperVGeneration string `json:"hyperVGeneration"`
	} `json:"properties"`
}

func (d *Device) serveImages(w http.ResponseWriter, r *http.Request, p armPath) {
	if p.isCollection() {
		listIn(w, r, p, sortedByID(d.w.Images), func(i *image) map[string]any { return i.bodyAt(r) })
		return
	}
	id := d.imageID(p.ResourceGroup, p.name())
	img, exists := d.w.Images[key(id)]
	switch r.Method {
	case http.MethodGet:
		if !exists {
			writeError(w, notFound("Microsoft.Compute/images", p.name()))
			return
		}
		writeJSON(w, http.StatusOK, img.bodyAt(r))
	case http.MethodPut:
		var body imageBody
		if e := decodeModelled(r, &body, imageShape); e != nil {
			writeError(w, e)
			return
		}
		if e := checkLocation(body.Location); e != nil {
			writeError(w, e)
			return
		}
		osType := catalog.OSType(body.Properties.StorageProfile.OSDisk.OSType)
		if !strings.EqualFold(string(osType), string(catalog.Windows)) && !strings.EqualFold(string(osType), string(catalog.Linux)) {
			writeError(w, badRequest("InvalidParameter", "The value of parameter osDisk.osType is invalid: it must be Windows or Linux."))
			return
		}
		if strings.EqualFold(string(osType), string(catalog.Windows)) {
			osType = catalog.Windows
		} else {
			osType = catalog.Linux
		}
		gen := body.Properties.HyperVGeneration
		if gen != "" && !apiVersionAtLeast(r, imageHyperVGenerationSince) {
			writeError(w, badRequest("InvalidParameter", "The property 'hyperVGeneration' is not defined for images at api-version "+
				r.URL.Query().Get("api-version")+"; it is from "+imageHyperVGenerationSince+" (the device has it at 2020-06-01)."))
			return
		}
		if gen == "" {
			gen = "V1"
		}
		status := http.StatusCreated
		if exists {
			status = http.StatusOK
			id = img.ID
		}
		img = &image{ID: id, Name: lastSegment(id), Tags: body.Tags, OSType: osType, HyperVGeneration: gen,
			BlobURI: body.Properties.StorageProfile.OSDisk.BlobURI}
		d.w.Images[key(id)] = img
		writeJSON(w, status, img.bodyAt(r))
	case http.MethodDelete:
		if exists {
			delete(d.w.Images, key(id))
		}
		w.WriteHeader(http.StatusOK)
	default:
		methodNotAllowed(w, r)
	}
}
