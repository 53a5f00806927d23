package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// The provider signs in on first use: a configuration that asks the device
// nothing (the VM sizes of a release are the catalog's) works, and asks
// the device nothing, even with a wrong password; one that creates a VM is
// refused at plan with the provider argument to fix.
func TestAccProvider_signsInOnFirstUse(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	env := d.Env()
	env["AZURESTACKEDGE_ARM_PASSWORD"] = "not-the-password"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(env),
		Steps: []resource.TestStep{
			{
				Config: `data "azurestackedge_vm_sizes" "gpu" {}`,
				Check: func(_ *terraform.State) error {
					if n := len(d.Requests()); n != 0 {
						return fmt.Errorf("%d device requests for a configuration that needs none", n)
					}
					return nil
				},
			},
			{
				Config:      d.GPUVM("vm", "vm1", "Standard_NC4as_T4_v3", "rhel_7_4", ""),
				ExpectError: regexp.MustCompile(`(?s)Cannot connect to the Azure Stack Edge device.*MSIS9622.*Check password`),
			},
		},
	})
}
