package provider_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// discoveryConfig finds the Linux image and the compute subnet instead of
// hard-coding them.
const discoveryConfig = `
data "azurestackedge_images" "rhel" {
  name    = "rhel-7-4"
  os_type = "Linux"
}
data "azurestackedge_images" "windows" {
  os_type = "windows"
}
data "azurestackedge_images" "all" {}
data "azurestackedge_virtual_networks" "all" {}
locals {
  subnet_id = one([for s in flatten(data.azurestackedge_virtual_networks.all.virtual_networks[*].subnets) : s.id])
}
`

// The discovery data sources list what the device has, filter it, and
// feed a GPU VM; each reads with one list request.
func TestAccDiscovery_imagesAndNetworks(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	gen2 := d.AddImage("MyImages", "ubuntu-gen2", catalog.Linux, "V2")
	vm := `
resource "azurestackedge_gpu_vm" "vm" {
  name                = "found"
  resource_group_name = "ASERG"
  size                = "Standard_NC4as_T4_v3"
  os                  = "rhel_7_4"
  image_id            = data.azurestackedge_images.rhel.images[0].id
  subnet_id           = local.subnet_id
  admin_username      = "azureuser"
  admin_password      = "Secret-Passw0rd!"
}
`
	windows := 0
	for _, os := range catalog.AllOS() {
		if os.Type == catalog.Windows {
			windows++
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				PreConfig: d.ResetRequests,
				Config:    discoveryConfig,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.azurestackedge_images.rhel", "images.#", "1"),
					resource.TestCheckResourceAttr("data.azurestackedge_images.rhel", "images.0.id", d.ImageID("rhel_7_4")),
					resource.TestCheckResourceAttr("data.azurestackedge_images.rhel", "images.0.os_type", "Linux"),
					resource.TestCheckResourceAttr("data.azurestackedge_images.rhel", "images.0.hyper_v_generation", "V1"),
					resource.TestCheckResourceAttr("data.azurestackedge_images.rhel", "images.0.resource_group_name", mockdevice.ImageResourceGroup),
					resource.TestCheckResourceAttr("data.azurestackedge_images.windows", "images.#", fmt.Sprint(windows)),
					resource.TestCheckResourceAttr("data.azurestackedge_images.all", "images.#", fmt.Sprint(len(catalog.AllOS())+1)),
					resource.TestCheckTypeSetElemNestedAttrs("data.azurestackedge_images.all", "images.*", map[string]string{"id": gen2, "hyper_v_generation": "V2"}),
					resource.TestCheckResourceAttr("data.azurestackedge_virtual_networks.all", "virtual_networks.#", "1"),
					resource.TestCheckResourceAttr("data.azurestackedge_virtual_networks.all", "virtual_networks.0.name", "ASEVNET"),
					resource.TestCheckResourceAttr("data.azurestackedge_virtual_networks.all", "virtual_networks.0.resource_group_name", "ASERG"),
					resource.TestCheckResourceAttrSet("data.azurestackedge_virtual_networks.all", "virtual_networks.0.address_space.0"),
					resource.TestCheckResourceAttr("data.azurestackedge_virtual_networks.all", "virtual_networks.0.subnets.0.id", d.SubnetID()),
					resource.TestCheckResourceAttrSet("data.azurestackedge_virtual_networks.all", "virtual_networks.0.subnets.0.address_prefix"),
					oneListRequestPerRead(d),
				),
			},
			{
				Config: discoveryConfig + vm,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("azurestackedge_gpu_vm.vm", "image_id", d.ImageID("rhel_7_4")),
					resource.TestCheckResourceAttr("azurestackedge_gpu_vm.vm", "subnet_id", d.SubnetID()),
				),
			},
		},
	})
}

// oneListRequestPerRead checks that the discovery data sources asked the
// device only for the two subscription-wide lists: three image reads and
// one network read share no request, and none reads an image or subnet
// one by one.
func oneListRequestPerRead(d *acctest.Device) resource.TestCheckFunc {
	return func(*terraform.State) error {
		counts := map[string]int{}
		for _, r := range d.Requests() {
			switch {
			case strings.HasSuffix(r.Path, "/providers/Microsoft.Compute/images"):
				counts["images"]++
			case strings.HasSuffix(r.Path, "/providers/Microsoft.Network/virtualNetworks"):
				counts["networks"]++
			case strings.Contains(r.Path, "/Microsoft.Compute/") || strings.Contains(r.Path, "/Microsoft.Network/"):
				counts["other "+r.Method+" "+r.Path]++
			}
		}
		reads := counts["networks"]
		if reads == 0 || counts["images"] != 3*reads || len(counts) != 2 {
			return fmt.Errorf("want one list request per data source read (3 image reads for each network read), got %v", counts)
		}
		return nil
	}
}
