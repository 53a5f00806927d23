package provider_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// The driver on a VM Terraform does not manage: destroy deletes the
// extension itself. When the VM is destroyed in the same run, the device
// takes its extensions with it, so the other extension tests' CheckDestroy
// would pass an extension Delete that did nothing; here the VM stays, and
// CheckDestroy finds any extension left on it.
func TestAccGPUExtension_destroyDeletesExtension(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	vmID := createVMOutside(t, d, "outside", "Standard_NC4as_T4_v3")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             extensionsLeftOn(t, d, vmID),
		Steps: []resource.TestStep{{
			Config: `
resource "azurestackedge_gpu_extension" "driver" {
  virtual_machine_id = "` + vmID + `"
}
`,
			Check: resource.TestCheckResourceAttr("azurestackedge_gpu_extension.driver", "id", vmID+"/extensions/gpu-driver"),
		}},
	})
}

// extensionsLeftOn is a CheckDestroy that fails if the VM vmID, which
// Terraform does not manage, is gone or still has any extension.
func extensionsLeftOn(t *testing.T, d *acctest.Device, vmID string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		exts, err := d.Client(t).ListExtensions(context.Background(), vmID)
		if err != nil {
			return fmt.Errorf("listing the extensions of %s, which destroy must keep: %w", vmID, err)
		}
		if len(exts) > 0 {
			return fmt.Errorf("destroy left extension %s on VM %s", exts[0].ID, vmID)
		}
		return nil
	}
}
