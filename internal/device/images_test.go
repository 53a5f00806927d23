package device

import (
	"context"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// Images are read at a Compute version whose Image has hyperVGeneration, so
// a generation 2 image is seen as one (at 2017-12-01 the device leaves the
// property out).
func TestImageGenerationIsRead(t *testing.T) {
	t.Parallel()
	s := startMock(t, mockdevice.Options{})
	id := s.AddImage("imgs", "gen2", catalog.Linux, "V2")
	c := newClient(t, testConfig(s))
	img, err := c.GetImage(context.Background(), id)
	if err != nil || img.Properties.HyperVGeneration != "V2" {
		t.Fatalf("GetImage: %q, %v", img.Properties.HyperVGeneration, err)
	}
	imgs, err := c.ListImages(context.Background(), "imgs")
	if err != nil || len(imgs) != 1 || imgs[0].Properties.HyperVGeneration != "V2" {
		t.Fatalf("ListImages: %+v, %v", imgs, err)
	}
}
