package e2e

import (
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-exec/tfexec"
)

// The VM and driver a state records are deleted outside Terraform, and
// another run makes a VM and driver of the same names: the first state's
// refresh sees that they are not its own (the VM holds another NIC, the
// driver carries another creation token), so its plan refuses the names
// the device has, and its destroy deletes nothing of the other run's.
func TestSameNamesMadeAgainByAnotherRunAreNotAdopted(t *testing.T) {
	t.Parallel()
	d, a := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	a.Write(vmAndDriver(d, "vm", "", ""))
	if err := a.Apply(c); err != nil {
		t.Fatal(err)
	}
	// Outside Terraform: the driver, the VM, its disk and its NIC go.
	cl := d.Client(t)
	vmID := d.VMID(acctest.VMGroup, "vm")
	vm, err := cl.GetVM(c, vmID)
	must(t, err)
	_, err = device.Await(cl.BeginDeleteExtension(c, device.ExtensionID(vmID, "gpu-driver")))
	must(t, err)
	_, err = device.Await(cl.BeginDeleteVM(c, vmID))
	must(t, err)
	_, err = device.Await(cl.BeginDeleteDisk(c, vm.OSDiskID()))
	must(t, err)
	for _, nic := range vm.NICIDs() {
		_, err = device.Await(cl.BeginDeleteNIC(c, nic))
		must(t, err)
	}
	// Another run makes the same names.
	b := acctest.NewWorkspace(t, d.Env())
	b.Write(vmAndDriver(d, "vm", "", ""))
	if err := b.Apply(c); err != nil {
		t.Fatal(err)
	}
	theirs := d.Resources()

	_, err = a.Plan(c)
	contains(t, err, "VM already exists", "terraform apply -refresh-only", "Do not run terraform destroy -refresh=false")
	// As the refusal says: record the loss, then destroy has nothing to do.
	if err := a.Terraform().Apply(c, tfexec.RefreshOnly(true)); err != nil {
		t.Fatalf("apply -refresh-only: %v", err)
	}
	if err := a.Destroy(c); err != nil {
		t.Fatalf("destroy of the state whose VM is gone: %v", err)
	}
	if ids, _ := a.Recorded(c); len(ids) > 0 {
		t.Errorf("the first state still records %v", ids)
	}
	if now := d.Resources(); len(now) != len(theirs) {
		t.Fatalf("the first state's destroy deleted the other run's resources: before %v, after %v", theirs, now)
	}
	mustConsistent(t, c, d, b)
	destroyLeavesNothing(t, c, d, b)
}
