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

// ImageNamesOS: an image whose name names exactly one OS of its osType
// (the family's word and its whole version, e.g. "ubuntu-18.04",
// "win2019-datacenter", "rhel74") holds that OS. Assumed: the device keeps
// only an image's osType (Windows or Linux) [TPL]; nothing records which
// Windows or Linux it is, so an import reads the OS from the name.
var ImageNamesOS = true
