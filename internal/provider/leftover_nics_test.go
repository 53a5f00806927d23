package provider

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// privateMap is a private state: the framework's removes a key set to
// nothing.
type privateMap map[string][]byte

func (p privateMap) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	if len(value) == 0 {
		delete(p, key)
	} else {
		p[key] = value
	}
	return nil
}

func (p privateMap) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}

func TestLeftoverCreationNICs(t *testing.T) {
	const vmID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm"
	nic := func(rg, name, attachedTo string) device.NetworkInterface {
		n := device.NetworkInterface{ID: device.NICID("s", rg, name), Name: name}
		if attachedTo != "" {
			n.Properties.VirtualMachine = &device.SubResource{ID: attachedTo}
		}
		return n
	}
	own := nic("rg", "vm-nic-00000001", vmID)
	nics := []device.NetworkInterface{
		own,
		nic("rg", "vm-nic-0a1b2c3d", ""),   // left by an interrupted create
		nic("RG", "VM-NIC-0A1B2C3E", ""),   // the same, spelled otherwise
		nic("rg", "vm-nic-00000002", ""),   // this create's own, not yet attached (keep)
		nic("rg2", "vm-nic-0a1b2c3d", ""),  // another group's VM of the name
		nic("rg", "vm2-nic-0a1b2c3d", ""),  // another VM's
		nic("rg", "vm-nic", ""),            // not a creation NIC
		nic("rg", "vm-nic-0a1b2c3f", vmID), // attached: a VM's
	}
	got := leftoverCreationNICs(nics, "rg", "vm", device.NICID("s", "rg", "vm-nic-00000002"))
	want := []string{nics[1].ID, nics[2].ID}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("leftovers = %v, want %v", got, want)
	}
}

func TestRecordedLeftoverNICs(t *testing.T) {
	ctx, p := context.Background(), privateMap{}
	if _, ok := recordedLeftoverNICs(ctx, p); ok {
		t.Fatal("a record with nothing recorded")
	}
	var diags diag.Diagnostics
	recordLeftoverNICs(ctx, p, nil, true, &diags)
	if ids, ok := recordedLeftoverNICs(ctx, p); !ok || len(ids) != 0 {
		t.Fatalf("none left: %v %v", ids, ok)
	}
	recordLeftoverNICs(ctx, p, []string{"/n1"}, true, &diags)
	if ids, ok := recordedLeftoverNICs(ctx, p); !ok || !reflect.DeepEqual(ids, []string{"/n1"}) {
		t.Fatalf("one left: %v %v", ids, ok)
	}
	recordLeftoverNICs(ctx, p, nil, false, &diags) // the look failed: a delete must list
	if _, ok := recordedLeftoverNICs(ctx, p); ok {
		t.Fatal("a failed look left a record")
	}
}

func TestRecordedDisksKnown(t *testing.T) {
	ctx, p := context.Background(), privateMap{}
	var diags diag.Diagnostics
	if _, ok := recordedDisksKnown(ctx, p); ok {
		t.Fatal("known with nothing recorded")
	}
	recordOwnedDisks(ctx, p, nil, &diags)
	if _, ok := recordedDisksKnown(ctx, p); ok {
		t.Fatal("an empty record (no OS disk yet) taken as whole")
	}
	recordOwnedDisks(ctx, p, []string{"/d/vm_OsDisk"}, &diags)
	if ids, ok := recordedDisksKnown(ctx, p); !ok || !reflect.DeepEqual(ids, []string{"/d/vm_OsDisk"}) {
		t.Fatalf("recorded: %v %v", ids, ok)
	}
}

// The subnet's sweep picks its candidates by ID alone (it reads only
// those): a NIC named for a create of the VM's name, in its group, not
// the VM's own.
func TestIsCreationNICOf(t *testing.T) {
	keep := device.NICID("s", "rg", "vm-nic-00000002")
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{device.NICID("s", "rg", "vm-nic-0a1b2c3d"), true},
		{device.NICID("s", "RG", "VM-NIC-0A1B2C3D"), true},
		{keep, false},
		{strings.ToUpper(keep), false},
		{device.NICID("s", "rg2", "vm-nic-0a1b2c3d"), false},
		{device.NICID("s", "rg", "vm2-nic-0a1b2c3d"), false},
		{device.NICID("s", "rg", "vm-nic"), false},
		{"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/vm-nic-0a1b2c3d", false},
		{"vm-nic-0a1b2c3d", false},
	} {
		if got := isCreationNICOf(tc.id, "rg", "vm", keep); got != tc.want {
			t.Errorf("isCreationNICOf(%q) = %v, want %v", tc.id, got, tc.want)
		}
	}
}
