package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// A VM the list of statuses does not cover (made between the two lists)
// is read on its own, so that it does not count as never having run; one
// deleted meanwhile is dropped.
func TestWithPowerReadsTheVMsStatusesMiss(t *testing.T) {
	t.Parallel()
	f, err := mockdevice.ParseFixture(strings.NewReader(`{"gpus": 2, "vms": [
  {"resource_group": "ASERG", "name": "on", "size": "Standard_NC4as_T4_v3", "os_type": "Linux"},
  {"resource_group": "ASERG", "name": "off", "size": "Standard_NC4as_T4_v3", "os_type": "Linux", "power_state": "deallocated"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	d, err := mockdevice.Start(mockdevice.Options{Fixture: f})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	ctx := context.Background()
	c, err := device.New(ctx, device.Config{ARMEndpoint: d.URL(), Password: d.Credentials().Password, CACertificatePEM: d.CAPEM(),
		PollFrequency: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	vms, err := c.ListVMs(ctx)
	if err != nil || len(vms) != 2 {
		t.Fatalf("list: %v %v", vms, err)
	}
	gone := device.VirtualMachine{ID: vms[0].ID[:strings.LastIndex(vms[0].ID, "/")+1] + "deleted-meanwhile"}
	pd := &providerData{client: c, planSession: newPlanSession()}
	listVMs := func(context.Context) ([]device.VirtualMachine, error) { return append(vms, gone), nil }
	noStatuses := func(context.Context) ([]device.VirtualMachine, error) { return nil, nil }
	got, err := pd.withPower(ctx, listVMs, noStatuses)
	if err != nil {
		t.Fatal(err)
	}
	power := map[string]string{}
	for _, v := range got {
		power[v.Name] = v.PowerState()
	}
	if len(got) != 2 || power["on"] != "running" || power["off"] != "deallocated" {
		t.Errorf("joined: %v; want on running, off deallocated, the deleted VM dropped", power)
	}
}
