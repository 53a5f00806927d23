package e2e

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-exec/tfexec"
)

// putLeftoverNIC makes, outside Terraform, an unattached NIC of this name
// on subnet, as a create killed after its NIC's PUT leaves it.
func putLeftoverNIC(t *testing.T, c context.Context, d *acctest.Device, name, subnet string) string {
	t.Helper()
	id := device.NICID(d.Credentials().SubscriptionID, acctest.VMGroup, name)
	var ipc device.IPConfiguration
	ipc.Name = "ipconfig1"
	ipc.Properties.Subnet = &device.SubResource{ID: subnet}
	ipc.Properties.PrivateIPAllocationMethod = "Dynamic"
	if _, err := device.Await(d.Client(t).BeginPutNIC(c, id, device.NetworkInterface{Location: "dbelocal",
		Properties: device.NICProperties{IPConfigurations: []device.IPConfiguration{ipc}}})); err != nil {
		t.Fatal(err)
	}
	return id
}

// nicRequests counts the lists of the device's NICs among rs, and the
// reads of NIC id.
func nicRequests(d *acctest.Device, rs []mockdevice.Request, id string) (lists, reads int) {
	list := "/subscriptions/" + d.Credentials().SubscriptionID + "/providers/Microsoft.Network/networkInterfaces"
	for _, r := range rs {
		switch {
		case r.Method != "GET":
		case r.Path == list:
			lists++
		case strings.EqualFold(r.Path, id):
			reads++
		}
	}
	return lists, reads
}

// nicExists reports whether the device has NIC id.
func nicExists(t *testing.T, c context.Context, d *acctest.Device, id string) bool {
	t.Helper()
	_, err := d.Client(t).GetNIC(c, id)
	if err != nil && !errors.Is(err, device.ErrNotFound) {
		t.Fatal(err)
	}
	return err == nil
}

// A NIC an interrupted create of the name left in the VM's subnet is
// found through the subnet the plan read, which lists the NICs that use
// it: the create reads that one NIC, sees it unattached and deletes it,
// and never lists the device's NICs. A NIC of another VM's name in the
// subnet is neither read nor deleted.
func TestLeftoverNICInSubnetIsSweptWithoutAList(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	leftover := putLeftoverNIC(t, c, d, "vm-nic-0a1b2c3d", d.SubnetID())
	other := putLeftoverNIC(t, c, d, "vm2-nic-0a1b2c3d", d.SubnetID())
	w.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	d.ResetRequests()
	if err := w.Apply(c); err != nil {
		t.Fatal(err)
	}
	apply := d.Requests()
	if nicExists(t, c, d, leftover) {
		t.Fatalf("the create left %s, which an interrupted create of its name made, on the device", leftover)
	}
	lists, reads := nicRequests(d, apply, leftover)
	if lists != 0 || reads != 1 {
		t.Fatalf("the create listed the NICs %d times and read the leftover %d times; want no list and one read:\n%s",
			lists, reads, describeRequests(apply))
	}
	if _, reads := nicRequests(d, apply, other); reads != 0 || !nicExists(t, c, d, other) {
		t.Fatalf("the create read (%d times) or deleted %s, another VM's name's NIC", reads, other)
	}
	if _, err := device.Await(d.Client(t).BeginDeleteNIC(c, other)); err != nil {
		t.Fatal(err)
	}
	mustConsistent(t, c, d, w)
	destroyLeavesNothing(t, c, d, w)
}

// A create with nothing to sweep makes no request for the sweep: the
// subnet its plan read shows no NIC of its name.
func TestCreateWithoutLeftoversListsNoNICs(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	w.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	d.ResetRequests()
	if err := w.Apply(c); err != nil {
		t.Fatal(err)
	}
	apply := d.Requests()
	if lists, _ := nicRequests(d, apply, ""); lists != 0 {
		t.Fatalf("the create listed the device's NICs %d times; want none:\n%s", lists, describeRequests(apply))
	}
	if err := w.Destroy(c); err != nil {
		t.Fatal(err)
	}
}

// A NIC an interrupted create of the name left in another subnet (the
// configuration named that one then) is not in the subnet the create
// looked at. The create records no "none left" for the delete, so a
// destroy that does not refresh lists the NICs and deletes it too.
func TestLeftoverNICInFormerSubnetIsDestroyedWithoutRefresh(t *testing.T) {
	t.Parallel()
	f, err := mockdevice.ParseFixture(strings.NewReader(`{"networks": [{"resource_group": "ASERG", "name": "former", "address_prefix": "10.60.0.0/16",
 "subnets": [{"name": "former", "address_prefix": "10.60.1.0/24"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	d, w := setup(t, mockdevice.Options{GPUs: 1, Fixture: f})
	c := ctx(t)
	former := "/subscriptions/" + d.Credentials().SubscriptionID + "/resourceGroups/ASERG/providers/Microsoft.Network/virtualNetworks/former/subnets/former"
	leftover := putLeftoverNIC(t, c, d, "vm-nic-0a1b2c3d", former)
	w.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	if err := w.Apply(c); err != nil {
		t.Fatal(err)
	}
	if !nicExists(t, c, d, leftover) {
		t.Fatalf("the create found %s, which is in another subnet; this test wants the create not to see it", leftover)
	}
	if err := w.Terraform().Destroy(c, tfexec.Refresh(false)); err != nil {
		t.Fatal(err)
	}
	if left := d.Resources(); len(left) > 0 {
		t.Fatalf("left on the device: %v", left)
	}
}

// A NIC in the subnet named for a create of the VM's name but attached to
// a VM (here one made outside Terraform around it) is no leftover: the
// create reads it, sees it attached, and keeps it.
func TestAttachedCreationNICInSubnetIsKept(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	attached := putLeftoverNIC(t, c, d, "vm-nic-0a1b2c3d", d.SubnetID())
	holder := d.VMID(acctest.VMGroup, "holder")
	if _, err := device.Await(d.Client(t).BeginPutVM(c, holder, device.VirtualMachine{Location: "dbelocal", Properties: device.VMProperties{
		HardwareProfile: device.HardwareProfile{VMSize: "Standard_D2_v2"},
		StorageProfile:  &device.StorageProfile{ImageReference: &device.SubResource{ID: d.ImageID("ubuntu_18_04")}},
		OSProfile:       &device.OSProfile{AdminUsername: "azureuser", AdminPassword: "Outside-Passw0rd!"},
		NetworkProfile:  &device.NetworkProfile{NetworkInterfaces: []device.SubResource{{ID: attached}}},
	}})); err != nil {
		t.Fatal(err)
	}
	w.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	d.ResetRequests()
	if err := w.Apply(c); err != nil {
		t.Fatal(err)
	}
	apply := d.Requests()
	if _, reads := nicRequests(d, apply, attached); reads != 1 {
		t.Fatalf("the create read %s %d times; want once, to see it attached", attached, reads)
	}
	// The device refuses to delete a NIC a VM holds (NicInUse): the
	// create must not even ask.
	for _, r := range apply {
		if r.Method == "DELETE" && strings.EqualFold(r.Path, attached) {
			t.Fatalf("the create asked to delete %s, which VM %s holds", attached, holder)
		}
	}
	if !nicExists(t, c, d, attached) {
		t.Fatalf("the create deleted %s, which VM %s holds", attached, holder)
	}
	if err := w.Destroy(c); err != nil {
		t.Fatal(err)
	}
	if !nicExists(t, c, d, attached) {
		t.Fatalf("the destroy deleted %s, which VM %s holds", attached, holder)
	}
}
