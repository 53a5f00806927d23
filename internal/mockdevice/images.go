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
		listIn(w, r, p, sortedByID(d.w.Images), (*image).body)
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
		writeJSON(w, http.StatusOK, img.body())
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
		writeJSON(w, status, img.body())
	case http.MethodDelete:
		if exists {
			delete(d.w.Images, key(id))
		}
		w.WriteHeader(http.StatusOK)
	default:
		methodNotAllowed(w, r)
	}
}
