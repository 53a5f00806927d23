package e2e

import (
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// A NIC an interrupted create of the name left after the VM was made (so
// the create's own sweep could not see it) is found by the refresh before
// the destroy, which records it, and the destroy deletes it without
// listing the device's NICs again.
func TestLeftoverNICAfterCreateIsDestroyed(t *testing.T) {
	t.Parallel()
	d, w := setup(t, mockdevice.Options{GPUs: 1})
	c := ctx(t)
	w.Write(d.GPUVM("vm", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", ""))
	if err := w.Apply(c); err != nil {
		t.Fatal(err)
	}
	leftover := device.NICID(d.Credentials().SubscriptionID, acctest.VMGroup, "vm-nic-0a1b2c3d")
	var ipc device.IPConfiguration
	ipc.Name = "ipconfig1"
	ipc.Properties.Subnet = &device.SubResource{ID: d.SubnetID()}
	ipc.Properties.PrivateIPAllocationMethod = "Dynamic"
	if _, err := device.Await(d.Client(t).BeginPutNIC(c, leftover, device.NetworkInterface{Location: "dbelocal",
		Properties: device.NICProperties{IPConfigurations: []device.IPConfiguration{ipc}}})); err != nil {
		t.Fatal(err)
	}
	d.ResetRequests()
	destroyLeavesNothing(t, c, d, w)
	lists := 0
	for _, r := range d.Requests() {
		if r.Method == "GET" && r.Path == "/subscriptions/"+d.Credentials().SubscriptionID+"/providers/Microsoft.Network/networkInterfaces" {
			lists++
		}
	}
	if lists != 1 {
		t.Fatalf("the destroy listed the NICs %d times; want once, by the refresh", lists)
	}
}
