package e2e

import (
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-exec/tfexec"
)

// The refresh before a destroy of the whole state reads every VM from one
// list of the device's VMs, and each driver from its VM's entry there (by
// ID): a driver deleted outside Terraform is seen gone, and nothing reads
// a VM or a driver on its own.
func TestDestroyRefreshReadsOneListOfVMs(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 2})
	c := ctx(t)
	w.Write(vmAndDriver(d, "a", "", "") + vmAndDriver(d, "b", "", ""))
	must(t, w.Apply(c))
	vmID := d.VMID(acctest.VMGroup, "a")
	_, err := device.Await(d.Client(t).BeginDeleteExtension(c, device.ExtensionID(vmID, "gpu-driver")))
	must(t, err)
	d.ResetRequests()
	must(t, w.Destroy(c))
	var lists int
	for _, r := range d.Requests() {
		if r.Method != "GET" || !strings.Contains(r.Path, "/Microsoft.Compute/virtualMachines") {
			continue
		}
		if strings.HasSuffix(r.Path, "/virtualMachines") {
			lists++
			continue
		}
		if !strings.Contains(r.Path, "/operations/") {
			t.Errorf("the destroy read a VM or a driver on its own: %s %s?%s", r.Method, r.Path, r.Query)
		}
	}
	if lists != 1 {
		t.Errorf("the destroy listed the VMs %d times, want 1", lists)
	}
	destroyed(t, c, d, w)
}

// A destroy of the driver alone (-target) keeps its VM, so the refresh
// reads the driver itself: one of the name that another run installed
// after this state's was deleted outside Terraform (another creation
// token) is not this state's, and stays.
func TestTargetedDestroySparesAnotherRunsDriver(t *testing.T) {
	t.Parallel()
	d, x := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	x.Write(vmAndDriver(d, "vm", "", ""))
	must(t, x.Apply(c))
	vmID := d.VMID(acctest.VMGroup, "vm")
	extID := device.ExtensionID(vmID, "gpu-driver")
	_, err := device.Await(d.Client(t).BeginDeleteExtension(c, extID))
	must(t, err)
	z := acctest.NewWorkspace(t, d.Env())
	z.Write(`
resource "azurestackedge_gpu_extension" "driver" {
  virtual_machine_id = "` + vmID + `"
}
`)
	must(t, z.Apply(c))
	must(t, x.Terraform().Destroy(c, tfexec.Target("azurestackedge_gpu_extension.vm")))
	if _, err := d.Client(t).GetExtension(c, extID); err != nil {
		t.Fatalf("the targeted destroy deleted the other run's driver: %v", err)
	}
	must(t, z.Destroy(c))
	destroyLeavesNothing(t, c, d, x)
}

// Only the VM is deleted outside Terraform (its NIC and disk stay, so the
// state keeps the VM for them), and another run makes a VM and driver of
// the same names: a destroy of the whole first state deletes what is left
// of its VM and nothing of the other's, its driver included, though the
// other's VM is in the VM list the refresh reads (an outside run found
// the driver deleted).
func TestDestroySparesTheDriverOfAnotherRunsVMOfTheName(t *testing.T) {
	t.Parallel()
	d, a := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	a.Write(vmAndDriver(d, "vm", "", ""))
	must(t, a.Apply(c))
	vmID := d.VMID(acctest.VMGroup, "vm")
	_, err := device.Await(d.Client(t).BeginDeleteVM(c, vmID))
	must(t, err)
	b := acctest.NewWorkspace(t, d.Env())
	b.Write(vmAndDriver(d, "vm", "", ""))
	must(t, b.Apply(c))
	must(t, a.Destroy(c))
	if _, err := d.Client(t).GetExtension(c, device.ExtensionID(vmID, "gpu-driver")); err != nil {
		t.Fatalf("the destroy deleted the other run's driver: %v", err)
	}
	if ids, _ := a.Recorded(c); len(ids) > 0 {
		t.Errorf("the first state still records %v", ids)
	}
	mustConsistent(t, c, d, b) // what is left of the first state's VM is gone, the other's whole
	destroyLeavesNothing(t, c, d, b)
}
