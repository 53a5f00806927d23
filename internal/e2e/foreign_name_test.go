package e2e

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

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
	d, a, b := namesLostToAnotherRun(t)
	c := ctx(t)
	theirs := d.Resources()

	_, err := a.Plan(c)
	contains(t, err, "VM already exists", "terraform apply -refresh-only", "with or without -refresh=false, deletes nothing of the other's")
	// As the refusal says: record the loss, then destroy has nothing to do.
	if err := a.Terraform().Apply(c, tfexec.RefreshOnly(true)); err != nil {
		t.Fatalf("apply -refresh-only: %v", err)
	}
	if err := a.Destroy(c); err != nil {
		t.Fatalf("destroy of the state whose VM is gone: %v", err)
	}
	othersSpared(t, c, d, a, b, theirs)
}

// As above, but the first state is destroyed without a refresh
// (terraform destroy -refresh=false), which trusts the state: no refresh
// of that run read the VM or the driver, so the deletes read them first
// and leave the other run's VM and driver (another NIC, another creation
// token) on the device.
// A destroy plan saved before the loss and applied after it is the same
// case: the run that applies it did not refresh.
func TestDestroyWithoutRefreshSparesNamesAnotherRunMade(t *testing.T) {
	t.Parallel()
	for _, saved := range []bool{false, true} {
		t.Run(map[bool]string{false: "destroy -refresh=false", true: "a destroy plan saved before"}[saved], func(t *testing.T) {
			t.Parallel()
			plan := filepath.Join(t.TempDir(), "destroy.tfplan")
			d, a, b := namesLostToAnotherRunAfter(t, func(c context.Context, a *acctest.Workspace) {
				if saved {
					_, err := a.Terraform().Plan(c, tfexec.Destroy(true), tfexec.Out(plan))
					must(t, err)
				}
			})
			c := ctx(t)
			theirs := d.Resources()
			var err error
			if saved {
				err = a.ApplyPlan(c, plan)
			} else {
				err = a.Terraform().Destroy(c, tfexec.Refresh(false))
			}
			if err != nil {
				t.Fatalf("the first state's destroy: %v", err)
			}
			othersSpared(t, c, d, a, b, theirs)
		})
	}
}

// An imported driver is this state's as it was imported: when it is
// deleted outside Terraform and another run installs one of the same name
// on the VM, the importing state does not take that one for its own.
func TestImportedDriverMadeAgainIsNotAdopted(t *testing.T) {
	t.Parallel()
	d, x := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	x.Write(vmAndDriver(d, "vm", "", ""))
	if err := x.Apply(c); err != nil {
		t.Fatal(err)
	}
	vmID := d.VMID(acctest.VMGroup, "vm")
	extID := device.ExtensionID(vmID, "gpu-driver")
	must(t, x.Terraform().StateRm(c, "azurestackedge_gpu_extension.vm"))
	driver := `
resource "azurestackedge_gpu_extension" "driver" {
  virtual_machine_id = "` + vmID + `"
}
`
	y := acctest.NewWorkspace(t, d.Env())
	y.Write(`
import {
  to = azurestackedge_gpu_extension.driver
  id = "` + extID + `"
}
` + driver)
	if err := y.Apply(c); err != nil {
		t.Fatalf("import: %v", err)
	}
	// Outside Terraform the driver goes; another run installs its own.
	_, err := device.Await(d.Client(t).BeginDeleteExtension(c, extID))
	must(t, err)
	z := acctest.NewWorkspace(t, d.Env())
	z.Write(driver)
	if err := z.Apply(c); err != nil {
		t.Fatal(err)
	}
	_, err = y.Plan(c)
	contains(t, err, "GPU driver extension already exists", "terraform apply -refresh-only")
	must(t, y.Terraform().Apply(c, tfexec.RefreshOnly(true)))
	must(t, y.Destroy(c))
	if ext, err := d.Client(t).GetExtension(c, extID); err != nil {
		t.Fatalf("the importing state's destroy deleted the other run's driver: %v (%+v)", err, ext)
	}
	mustConsistent(t, c, d, x, z)
}

// Only the VM is deleted outside Terraform (its NIC and disk stay), and
// another run makes a VM of the name: the plan says the name is another's;
// the apply deletes what is left of this state's, takes nothing of the
// other's, and fails to create the name.
func TestVMDeletedOutsideWithPartsLeftSaysTheNameIsTaken(t *testing.T) {
	t.Parallel()
	d, a := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	a.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	if err := a.Apply(c); err != nil {
		t.Fatal(err)
	}
	_, err := device.Await(d.Client(t).BeginDeleteVM(c, d.VMID(acctest.VMGroup, "vm")))
	must(t, err)
	b := acctest.NewWorkspace(t, d.Env())
	b.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	if err := b.Apply(c); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Plan(c); err != nil {
		t.Fatal(err)
	}
	contains(t, errors.New(a.LastOutput()), "VM deleted outside Terraform, and its name is another's")
	contains(t, a.Apply(c), "VM already exists")
	mustConsistent(t, c, d, b)
	destroyLeavesNothing(t, c, d, b)
}

// namesLostToAnotherRun makes a VM and driver in workspace a, deletes them
// outside Terraform (driver, VM, disk and NIC), and makes a VM and driver
// of the same names in workspace b.
func namesLostToAnotherRun(t *testing.T) (d *acctest.Device, a, b *acctest.Workspace) {
	t.Helper()
	return namesLostToAnotherRunAfter(t, nil)
}

// namesLostToAnotherRunAfter is namesLostToAnotherRun, running before in
// workspace a once its VM and driver are made, before they are lost.
func namesLostToAnotherRunAfter(t *testing.T, before func(context.Context, *acctest.Workspace)) (d *acctest.Device, a, b *acctest.Workspace) {
	t.Helper()
	d, a = setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	a.Write(vmAndDriver(d, "vm", "", ""))
	if err := a.Apply(c); err != nil {
		t.Fatal(err)
	}
	if before != nil {
		before(c, a)
	}
	return d, a, loseNamesToAnotherRun(t, c, d)
}

// loseNamesToAnotherRun deletes the VM "vm" and its driver, disk and NIC
// outside Terraform, and makes a VM and driver of the same names in a new
// workspace, which it returns.
func loseNamesToAnotherRun(t *testing.T, c context.Context, d *acctest.Device) *acctest.Workspace {
	t.Helper()
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
	b := acctest.NewWorkspace(t, d.Env())
	b.Write(vmAndDriver(d, "vm", "", ""))
	if err := b.Apply(c); err != nil {
		t.Fatal(err)
	}
	return b
}

// othersSpared fails unless workspace a's state is empty after its destroy
// and the device still has what workspace b made (theirs), which b's own
// destroy then removes.
func othersSpared(t *testing.T, c context.Context, d *acctest.Device, a, b *acctest.Workspace, theirs []string) {
	t.Helper()
	if ids, _ := a.Recorded(c); len(ids) > 0 {
		t.Errorf("the first state still records %v", ids)
	}
	if now := d.Resources(); len(now) != len(theirs) {
		t.Fatalf("the first state's destroy deleted the other run's resources: before %v, after %v", theirs, now)
	}
	mustConsistent(t, c, d, b)
	destroyLeavesNothing(t, c, d, b)
}

// A destroy approved long after its refresh (here 12 seconds after, more
// than it trusts a refresh) reads the VM and the driver again before it
// deletes them: meanwhile they were deleted outside Terraform and another
// run made the same names, whose VM and driver it leaves alone (an outside
// run found them deleted).
func TestDestroyApprovedLateSparesNamesAnotherRunMade(t *testing.T) {
	t.Parallel()
	d, a := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	a.Write(vmAndDriver(d, "vm", "", ""))
	if err := a.Apply(c); err != nil {
		t.Fatal(err)
	}
	approve := awaitingApproval(t, c, a, "destroy", "-no-color")
	b := loseNamesToAnotherRun(t, c, d)
	theirs := d.Resources()
	time.Sleep(12 * time.Second)
	if out, err := approve(); err != nil {
		t.Fatalf("the approved destroy: %v\n%s", err, out)
	}
	othersSpared(t, c, d, a, b, theirs)
}
