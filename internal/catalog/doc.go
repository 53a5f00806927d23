// Package catalog holds what is known about Azure Stack Edge Pro GPU devices
// without asking one: the VM sizes of each device release, the operating
// systems the NVIDIA GPU driver extension supports, and the extension's
// defaults. It is pure data and pure functions, shared by the provider and the
// mock device, so both agree on the device's rules.
//
// Sources (public; see ../shared/reference/device.md in the project root):
//
//	[SEED]   Azure Stack Edge Pro GPU: GPU VM overview (2021)
//	[SIZES]  learn.microsoft.com/azure/databox-online/azure-stack-edge-gpu-virtual-machine-sizes
//	[EXT]    .../azure-stack-edge-gpu-deploy-virtual-machine-install-gpu-extension
//	[EXT-TS] .../azure-stack-edge-gpu-troubleshoot-virtual-machine-gpu-extension-installation
//	[TPL]    github.com/Azure-Samples/azure-stack-edge-deploy-vms
//	[DBE]    github.com/Azure/azure-rest-api-specs, specification/databoxedge
//	[OVERVIEW-2024], [SIZES-2021], [SIZES-2023], [RN-2110], [RN-2205], [RN-2407],
//	[RN-STOPPED-GPU]: the dated pages and release notes in sources.go
//
// Messages never show these tags: Cite turns them into readable names.
// testdata/docs holds the documents' tables, transcribed by hand, which
// docs_test.go checks this catalog against.
//
// Choices no public source makes are marked "Assumed" and kept in
// assumptions.go, so they are easy to find and change.
package catalog
