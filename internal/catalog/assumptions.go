package catalog

// Every choice below is ours: no public source states it. Keep them here.
var (
	// ExpandedSizesFrom is the first release with the 2023 size list
	// (NC16/NC32 T4 sizes, A2 sizes, HPN GPU sizes, F12/F32 sizes).
	// Assumed: [SIZES] dates that list 10/2023 but names no release.
	ExpandedSizesFrom = MustRelease("2303")

	// F12HPNFrom is the first release offering Standard_F12_HPN. Assumed:
	// the 09/2021 size table lacks it and the 2205 release notes are the
	// first to name it ("For this release, the Standard_F12_HPN can only
	// support one network interface") [SIZES-2021, RN-2205].
	F12HPNFrom = MustRelease("2205")
)

// Assumed, with no constant to hold them:
//
//   - Stopped GPU VMs before 2103: the release notes that carry the
//     known issue start with 2103, whose entry says GPU VM lifecycle was
//     not managed "prior to this release"; 2101 follows 2103's rule
//     (StoppedGPUVMsLoseGPUs).
//   - "The longer the GPU VMs are in stopped state, higher the chances
//     that Kubernetes will take over the GPUs" [RN-STOPPED-GPU]: the
//     catalog and the mock take the GPUs at once, the worst case a plan
//     must allow for. With no Kubernetes role the freed GPU is free for
//     any VM, as the mock's -legacy-deallocate always modelled. "Stopped"
//     covers both stop-stayProvisioned (powerOff) and the portal's stop
//     (deallocate): the notes speak of both.
//   - NIC limits: the catalog uses the 10/2023 table's limits on every
//     release; the 09/2021 table gave the HPN sizes 4 to 8 NICs and
//     Standard_DS2_v2 4 (docs_test.go lists the differences). The provider's
//     VM has one NIC, so no plan depends on them.
//   - Data disks: the 10/2023 table gives no "Max data disks" for the
//     non-HPN GPU sizes.
//   - An OS outside the tested list (allow_untested_os) gets the driver
//     extension of its OS type with the release's defaults: the 2205
//     Windows package is named for Windows Server 2016, 2019 and 2022 [TPL];
//     the Linux extension's settings are {} (before 2205, when each tested
//     Linux OS had its own template settings, too) [TPL]. The device installs it
//     ("other versions may work but haven't been tested" [SEED]).
//   - Admin passwords: the device refuses none of Azure's well-known
//     passwords that we know of (the vendor's parameter file uses
//     Password1 [TPL]); they plan with a warning.
//   - A subnet read from the device lists the NIC IP configurations that
//     use it (properties.ipConfigurations), as Azure's Network API does
//     (Subnets - Get, https://learn.microsoft.com/en-us/rest/api/virtualnetwork/subnets/get);
//     no device page says so. A create's sweep of NICs interrupted creates
//     left takes its candidates from there (internal/provider/leftover_nics.go).
//     A device that left it empty would hide them from that sweep only: the
//     refresh's NIC list records them and the VM's delete removes them.
//   - The device's lists of VMs answer as Azure's do, which no device page
//     describes: a plain list has each VM's model without its instance
//     view and names its extensions by ID only (Azure/azure-sdk-for-net#13378,
//     Azure/azure-sdk-for-python#2165); statusOnly=true (Compute 2020-06-01
//     and later, Virtual Machines - List All) gives each VM's run-time
//     status without its model, so the inventory joins two lists
//     (device.WithStatuses). The refresh before a whole destroy takes each
//     driver's presence from the plain list: a device whose list named no
//     extensions would make that refresh count the drivers gone, and the
//     VMs' deletes would still take them with the VMs.

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

// ImageNamesOS: an image whose name names exactly one OS of its osType
// (the family's word and its whole version, e.g. "ubuntu-18.04",
// "win2019-datacenter", "rhel74") holds that OS. Assumed: the device keeps
// only an image's osType (Windows or Linux) [TPL]; nothing records which
// Windows or Linux it is, so an import reads the OS from the name.
var ImageNamesOS = true
