package e2e

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// The operator's ways of orphaning resources that issue 10 reports, each
// through the Terraform CLI: after each, the device holds nothing that no
// state tracks.

// Two working directories apply a VM (and its driver) of the same name at
// once: exactly one owns it; the other fails naming it and keeps nothing.
func TestSameNameRaceHasOneOwner(t *testing.T) {
	t.Parallel()
	d, a := setup(t, mockdevice.Options{GPUs: 2, OpDelay: time.Second})
	b := acctest.NewWorkspace(t, d.Env())
	c := ctx(t)
	for _, w := range []*acctest.Workspace{a, b} {
		w.Write(vmAndDriver(d, "vm", "", ""))
		if err := w.SavePlan(c, "race.tfplan"); err != nil {
			t.Fatal(err)
		}
	}
	// Both PUTs wait, so both runs have read nothing before either lands.
	if err := d.AddFault(mockdevice.Fault{Kind: mockdevice.FaultSlow, Method: "PUT", Path: "*/virtualmachines/vm", Delay: 3 * time.Second, Count: 2}); err != nil {
		t.Fatal(err)
	}
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, w := range []*acctest.Workspace{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = w.ApplyPlan(c, "race.tfplan")
		}()
	}
	wg.Wait()
	d.ClearFaults()
	won, lost := -1, -1
	for i, err := range errs {
		if err == nil {
			won = i
		} else {
			lost = i
		}
	}
	if won < 0 || lost < 0 {
		t.Fatalf("want one winner and one loser; errors: %v", errs)
	}
	text := strings.Join(strings.Fields(errs[lost].Error()), " ")
	if !strings.Contains(text, "VM created by another run") && !strings.Contains(text, "VM already exists") {
		t.Fatalf("the loser's error does not say another run owns the VM:\n%s", errs[lost])
	}
	if !strings.Contains(text, d.VMID(acctest.VMGroup, "vm")) {
		t.Fatalf("the loser's error does not name the VM:\n%s", errs[lost])
	}
	loser := []*acctest.Workspace{a, b}[lost]
	if ids, _ := loser.Recorded(c); len(ids) != 0 {
		t.Fatalf("the losing run's state holds %v", ids)
	}
	mustConsistent(t, c, d, a, b)
	if err := []*acctest.Workspace{a, b}[won].Destroy(c); err != nil {
		t.Fatal(err)
	}
	if left := d.Resources(); len(left) > 0 {
		t.Fatalf("left on the device: %v", left)
	}
}

// The device acts on the VM PUT, but every answer is lost: the provider
// asks the device before reporting, records the VM it made, and waits for
// it to be provisioned, as it would have waited for the lost operation:
// the apply succeeds and the next has nothing to do.
func TestLostVMAnswerIsRecorded(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	w.Write(vmAndDriver(d, "vm", "", ""))
	if err := d.AddFault(mockdevice.Fault{Kind: mockdevice.FaultLostResponse, Method: "PUT", Path: "*/virtualmachines/vm", Count: 8}); err != nil {
		t.Fatal(err)
	}
	err := w.Apply(c)
	d.ClearFaults()
	if err != nil && strings.Contains(err.Error(), "refused") {
		t.Fatalf("a VM the device made was reported refused:\n%v", err)
	}
	if ids, _ := w.Recorded(c); ids[strings.ToLower(d.VMID(acctest.VMGroup, "vm"))] == "" {
		t.Fatalf("the VM the device made is not in state: %v (apply: %v)", ids, err)
	}
	mustConsistent(t, c, d, w)
	if err != nil {
		t.Fatalf("the VM was provisioned, but the apply failed:\n%v", err)
	}
	if changes, err := w.Plan(c); err != nil || changes {
		t.Fatalf("the plan after the apply: changes %v, %v\n%s", changes, err, w.LastOutput())
	}
	destroyLeavesNothing(t, c, d, w)
}

// The device starts a power-off that fails, but the answer that would have
// named the operation is lost: the provider never hears of it, tries the
// power-off again (azcore's retry after a dropped connection), and the
// device, whose VM is still running, powers it off. The apply succeeds and
// the device agrees with the state; had the provider polled the failed
// operation, the apply would fail (the soak asserts that side).
func TestLostAnswerOfFailedPowerOffIsRetried(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	w.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	if err := w.Apply(c); err != nil {
		t.Fatal(err)
	}
	vmID := d.VMID(acctest.VMGroup, "vm")
	d.FailNextOperation(vmID, mockdevice.FailNext{Code: "InternalExecutionError", Message: "power-off failed"})
	if err := d.AddFault(mockdevice.Fault{Kind: mockdevice.FaultLostResponse, Method: "POST", Path: "*/virtualmachines/vm/deallocate", Count: 1}); err != nil {
		t.Fatal(err)
	}
	w.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", `power_state = "deallocated"`))
	err := w.Apply(c)
	d.ClearFaults()
	if taken := d.TakenOperationFailures(); len(taken) != 1 {
		t.Fatalf("the injected failure was taken by %d operations, want 1: %+v", len(taken), taken)
	}
	if err != nil {
		t.Fatalf("the power-off's retry succeeded on the device, but the apply failed:\n%v", err)
	}
	if vm, err := d.Client(t).GetVM(c, vmID); err != nil || vm.PowerState() != "deallocated" {
		t.Fatalf("the VM after the apply: %v, %v", vm, err)
	}
	mustConsistent(t, c, d, w)
	if changes, err := w.Plan(c); err != nil || changes {
		t.Fatalf("the plan after the apply: changes %v, %v\n%s", changes, err, w.LastOutput())
	}
}

// Destroy is interrupted (SIGINT) right after the device accepted the VM's
// delete: the VM stays in state while its NIC and OS disk are on the
// device, so the next apply replaces it (deleting them) and the next
// destroy removes everything.
func TestInterruptedDestroyFinishes(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 1, OpDelay: 2 * time.Second})
	c := ctx(t)
	w.Write(vmAndDriver(d, "vm", "", ""))
	if err := w.Apply(c); err != nil {
		t.Fatal(err)
	}
	err := w.RunInterruptible(c, func(interrupt func()) {
		if err := d.AfterRequest(mockdevice.Fault{Method: "DELETE", Path: "*/virtualmachines/vm", Nth: 1}, interrupt); err != nil {
			t.Fatal(err)
		}
	}, "destroy", "-auto-approve", "-input=false", "-no-color")
	d.ClearFaults()
	t.Logf("interrupted destroy: %v", err)
	// Let the device finish deleting the VM, which leaves the NIC and disk.
	time.Sleep(3 * time.Second)
	// An apply now replaces the VM: what it left goes, a new one comes.
	if err := w.Apply(c); err != nil {
		t.Fatal(err)
	}
	mustConsistent(t, c, d, w)
	if got := acctest.Check(c, d, w); len(d.Resources()) != 4 { // VM, extension, NIC, OS disk
		t.Fatalf("after the apply the device has %v (%s)", d.Resources(), got)
	}
	destroyLeavesNothing(t, c, d, w)
}

// A create cancelled while its NIC is being made (a tiny create timeout)
// deletes the NIC on a context of its own, with no warning.
func TestCancelledCreateCleansUp(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	w.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", `timeouts { create = "80ms" }`))
	if err := d.AddFault(mockdevice.Fault{Kind: mockdevice.FaultSlow, Method: "PUT", Path: "*/networkinterfaces/*", Delay: 200 * time.Millisecond, Count: 1}); err != nil {
		t.Fatal(err)
	}
	err := w.Apply(c)
	if err == nil {
		t.Fatal("the create outlived its timeout and succeeded")
	}
	if strings.Contains(err.Error(), "left on the device") {
		t.Fatalf("the clean-up failed:\n%v", err)
	}
	// The NIC PUT may land after the clean-up: whatever the device has is
	// in state (recorded before it was sent).
	time.Sleep(500 * time.Millisecond)
	if got := acctest.Check(c, d, w); len(got.Orphans) > 0 {
		t.Fatalf("orphaned: %s", got)
	}
	w.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	if err := w.Apply(c); err != nil {
		t.Fatal(err)
	}
	mustConsistent(t, c, d, w)
	destroyLeavesNothing(t, c, d, w)
}

// After a run killed during create (it could not save state), the next
// plan refuses the name the device has, with the import blocks.
func TestNameOnDeviceRefusedAtPlan(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	// What a killed run leaves: the VM and its NIC, in no state.
	other := acctest.NewWorkspace(t, d.Env())
	other.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	if err := other.Apply(c); err != nil {
		t.Fatal(err)
	}
	w.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	d.ResetRequests()
	_, err := w.Plan(c)
	contains(t, err, "VM already exists", "on main.tf", "name", d.VMID(acctest.VMGroup, "vm"),
		`id = "`+d.VMID(acctest.VMGroup, "vm")+`"`, "identity = {", `resource_group_name = "`+acctest.VMGroup+`"`)
	for _, r := range d.Requests() {
		if strings.HasPrefix(strings.ToLower(r.Path), "/subscriptions") && r.Method != "GET" {
			t.Fatalf("the refused plan sent %s %s", r.Method, r.Path)
		}
	}
	if err := other.Destroy(c); err != nil {
		t.Fatal(err)
	}
}

// An extension the device has, on a VM another configuration manages, is
// refused at plan likewise.
func TestExtensionOnDeviceRefusedAtPlan(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	other := acctest.NewWorkspace(t, d.Env())
	other.Write(vmAndDriver(d, "vm", "", ""))
	if err := other.Apply(c); err != nil {
		t.Fatal(err)
	}
	vmID := d.VMID(acctest.VMGroup, "vm")
	w.Write(`
resource "azurestackedge_gpu_extension" "driver" {
  virtual_machine_id = "` + vmID + `"
}
`)
	_, err := w.Plan(c)
	contains(t, err, "GPU driver extension already exists", `id = "`+device.ExtensionID(vmID, "gpu-driver")+`"`,
		`virtual_machine_name = "vm"`, `name = "gpu-driver"`)
	if err := other.Destroy(c); err != nil {
		t.Fatal(err)
	}
}

// A run killed after it made the VM's NIC (it could neither record nor
// delete it) leaves a NIC holding the static address; the next create of
// the name deletes it and takes the address.
func TestKilledCreateLeftoverNICIsSwept(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	const ip = "10.57.48.30"
	leftover := d.Credentials().SubscriptionID
	leftover = device.NICID(leftover, acctest.VMGroup, "vm-nic-0a1b2c3d")
	var ipc device.IPConfiguration
	ipc.Name = "ipconfig1"
	ipc.Properties.Subnet = &device.SubResource{ID: d.SubnetID()}
	ipc.Properties.PrivateIPAllocationMethod, ipc.Properties.PrivateIPAddress = "Static", ip
	if _, err := device.Await(d.Client(t).BeginPutNIC(c, leftover, device.NetworkInterface{Location: "dbelocal",
		Properties: device.NICProperties{IPConfigurations: []device.IPConfiguration{ipc}}})); err != nil {
		t.Fatal(err)
	}
	w.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", `private_ip_address = "`+ip+`"`))
	if err := w.Apply(c); err != nil {
		t.Fatal(err)
	}
	mustConsistent(t, c, d, w)
	destroyLeavesNothing(t, c, d, w)
}

// Two working directories install the driver extension of one VM (made
// elsewhere) at once: exactly one owns it.
func TestSameExtensionRaceHasOneOwner(t *testing.T) {
	t.Parallel()
	d, a := setup(t, mockdevice.Options{GPUs: 1, OpDelay: time.Second})
	b := acctest.NewWorkspace(t, d.Env())
	c := ctx(t)
	owner := acctest.NewWorkspace(t, d.Env())
	owner.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	if err := owner.Apply(c); err != nil {
		t.Fatal(err)
	}
	for _, w := range []*acctest.Workspace{a, b} {
		w.Write(`
resource "azurestackedge_gpu_extension" "driver" {
  virtual_machine_id = "` + d.VMID(acctest.VMGroup, "vm") + `"
}
`)
		if err := w.SavePlan(c, "race.tfplan"); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.AddFault(mockdevice.Fault{Kind: mockdevice.FaultSlow, Method: "PUT", Path: "*/extensions/*", Delay: 3 * time.Second, Count: 2}); err != nil {
		t.Fatal(err)
	}
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, w := range []*acctest.Workspace{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = w.ApplyPlan(c, "race.tfplan")
		}()
	}
	wg.Wait()
	d.ClearFaults()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("want one winner and one loser; errors: %v", errs)
	}
	lost := 0
	if errs[1] != nil {
		lost = 1
	}
	text := strings.Join(strings.Fields(errs[lost].Error()), " ")
	if !strings.Contains(text, "created by another run") && !strings.Contains(text, "already exists") {
		t.Fatalf("the loser's error does not say another run owns it:\n%s", errs[lost])
	}
	if ids, _ := []*acctest.Workspace{a, b}[lost].Recorded(c); len(ids) != 0 {
		t.Fatalf("the losing run's state holds %v", ids)
	}
	mustConsistent(t, c, d, a, b, owner)
	for _, w := range []*acctest.Workspace{a, b, owner} {
		if err := w.Destroy(c); err != nil {
			t.Fatal(err)
		}
	}
	if left := d.Resources(); len(left) > 0 {
		t.Fatalf("left on the device: %v", left)
	}
}
