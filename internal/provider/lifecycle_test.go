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
