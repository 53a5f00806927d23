package device

import (
	"fmt"
	"testing"
)

func TestWithStatuses(t *testing.T) {
	view := func(power string) *InstanceView {
		return &InstanceView{Statuses: []InstanceViewStatus{{Code: "ProvisioningState/succeeded"}, {Code: "PowerState/" + power}}}
	}
	vm := func(id, size string) VirtualMachine {
		return VirtualMachine{ID: id, Properties: VMProperties{HardwareProfile: HardwareProfile{VMSize: size}}}
	}
	status := func(id, power string) VirtualMachine {
		return VirtualMachine{ID: id, Properties: VMProperties{InstanceView: view(power)}}
	}
	noView := VirtualMachine{ID: "/a"}
	tests := []struct {
		name        string
		vms, sts    []VirtualMachine
		wantPower   []string
		wantMissing []string
	}{
		{"joined by ID", []VirtualMachine{vm("/a", "S1"), vm("/b", "S2")}, []VirtualMachine{status("/b", "deallocated"), status("/a", "running")},
			[]string{"running", "deallocated"}, nil},
		{"IDs compare without case", []VirtualMachine{vm("/RG/A", "S1")}, []VirtualMachine{status("/rg/a", "stopped")}, []string{"stopped"}, nil},
		{"a VM made between the lists is missing", []VirtualMachine{vm("/a", "S1"), vm("/new", "S1")}, []VirtualMachine{status("/a", "running")},
			[]string{"running", ""}, []string{"/new"}},
		{"a status of a VM deleted between the lists is dropped", []VirtualMachine{vm("/a", "S1")}, []VirtualMachine{status("/gone", "running"), status("/a", "running")},
			[]string{"running"}, nil},
		{"no statuses", []VirtualMachine{vm("/a", "S1")}, nil, []string{""}, []string{"/a"}},
		{"statuses without instance views", []VirtualMachine{vm("/a", "S1")}, []VirtualMachine{noView}, []string{""}, []string{"/a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WithStatuses(tt.vms, tt.sts)
			var missing []string
			for _, v := range got {
				if v.Properties.InstanceView == nil {
					missing = append(missing, v.ID)
				}
			}
			if fmt.Sprint(missing) != fmt.Sprint(tt.wantMissing) {
				t.Errorf("VMs without a status = %v, want %v", missing, tt.wantMissing)
			}
			if len(got) != len(tt.wantPower) {
				t.Fatalf("got %d VMs, want %d", len(got), len(tt.wantPower))
			}
			for i, v := range got {
				if v.PowerState() != tt.wantPower[i] || v.Properties.HardwareProfile.VMSize != tt.vms[i].Properties.HardwareProfile.VMSize {
					t.Errorf("VM %s: power %q size %q, want %q %q", v.ID, v.PowerState(), v.Properties.HardwareProfile.VMSize, tt.wantPower[i], tt.vms[i].Properties.HardwareProfile.VMSize)
				}
			}
			for _, v := range tt.vms {
				if v.Properties.InstanceView != nil {
					t.Error("the input was changed")
				}
			}
		})
	}
}
