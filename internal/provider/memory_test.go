package provider

import (
	"encoding/json"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
)

// capacityMemory takes the memory part of deviceCapacityInfo as the
// DataBoxEdge API names it.
func TestCapacityMemory(t *testing.T) {
	var c device.CapacityInfo
	if err := json.Unmarshal([]byte(`{"properties": {
		"clusterComputeCapacityInfo": {"memoryCapacity": {"clusterTotalMemoryMb": 131072, "clusterFreeMemoryMb": 65536}},
		"nodeCapacityInfos": {"node1": {"effectiveAvailableMemoryMbOnHost": 60000,
			"vmUsedMemory": {"guid-1": {"startupMemoryMB": 28672}}}}}}`), &c); err != nil {
		t.Fatal(err)
	}
	m := capacityMemory(c)
	if m.TotalMiB != 131072 || m.FreeMiB != 65536 || len(m.Hosts) != 1 {
		t.Fatalf("%+v", m)
	}
	h := m.Hosts[0]
	if h.Name != "node1" || h.AvailableMiB != 60000 || h.VMUsedMiB["guid-1"] != 28672 {
		t.Fatalf("host %+v", h)
	}
	if got := gib(28672); got != 28 {
		t.Fatalf("gib(28672) = %v", got)
	}
}
