package catalog

// An Azure Stack Edge Pro GPU device has 128 GiB of memory, 96 GiB of it
// usable by workloads ("Memory: raw 128 GiB RAM (8 x 16 GiB)", "Memory:
// usable 96 GiB RAM": Azure Stack Edge Pro GPU technical specifications,
// compute and memory specifications,
// https://learn.microsoft.com/azure/databox-online/azure-stack-edge-gpu-technical-specifications-compliance).
const (
	DeviceMemoryGiB       = 128
	DeviceUsableMemoryGiB = 96
)

// MiBPerGiB converts the GiB of sizes to the MB the capacity API reports.
const MiBPerGiB = 1024

// UsableMemoryMiB is what VMs and Kubernetes may use of a device with
// memoryGiB of memory: the specification's usable share of it (the share
// is assumed to hold for figures other than 128 GiB; see assumptions.go).
func UsableMemoryMiB(memoryGiB int) int64 {
	return int64(memoryGiB) * MiBPerGiB * DeviceUsableMemoryGiB / DeviceMemoryGiB
}

// MemoryMiB is the memory a VM of this size takes.
func (s Size) MemoryMiB() int64 { return int64(s.MemoryGiB * MiBPerGiB) }
