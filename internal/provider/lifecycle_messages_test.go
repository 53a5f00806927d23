package provider

import (
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
)

// A name the device already has is refused at plan, and terraform destroy
// plans the configuration first: the refusal says how to destroy anyway,
// and gives the import blocks that adopt the resource instead.
func TestNameRefusalsSayHowToDestroyOrImport(t *testing.T) {
	vmID := device.VMID("00000000-0000-0000-0000-000000000001", "ASERG", "vm1")
	vm := device.VirtualMachine{ID: vmID}
	ext := device.Extension{ID: device.ExtensionID(vmID, "gpu-driver")}
	for name, msg := range map[string]string{"VM": alreadyOnDevice(vm, false), "extension": extensionOnDevice(ext, false)} {
		for _, want := range []string{"terraform destroy -refresh=false", "import {", vmID} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: the refusal lacks %q:\n%s", name, want, msg)
			}
		}
	}
}

// A name this state recorded and the refresh found another's: the advice
// records the loss, warns off importing another's, and says destroy
// leaves the other's alone.
func TestLostNameRefusalsSayToRecordTheLoss(t *testing.T) {
	vmID := device.VMID("00000000-0000-0000-0000-000000000001", "ASERG", "vm1")
	vm := device.VirtualMachine{ID: vmID}
	ext := device.Extension{ID: device.ExtensionID(vmID, "gpu-driver")}
	for name, msg := range map[string]string{"VM": alreadyOnDevice(vm, true), "extension": extensionOnDevice(ext, true)} {
		for _, want := range []string{"terraform apply -refresh-only", "with or without -refresh=false, deletes nothing of the other's", "two owners", "import {"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: the refusal lacks %q:\n%s", name, want, msg)
			}
		}
	}
}
