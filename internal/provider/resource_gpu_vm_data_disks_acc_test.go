package provider_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// A GPU VM found through the discovery data sources, with two data disks
// and cloud-init: the disks are on the device, a second plan is empty,
// a disk grows in place, shrinking is refused, a disk detached on the
// device is drift, a disk is removed in place, and destroy leaves nothing.
func TestAccGPUVM_dataDisks(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	sub := d.Credentials().SubscriptionID
	disk := func(name string) string { return device.DiskID(sub, acctest.VMGroup, name) }
	config := func(disks string) string {
		return discoveryConfig + `
resource "azurestackedge_gpu_vm" "vm" {
  name                = "dd1"
  resource_group_name = "ASERG"
  size                = "Standard_NC4as_T4_v3"
  os                  = "rhel_7_4"
  image_id            = data.azurestackedge_images.rhel.images[0].id
  subnet_id           = local.subnet_id
  admin_username      = "azureuser"
  admin_password      = "Secret-Passw0rd!"
  custom_data         = base64encode("#cloud-config\nruncmd: [mkfs.ext4 /dev/sdc]\n")
  data_disks          = [` + disks + `]
}
`
	}
	two := `{ lun = 0, size_gb = 64 }, { lun = 1, size_gb = 128, caching = "ReadOnly", name = "models" }`
	onDevice := func(want map[string]bool) resource.TestCheckFunc {
		return func(*terraform.State) error {
			for name, attached := range want {
				if got := d.DiskAttached(disk(name)); got != attached {
					return fmt.Errorf("disk %s attached = %v, want %v", name, got, attached)
				}
			}
			return nil
		}
	}
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionUpdate)}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				Config:      config(`{ lun = 0, size_gb = 64 }, { lun = 0, size_gb = 8, name = "other" }`),
				ExpectError: acctest.Message(`disks dd1_DataDisk_0 and other both use LUN 0`),
			},
			{
				// The mock's Azure side reports 3 TiB of storage free.
				Config:      config(`{ lun = 0, size_gb = 4000 }`),
				ExpectError: acctest.Message(`data_disks of VM ASERG/dd1 ask the device for 4000 GB more storage (new disks, and what grown disks grow by), and its Azure side reports 3072 GB of storage free`),
			},
			{
				Config: config(two),
				Check: resource.ComposeAggregateTestCheckFunc(
					onDevice(map[string]bool{"dd1_DataDisk_0": true, "models": true}),
					resource.TestCheckResourceAttr("azurestackedge_gpu_vm.vm", "data_disks.0.name", "dd1_DataDisk_0"),
					resource.TestCheckResourceAttr("azurestackedge_gpu_vm.vm", "data_disks.0.caching", "None"),
					resource.TestCheckResourceAttr("azurestackedge_gpu_vm.vm", "data_disks.0.id", disk("dd1_DataDisk_0")),
					resource.TestCheckResourceAttr("azurestackedge_gpu_vm.vm", "data_disks.1.caching", "ReadOnly"),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Growing is an update in place, with a warning of the restart.
				Config:           config(`{ lun = 0, size_gb = 64 }, { lun = 1, size_gb = 256, caching = "ReadOnly", name = "models" }`),
				ConfigPlanChecks: update,
				Check:            resource.TestCheckResourceAttr("azurestackedge_gpu_vm.vm", "data_disks.1.size_gb", "256"),
			},
			{
				Config:      config(`{ lun = 0, size_gb = 64 }, { lun = 1, size_gb = 100, caching = "ReadOnly", name = "models" }`),
				ExpectError: acctest.Message(`disk models is 256 GB on the device, and a managed disk can only grow`),
			},
			{
				// A disk detached on the device is drift: the plan attaches it again.
				PreConfig: func() {
					c := d.Client(t)
					vmID := d.VMID(acctest.VMGroup, "dd1")
					vm, err := c.GetVM(context.Background(), vmID)
					if err != nil {
						t.Fatal(err)
					}
					keep := vm.DataDisks()[:1]
					if _, err := device.Await(c.BeginUpdateVM(context.Background(), vmID, device.VMChange{DataDisks: &keep})); err != nil {
						t.Fatal(err)
					}
				},
				Config:             config(`{ lun = 0, size_gb = 64 }, { lun = 1, size_gb = 256, caching = "ReadOnly", name = "models" }`),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           config(`{ lun = 0, size_gb = 64 }, { lun = 1, size_gb = 256, caching = "ReadOnly", name = "models" }`),
				ConfigPlanChecks: update,
				Check:            onDevice(map[string]bool{"models": true}),
			},
			{
				// Removing a disk is an update too; the disk goes.
				Config:           config(`{ lun = 1, size_gb = 256, caching = "ReadOnly", name = "models" }`),
				ConfigPlanChecks: update,
				Check: func(*terraform.State) error {
					for _, id := range d.Resources() {
						if id == disk("dd1_DataDisk_0") {
							return fmt.Errorf("removed disk %s is still on the device", id)
						}
					}
					return nil
				},
			},
		},
	})
}

// A data disk the resource made and someone detached on the device is no
// longer the VM's, but still the resource's: destroy deletes it, though the
// refresh before it no longer finds it on the VM.
func TestAccGPUVM_detachedDataDiskIsDestroyed(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	config := discoveryConfig + `
resource "azurestackedge_gpu_vm" "vm" {
  name                = "dd2"
  resource_group_name = "ASERG"
  size                = "Standard_NC4as_T4_v3"
  os                  = "rhel_7_4"
  image_id            = data.azurestackedge_images.rhel.images[0].id
  subnet_id           = local.subnet_id
  admin_username      = "azureuser"
  admin_password      = "Secret-Passw0rd!"
  data_disks          = [{ lun = 0, size_gb = 8 }, { lun = 1, size_gb = 8 }]
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					c := d.Client(t)
					vmID := d.VMID(acctest.VMGroup, "dd2")
					vm, err := c.GetVM(context.Background(), vmID)
					if err != nil {
						t.Fatal(err)
					}
					keep := vm.DataDisks()[:1]
					if _, err := device.Await(c.BeginUpdateVM(context.Background(), vmID, device.VMChange{DataDisks: &keep})); err != nil {
						t.Fatal(err)
					}
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true, // the configuration still has the disk: drift
			},
		},
	})
}

// The device's free storage is one pool: two VMs whose new disks each fit
// but together do not are refused at plan, naming the other's share.
func TestAccGPUVM_dataDisksStorageAcrossThePlan(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2})
	vm := func(name string, gb int) string {
		return d.GPUVM(name, name, "Standard_NC4as_T4_v3", "rhel_7_4", fmt.Sprintf("  data_disks = [{ lun = 0, size_gb = %d }]", gb))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				// The mock's Azure side reports 3072 GB free: 2000 GB fits,
				// twice does not.
				Config:      vm("s1", 2000) + vm("s2", 2000),
				ExpectError: acctest.Message(`and the plan's other VMs 2000 GB more (ASERG/s`),
			},
			{
				Config: vm("s1", 2000) + vm("s2", 1000),
			},
			{
				// Growing a disk asks for its growth only: 2000 -> 3100 GB
				// is 1100 GB more, which the 3072 GB free hold.
				Config:           vm("s1", 3100) + vm("s2", 1000),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("azurestackedge_gpu_vm.s1", plancheck.ResourceActionUpdate)}},
			},
		},
	})
}
