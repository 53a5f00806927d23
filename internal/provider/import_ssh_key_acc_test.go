package provider_test

import (
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// An import reads the VM's SSH keys from the device, so a key the
// configuration adds to an imported VM that has none is a change the
// device cannot make in place: the plan replaces the VM, rather than
// recording a key the VM does not have.
func TestAccGPUVM_importThenAddSSHKeyReplaces(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	vmID := createVMOutside(t, d, "nokey", "Standard_NC4as_T4_v3")
	config := `
import {
  to = azurestackedge_gpu_vm.vm
  id = "` + vmID + `"
}
resource "azurestackedge_gpu_vm" "vm" {
  name                = "nokey"
  resource_group_name = "` + mockdevice.ImageResourceGroup + `"
  size                = "Standard_NC4as_T4_v3"
  os                  = "ubuntu_18_04"
  image_id            = "` + d.ImageID("ubuntu_18_04") + `"
  subnet_id           = "` + d.SubnetID() + `"
  admin_username      = "azureuser"
  admin_password      = "Outside-Passw0rd!"
  ssh_public_key      = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB6rJ8mYxXbA5y4eM2bI9rH0mHk3S2d0i2nH3m9nqk0x ops@example"
}
`
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   importBlocks,
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionReplace),
			}},
		}},
	})
}
