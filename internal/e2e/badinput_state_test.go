package e2e

import (
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// Bad input that only what the device holds makes bad: an address another
// VM's NIC holds, a generation 2 image, a VM that has a GPU driver
// already. Each is refused by terraform plan, and, as in TestBadInputCorpus,
// Terraform's -json diagnostics must point at the attribute at fault with
// the summary that names the problem: an error blamed on another attribute
// fails here.
func TestBadInputCorpusDeviceState(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	// Two GPUs: the holder takes one, and the VMs planned here fit in the
	// other, so no GPU shortage joins the errors under test.
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2})
	c := ctx(t)
	const heldIP = "10.57.50.60"
	holder := acctest.NewWorkspace(t, d.Env())
	holder.Write(vmAndDriver(d, "holder", `private_ip_address = "`+heldIP+`"`, `name = "old-driver"`))
	if err := holder.Apply(c); err != nil {
		t.Fatal(err)
	}
	holderID := d.VMID(acctest.VMGroup, "holder") // its driver is old-driver: a new one of the default name is a second driver
	gen2 := d.AddImage("ASEImages", "rhel-gen2", catalog.Linux, "V2")

	vm := map[string]string{
		"name": q("vm1"), "resource_group_name": q(acctest.VMGroup), "size": q("Standard_NC4as_T4_v3"), "os": q("rhel_7_4"),
		"image_id": q(d.ImageID("rhel_7_4")), "subnet_id": q(d.SubnetID()), "admin_username": q("azureuser"), "admin_password": q("Secret-Passw0rd!"),
	}
	gpuVM := func(over map[string]string) string { return block(`resource "azurestackedge_gpu_vm" "vm"`, vm, over) }
	for _, tc := range []badInput{
		{"address another VM holds", gpuVM(map[string]string{"private_ip_address": q(heldIP)}), "private_ip_address", "Address in use", true},
		{"generation 2 image", gpuVM(map[string]string{"image_id": q(gen2)}), "image_id", "Generation 2 image for a GPU VM", true},
		{"second driver on a VM that has one", block(`resource "azurestackedge_gpu_extension" "ext"`, map[string]string{"virtual_machine_id": q(holderID)}, nil),
			"name", "VM already has a GPU driver extension", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := acctest.NewWorkspace(t, d.Env())
			w.Write(tc.hcl)
			diags, err := w.PlanDiagnostics(c)
			checkRefusal(t, tc, diags, err)
		})
	}
}
