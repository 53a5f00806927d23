package provider

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/placement"
)

// capacityMemory is the memory part of deviceCapacityInfo, for placement.
func capacityMemory(c device.CapacityInfo) placement.CapacityMemory {
	mc := c.Properties.ClusterComputeCapacityInfo.MemoryCapacity
	out := placement.CapacityMemory{TotalMiB: int64(mc.TotalMb), FreeMiB: int64(mc.FreeMb)}
	for name, h := range c.Properties.NodeCapacityInfos {
		host := placement.HostMemory{Name: name, AvailableMiB: int64(h.EffectiveAvailableMemoryMb), VMUsedMiB: map[string]int64{}}
		for id, m := range h.VMUsedMemory {
			host.VMUsedMiB[id] = int64(m.StartupMemoryMB)
		}
		out.Hosts = append(out.Hosts, host)
	}
	return out
}

// gib is MiB in GiB, for the inventory's figures.
func gib(mib int64) float64 { return math.Round(float64(mib)/catalog.MiBPerGiB*100) / 100 }

// explainMemory adds who holds the device's memory to the explanation of
// a VM the device failed for want of memory (assumed to say "Not enough
// memory", the heading of troubleshoot-virtual-machine-provisioning).
func explainMemory(ctx context.Context, pd *providerData, err error, b *strings.Builder) {
	if !strings.Contains(strings.ToLower(err.Error()), "not enough memory") {
		return
	}
	inv, ierr := pd.readInventory(ctx)
	if ierr != nil || !inv.Memory.Known {
		return
	}
	m := inv.Memory
	fmt.Fprintf(b, "\n\nThe device gives VMs %s of its %s, %s free now: %s. Another user or run took the memory after this plan was made, "+
		"or the device's memory is not known to the provider (set device_id or memory_gib).", placement.GiB(m.ForVMsMiB), placement.GiB(m.TotalMiB),
		placement.GiB(m.FreeMiB), m.Describe())
}
