package provider

import (
	"fmt"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/placement"
)

// startTakenDetail explains a plan to start a stopped GPU VM whose GPU
// Kubernetes took: on releases up to 2205 a stopped GPU VM gives its GPUs
// up, and Kubernetes takes them [RN-STOPPED-GPU].
func startTakenDetail(r catalog.Release, name string, short *placement.Shortage) string {
	inv := short.Inventory
	return fmt.Sprintf("power_state = %q: VM %s is stopped, and on release %s a stopped GPU VM gives up its GPU; "+
		"\"When the GPU VMs are stopped, Kubernetes will take over the GPUs that were used originally by VMs\" %s. "+
		"The device has %d %s GPU(s) and %d free (%s), so starting the VM would fail with \"Insufficient number of GPUs\". "+
		"Remove the Kubernetes role to give its GPUs back, free a GPU, or keep the VM deallocated. "+
		"From release %s on, a stopped GPU VM keeps its GPU.",
		powerRunning, name, r, catalog.Cite("RN-STOPPED-GPU"), inv.Total, inv.GPUType, inv.Free, inv.Describe(), catalog.StoppedGPUVMsKeepGPUsFrom)
}
