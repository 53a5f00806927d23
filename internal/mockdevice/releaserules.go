package mockdevice

import "github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"

// stoppedGPUVMsLoseGPUs reports whether a stopped or deallocated GPU VM
// gives up its GPUs on this device, a Kubernetes role taking them: on the
// releases whose notes say so [RN-STOPPED-GPU], or on any release with
// -legacy-deallocate.
func (h hardware) stoppedGPUVMsLoseGPUs() bool {
	return h.LegacyDeallocate || catalog.StoppedGPUVMsLoseGPUs(h.Release)
}

// imageOS is the catalog's OS of a seeded image, or the zero OS (no
// OS-specific limits) for one a user made.
func imageOS(img *image) catalog.OS {
	os, _ := catalog.LookupOS(img.OSKey)
	return os
}
