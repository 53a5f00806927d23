package catalog

// Rules that change from one device release to another, each with the
// release notes or page that states it. What no source dates is an
// assumption in assumptions.go.

// HPNFrom is the first release that deploys high-performance network
// (HPN) VMs: "Beginning this release, high-performance network virtual
// machines can be deployed" (2110 release notes, 01/2022) [RN-2110].
var HPNFrom = MustRelease("2110")

// UbuntuDriverDroppedFrom is the first release whose GPU driver extension
// no longer supports Ubuntu 18.04: "Deprecated support for Ubuntu 18.04 LTS
// GPU extension. The GPU extension is no longer supported on Ubuntu 18.04
// GPU VMs running on Azure Stack Edge devices" (2407 release notes,
// 08/2024) [RN-2407]; the 08/2024 GPU VM overview says the same without a
// release [OVERVIEW-2024]. 2407 is newer than the releases this catalog
// was written against: a device_release of 2407 or later applies it.
var UbuntuDriverDroppedFrom = MustRelease("2407")

// StoppedGPUVMsNoticeReleases are the releases whose release notes carry
// the known issue "When the GPU VMs are stopped, Kubernetes will take over
// the GPUs that were used originally by VMs" (MicrosoftDocs/azure-docs,
// articles/databox-online/azure-stack-edge-gpu-<release>-release-notes.md):
// 2103 (03/2021), 2105 (05/2021), 2106, 2110, 2111, 2202, 2203 and 2205
// (05/2022). The notes of 2207 (11/2022), 2209, 2210 and 2301 no longer
// list it [RN-STOPPED-GPU].
var StoppedGPUVMsNoticeReleases = []string{"2103", "2105", "2106", "2110", "2111", "2202", "2203", "2205"}

// StoppedGPUVMsKeepGPUsFrom is the first release whose notes drop that
// known issue: from it on, a stopped GPU VM keeps its GPUs.
var StoppedGPUVMsKeepGPUsFrom = MustRelease("2207")

// StoppedGPUVMsLoseGPUs reports whether, on release r, a stopped or
// deallocated GPU VM gives up its GPUs, which a Kubernetes role then takes
// (at once if configured, else when it is configured) [RN-STOPPED-GPU].
// Releases before 2103 follow 2103 (Assumed; see assumptions.go).
func StoppedGPUVMsLoseGPUs(r Release) bool {
	return !r.IsZero() && !r.AtLeast(StoppedGPUVMsKeepGPUsFrom)
}

// F12HPNOneNICReleases are the releases on which Standard_F12_HPN takes a
// single network interface: "For this release, the Standard_F12_HPN can only
// support one network interface" [RN-2205]. Later notes (2207 on) drop the
// issue, and the 10/2023 size table gives it 14 [SIZES-2023].
var F12HPNOneNICReleases = []string{"2205"}

// sizeNICLimitOn is a release's own NIC limit for a size, when its release
// notes give one that differs from the size table.
func sizeNICLimitOn(s Size, r Release) (int, bool) {
	if s.Name != "Standard_F12_HPN" {
		return 0, false
	}
	for _, rel := range F12HPNOneNICReleases {
		if MustRelease(rel) == r {
			return 1, true
		}
	}
	return 0, false
}
