package catalog

// Every choice below is ours: no public source states it. Keep them here.
var (
	// ExpandedSizesFrom is the first release with the 2023 size list
	// (NC16/NC32 T4 sizes, A2 sizes, HPN GPU sizes, F12/F32 sizes).
	// Assumed: [SIZES] dates that list 10/2023 but names no release.
	ExpandedSizesFrom = MustRelease("2303")

	// UbuntuDriverDeprecatedFrom is the first release on which the GPU driver
	// extension for Ubuntu 18.04 counts as deprecated. Assumed: later
	// [EXT] pages call it deprecated without naming a release.
	UbuntuDriverDeprecatedFrom = MustRelease("2309")
)

// A2CapacityName is the gpuType the Azure-side capacity API reports for A2
// devices. Assumed: [DBE] shows only "NvidiaTeslaT4".
const A2CapacityName = "NvidiaA2"

// Memory (troubleshoot-virtual-machine-provisioning says VMs get the
// device's memory less what Kubernetes and each VM's Hyper-V overhead take,
// without figures).
const (
	// KubernetesMemoryGiB is what the mock's Kubernetes role holds: the
	// memory of a Standard_DS4_v2 worker. Assumed: no page gives the
	// role's memory; the real device reports it in the capacity API.
	// Also assumed: the usable share of the technical specifications (96
	// of 128 GiB, UsableMemoryMiB) holds for any memory_gib, and a VM's
	// Hyper-V overhead is inside that share rather than counted per VM.
	KubernetesMemoryGiB = 28
)

// NonHPNGPUMaxDataDisks is the data-disk limit of a size whose [SIZES] row
// has no "Max data disks" column (the NC T4 and NC A2 tables). Assumed: four
// per vCPU up to 64, the rule every row that has the column follows.
func NonHPNGPUMaxDataDisks(s Size) int { return min(4*s.VCPUs, 64) }
