package placement

import (
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// ApplyRelease applies device release r's rules to what the device reports
// of its VMs: on a release whose stopped GPU VMs give their GPUs up (to
// Kubernetes, if configured), a stopped or deallocated VM holds none
// [RN-STOPPED-GPU]. It returns a new slice.
func ApplyRelease(r catalog.Release, vms []VM) []VM {
	out := append([]VM(nil), vms...)
	if !catalog.StoppedGPUVMsLoseGPUs(r) {
		return out
	}
	for i, v := range out {
		if isStopped(v.PowerState) {
			out[i].GaveUpGPUs = true
		}
	}
	return out
}

// isStopped: a VM stopped (still provisioned) or deallocated, or on its way there.
func isStopped(power string) bool {
	switch strings.ToLower(power) {
	case "stopped", "stopping", "deallocated", "deallocating":
		return true
	}
	return false
}
