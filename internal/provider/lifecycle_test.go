package provider

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestUnion(t *testing.T) {
	got := union([]string{"/a", "", "/B"}, []string{"/b", "/c"}, nil)
	if want := []string{"/a", "/B", "/c"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("union = %v, want %v", got, want)
	}
}

func TestAnswered(t *testing.T) {
	refused := &device.Error{StatusCode: 409, Action: "x"}
	noAnswer := &device.Error{Action: "x", Err: errors.New("connection reset")}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		err  error
		want bool
	}{
		{"refusal", context.Background(), refused, true},
		{"no answer", context.Background(), noAnswer, false},
		{"refusal, but interrupted", cancelled, refused, false},
		{"not a device error", context.Background(), errors.New("x"), false},
	} {
		if got := answered(tc.ctx, tc.err); got != tc.want {
			t.Errorf("%s: %v", tc.name, got)
		}
	}
}

func TestOwnNIC(t *testing.T) {
	const vmID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm"
	plan := gpuVMModel{ID: types.StringValue(vmID), Name: types.StringValue("vm"), ResourceGroupName: types.StringValue("RG")}
	nic := func(name, attachedTo string) device.NetworkInterface {
		n := device.NetworkInterface{ID: device.NICID("s", "rg", name), Name: name}
		if attachedTo != "" {
			n.Properties.VirtualMachine = &device.SubResource{ID: attachedTo}
		}
		return n
	}
	for _, tc := range []struct {
		name string
		nic  device.NetworkInterface
		want bool
	}{
		{"attached to this VM (a replacement)", nic("vm-nic", vmID), true},
		{"left by an interrupted create", nic("vm-nic-0a1b2c3d", ""), true},
		{"another VM's", nic("vm-nic-0a1b2c3d", vmID+"2"), false},
		{"unattached, another name", nic("vm2-nic-0a1b2c3d", ""), false},
		{"unattached, not a creation NIC", nic("vm-nic", ""), false},
	} {
		if got := ownNIC(tc.nic, plan); got != tc.want {
			t.Errorf("%s: %v", tc.name, got)
		}
	}
}

func TestPlanAddressAndStateIDs(t *testing.T) {
	pd := &providerData{}
	if other := pd.planAddress("/SUBNET", "10.0.0.9", "/vm1"); other != "" {
		t.Fatalf("first claim: %q", other)
	}
	if other := pd.planAddress("/subnet", "10.0.0.9", "/VM1"); other != "" {
		t.Fatalf("the same VM again: %q", other)
	}
	if other := pd.planAddress("/subnet", "10.0.0.9", "/vm2"); other != "/vm1" {
		t.Fatalf("a second VM: %q", other)
	}
	pd.inState.add("/A/B")
	if !pd.inState.has("/a/b") || pd.inState.has("/a/c") {
		t.Fatal("stateIDs")
	}
}
