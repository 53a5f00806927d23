package mockdevice

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// The memory rule: VMs get 96 of a 128 GiB device's memory, less what
// Kubernetes takes; a VM that does not fit fails; a deallocated VM frees
// its memory; the capacity API reports it all.
func TestMemoryRule(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{GPUs: 2})
	c := s.deviceClient(t)
	az := s.azureClient(t)
	c.createRG("rg")
	capacity := func() (map[string]any, map[string]any) {
		props := az.do(http.MethodGet, s.Credentials().DeviceID+"/deviceCapacityInfo/default", nil).must(t, http.StatusOK).Body["properties"].(map[string]any)
		mem := props["clusterComputeCapacityInfo"].(map[string]any)["memoryCapacity"].(map[string]any)
		var host map[string]any
		for _, h := range props["nodeCapacityInfos"].(map[string]any) {
			host = h.(map[string]any)
		}
		return mem, host
	}
	if mem, host := capacity(); mem["clusterTotalMemoryMb"] != float64(128*1024) || host["effectiveAvailableMemoryMbOnHost"] != float64(96*1024) {
		t.Fatalf("an empty 128 GiB device: %v %v", mem, host)
	}

	first, st := c.createVM("rg", "a", "Standard_NC8as_T4_v3", "ubuntu_18_04")
	if st["status"] != opSucceeded {
		t.Fatalf("56 of 96 GiB: %v", st)
	}
	_, st = c.createVM("rg", "b", "Standard_NC8as_T4_v3", "ubuntu_18_04")
	if st["status"] != opFailed || !strings.Contains(str(st, "error", "message"), "Not enough memory to create the VM: the size Standard_NC8as_T4_v3 needs 56 GiB of memory; 40 GiB") {
		t.Fatalf("another 56 GiB: %v", st)
	}
	mem, host := capacity()
	used := host["vmUsedMemory"].(map[string]any)
	vmID := str(c.do(http.MethodGet, first, nil).Body, "properties", "vmId")
	if mem["clusterMemoryUsedByVmsMb"] != float64(56*1024) || len(used) != 1 || used[vmID] == nil {
		t.Fatalf("one VM holds 56 GiB: %v %v", mem, used)
	}

	// Deallocating frees the memory; starting takes it again.
	c.wait(c.do(http.MethodPost, first+"/deallocate", nil))
	if _, host := capacity(); host["effectiveAvailableMemoryMbOnHost"] != float64(96*1024) {
		t.Fatalf("after deallocating: %v", host)
	}
	if st := c.wait(c.do(http.MethodPost, first+"/start", nil)); st["status"] != opSucceeded {
		t.Fatalf("start: %v", st)
	}

	// Kubernetes takes its share.
	if err := s.ConfigureKubernetes(context.Background()); err != nil {
		t.Fatal(err)
	}
	if mem, host := capacity(); host["effectiveAvailableMemoryMbOnHost"] != float64(12*1024) || len(host["vmUsedMemory"].(map[string]any)) != 2 ||
		mem["clusterFreeMemoryMb"] != float64(12*1024) {
		t.Fatalf("with Kubernetes: %v %v", mem, host)
	}
	r := az.do(http.MethodPost, s.Credentials().DeviceID+"/deviceCapacityCheck", map[string]any{"properties": map[string]any{
		"vmPlacementQuery": [][]string{{"Standard_D2_v2"}, {"Standard_D5_v2"}}}}).must(t, http.StatusOK)
	res := r.Body["properties"].(map[string]any)["vmPlacementResults"].([]any)
	if res[0].(map[string]any)["isFeasible"] != true || res[1].(map[string]any)["messageCode"] != "InsufficientMemory" {
		t.Fatalf("capacity check: %v", res)
	}
}

// A device of another memory size, as -memory-gib makes it.
func TestMemoryGiBOption(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{GPUs: 2, MemoryGiB: 512})
	c := s.deviceClient(t)
	c.createRG("rg")
	if _, st := c.createVM("rg", "big", "Standard_NC32as_2T4_v1", "ubuntu_18_04"); st["status"] != opSucceeded {
		t.Fatalf("224 GiB on a 512 GiB device (384 for VMs): %v", st)
	}
	if _, err := Start(Options{MemoryGiB: -1}); err == nil {
		t.Fatal("negative memory accepted")
	}
}
