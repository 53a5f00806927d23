package e2e

import (
	"context"
	"strings"
	"time"

	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// Destroy first plans the configuration to refresh the state, and then
// discards that plan: a create there that the plan checks refuse (a VM
// for which the device has no free GPU; a driver whose extension a killed
// install left on the device, outside the state) must not stop the
// destroy. terraform plan still refuses both.
func TestDestroyIsNotStoppedByRefusedCreates(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"destroy", []string{"destroy", "-auto-approve", "-input=false", "-no-color"}},
		{"apply -destroy", []string{"apply", "-destroy", "-auto-approve", "-input=false", "-no-color"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d, w := setup(t, mockdevice.Options{GPUs: 1})
			c := ctx(t)
			w.Write(vmAndDriver(d, "a", "", ""))
			if err := w.Apply(c); err != nil {
				t.Fatal(err)
			}
			// The driver is on the device but not in state, as after a
			// killed install; and a second VM wants the device's only GPU.
			if err := w.Terraform().StateRm(c, "azurestackedge_gpu_extension.a"); err != nil {
				t.Fatal(err)
			}
			w.Write(vmAndDriver(d, "a", "", "") + d.GPUVM("b", "b", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
			_, err := w.Plan(c)
			contains(t, err, "Not enough free GPUs on the device")
			contains(t, err, "already")

			if out, err := w.Command(c, tc.args...).CombinedOutput(); err != nil {
				t.Fatalf("terraform %v was stopped by the configuration's refused creates: %v\n%s", tc.args, err, out)
			}
			destroyed(t, c, d, w)
		})
	}
}

// A VM the configuration names that the device has and no state manages
// (a run killed before it saved its state left it) would outlive a destroy
// unseen: destroy says so, with the import that lets it delete the VM, and
// deletes what the state holds once that is done.
func TestDestroyFlagsAVMNoStateManages(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 2})
	c := ctx(t)
	w.Write(vmAndDriver(d, "a", "", "") + d.GPUVM("b", "b", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	if err := w.Apply(c); err != nil {
		t.Fatal(err)
	}
	// As after a run killed before it saved b.
	must(t, w.Terraform().StateRm(c, "azurestackedge_gpu_vm.b"))
	err := w.Destroy(c)
	contains(t, err, "VM of this configuration that no state manages", "import {", d.VMID(acctest.VMGroup, "b"))
	if ids, _ := w.Recorded(c); len(ids) == 0 {
		t.Fatal("the refused destroy deleted what the state holds")
	}
	// As the message says: import it, and the destroy deletes it too.
	w.Write(vmAndDriver(d, "a", "", "") + d.GPUVM("b", "b", "Standard_NC4as_T4_v3", "rhel_7_4", "") +
		"import {\n  to = azurestackedge_gpu_vm.b\n  id = \"" + d.VMID(acctest.VMGroup, "b") + "\"\n}\n")
	if err := w.Apply(c); err != nil {
		t.Fatalf("import: %v", err)
	}
	destroyLeavesNothing(t, c, d, w)
}

// One VM leaves the configuration and another comes, on a device with one
// GPU: the plan counts the leaving VM's GPU for the new one, and Terraform
// deletes and creates them at once (nothing orders two resources). The
// create waits for the run's VM deletes to end before it asks the device,
// which would refuse a GPU still held (an outside run found it refused).
func TestCreateWaitsForTheDeleteThatFreesItsGPU(t *testing.T) {
	t.Parallel()
	d, w, c := oneGPUVMApplied(t, 2*time.Second, "a", "vm-a")
	w.Write(d.GPUVM("b", "vm-b", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	if err := w.Apply(c); err != nil {
		t.Fatalf("the apply that deletes a and creates b: %v", err)
	}
	mustConsistent(t, c, d, w)
	destroyLeavesNothing(t, c, d, w)
}

// The delete the create waited for fails: it freed no GPU, and the create
// stops before it asks the device, with nothing made (an outside run saw
// the device refuse the VM, left Failed and tainted).
func TestCreateStopsWhenTheDeleteItWaitedForFreedNothing(t *testing.T) {
	t.Parallel()
	d, w, c := oneGPUVMApplied(t, 2*time.Second, "a", "vm-a")
	d.FailNextOperation(d.VMID(acctest.VMGroup, "vm-a"), mockdevice.FailNext{Code: "InternalExecutionError", Message: "the delete failed"})
	w.Write(d.GPUVM("b", "vm-b", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	err := w.Apply(c)
	contains(t, err, "the delete failed", "ended without freeing them", "Nothing was made")
	for _, r := range d.Requests() {
		if r.Method == "PUT" && strings.Contains(strings.ToLower(r.Path), "/virtualmachines/vm-b") {
			t.Errorf("the create sent %s %s", r.Method, r.Path)
		}
	}
	mustConsistent(t, c, d, w)
}

// A VM's name moves to another resource address (a for_each key that
// changes, with no moved block): the plan deletes the old resource and
// creates the new one under the same name. The name is this state's own,
// though its resource may be refreshed after the new one is planned, and
// the create waits for the delete, which takes longer than the plan waits
// for a name's owner: plan and apply pass (an outside run found the plan
// refusing the name as no state's).
func TestNameMovedToAnotherAddressApplies(t *testing.T) {
	t.Parallel()
	d, w, c := oneGPUVMApplied(t, 3500*time.Millisecond, "c", "vm-a")
	w.Write(d.GPUVM("z", "vm-a", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	if err := w.Apply(c); err != nil {
		t.Fatalf("the apply that moves vm-a from c to z: %v", err)
	}
	if ids, _ := w.Recorded(c); ids[strings.ToLower(d.VMID(acctest.VMGroup, "vm-a"))] != "azurestackedge_gpu_vm.z" {
		t.Errorf("state records %v, want vm-a at azurestackedge_gpu_vm.z", ids)
	}
	mustConsistent(t, c, d, w)
	destroyLeavesNothing(t, c, d, w)
}

// oneGPUVMApplied applies GPU VM name at resource address addr on a device
// with one GPU whose operations take opDelay: the device is full.
func oneGPUVMApplied(t *testing.T, opDelay time.Duration, addr, name string) (*acctest.Device, *acctest.Workspace, context.Context) {
	t.Helper()
	d, w := setup(t, mockdevice.Options{GPUs: 1, OpDelay: opDelay})
	c := ctx(t)
	w.Write(d.GPUVM(addr, name, "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	if err := w.Apply(c); err != nil {
		t.Fatal(err)
	}
	return d, w, c
}
