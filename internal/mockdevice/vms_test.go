package mockdevice

import (
	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestVMLifecycleAndLRO(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{OpDelay: 300 * time.Millisecond})
	c := s.deviceClient(t)
	c.createRG("rg")
	nic := c.createNIC("rg", "vm1-nic")
	vmPath := s.rgPath("rg") + "/providers/Microsoft.Compute/virtualMachines/vm1"
	put := c.do(http.MethodPut, vmPath, vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("ubuntu_18_04"), nic, "")).must(t, http.StatusCreated)

	// 201 with Azure-AsyncOperation and Retry-After; the resource says Creating.
	if str(put.Body, "properties", "provisioningState") != stateCreating {
		t.Errorf("provisioningState = %q", str(put.Body, "properties", "provisioningState"))
	}
	if put.Header.Get("Retry-After") != "1" {
		t.Errorf("Retry-After = %q, want 1 (whole seconds, rounded up)", put.Header.Get("Retry-After"))
	}
	if ms, _ := strconv.Atoi(put.Header.Get("retry-after-ms")); ms <= 0 || ms > 300 {
		t.Errorf("retry-after-ms = %q", put.Header.Get("retry-after-ms"))
	}
	if str(put.Body, "properties", "osProfile", "adminPassword") != "" || strings.Contains(put.Raw, "Secret-Passw0rd!") {
		t.Error("the admin password is answered back")
	}
	status := c.do(http.MethodGet, put.Header.Get("Azure-AsyncOperation"), nil).must(t, http.StatusOK)
	if status.Body["status"] != opInProgress {
		t.Errorf("status = %v", status.Body["status"])
	}
	if s.GPUs().Free != 1 {
		t.Errorf("a VM being created holds its GPU: free = %d", s.GPUs().Free)
	}
	if final := c.wait(put); final["status"] != opSucceeded {
		t.Fatalf("create ended %v", final)
	}
	got := c.do(http.MethodGet, vmPath+"?$expand=instanceView", nil).must(t, http.StatusOK)
	if str(got.Body, "properties", "provisioningState") != stateSucceeded || powerOf(got.Body) != "PowerState/running" {
		t.Fatalf("after create: %s", got.Raw)
	}
	iv := c.do(http.MethodGet, vmPath+"/instanceView", nil).must(t, http.StatusOK)
	if powerOf(map[string]any{"properties": map[string]any{"instanceView": iv.Body}}) != "PowerState/running" {
		t.Fatalf("instanceView: %s", iv.Raw)
	}
	nicBody := c.do(http.MethodGet, nic, nil)
	if str(nicBody.Body, "properties", "virtualMachine", "id") != got.Body["id"] {
		t.Errorf("NIC not attached: %s", nicBody.Raw)
	}
	// Listing by group and by subscription, with status.
	for _, p := range []string{s.rgPath("rg") + "/providers/Microsoft.Compute/virtualMachines",
		"/subscriptions/" + s.Credentials().SubscriptionID + "/providers/Microsoft.Compute/virtualMachines?statusOnly=true&api-version=2017-12-01"} {
		l := c.do(http.MethodGet, p, nil).must(t, http.StatusOK)
		if vms := l.Body["value"].([]any); len(vms) != 1 {
			t.Errorf("%s listed %d VMs", p, len(vms))
		}
	}

	// Deallocate: POST answers 202 with Location, polled to 204.
	dealloc := c.do(http.MethodPost, vmPath+"/deallocate", nil).must(t, http.StatusAccepted)
	loc := dealloc.Header.Get("Location")
	if loc == "" || dealloc.Header.Get("Azure-AsyncOperation") == "" {
		t.Fatalf("deallocate headers: %v", dealloc.Header)
	}
	c.do(http.MethodGet, loc, nil).must(t, http.StatusAccepted)
	time.Sleep(350 * time.Millisecond)
	c.do(http.MethodGet, loc, nil).must(t, http.StatusNoContent)
	if p := powerOf(c.do(http.MethodGet, vmPath+"?$expand=instanceView", nil).Body); p != "PowerState/deallocated" {
		t.Errorf("power = %q", p)
	}
	if s.GPUs().Free != 1 {
		t.Errorf("a deallocated VM keeps its GPU: free = %d", s.GPUs().Free)
	}
	c.wait(c.do(http.MethodPost, vmPath+"/start", nil).must(t, http.StatusAccepted))
	c.wait(c.do(http.MethodPost, vmPath+"/restart", nil).must(t, http.StatusAccepted))
	c.wait(c.do(http.MethodPost, vmPath+"/powerOff", nil).must(t, http.StatusAccepted))
	if p := powerOf(c.do(http.MethodGet, vmPath+"?$expand=instanceView", nil).Body); p != "PowerState/stopped" {
		t.Errorf("power after powerOff = %q", p)
	}
	c.do(http.MethodPost, vmPath+"/restart", nil).must(t, http.StatusConflict)

	// Delete: 202, Deleting, then gone with its GPU back and the NIC free.
	del := c.do(http.MethodDelete, vmPath, nil).must(t, http.StatusAccepted)
	if st := str(c.do(http.MethodGet, vmPath, nil).Body, "properties", "provisioningState"); st != stateDeleting {
		t.Errorf("during delete: %q", st)
	}
	c.wait(del)
	c.do(http.MethodGet, vmPath, nil).must(t, http.StatusNotFound)
	if s.GPUs().Free != 2 {
		t.Errorf("free after delete = %d", s.GPUs().Free)
	}
	if str(c.do(http.MethodGet, nic, nil).Body, "properties", "virtualMachine", "id") != "" {
		t.Error("NIC still attached after the VM was deleted")
	}
	c.do(http.MethodDelete, vmPath, nil).must(t, http.StatusNoContent)
}

func powerOf(vmBody map[string]any) string {
	props, _ := vmBody["properties"].(map[string]any)
	iv, _ := props["instanceView"].(map[string]any)
	statuses, _ := iv["statuses"].([]any)
	for _, st := range statuses {
		if code := str(st, "code"); strings.HasPrefix(code, "PowerState/") {
			return code
		}
	}
	return ""
}

func TestVMCreateRejections(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{GPUType: "T4", Release: mustRelease("2309")})
	c := s.deviceClient(t)
	c.createRG("rg")
	nic := c.createNIC("rg", "n1")
	busyNIC := c.createNIC("rg", "n2")
	c.createVMWithNIC("rg", "holder", "Standard_D2_v2", "ubuntu_18_04", busyNIC)
	ubuntu, windows := s.imageIDFor("ubuntu_18_04"), s.imageIDFor("windows_server_2019")
	vmPath := s.rgPath("rg") + "/providers/Microsoft.Compute/virtualMachines/"
	for _, tc := range []struct {
		name   string
		mutate func(b map[string]any)
		status int
		code   string
		text   string
	}{
		{"size the device lacks", func(b map[string]any) { setSize(b, "Standard_NC6") }, 400, "SkuNotAvailable", "Standard_NC4as_T4_v3"},
		{"size of the other GPU type", func(b map[string]any) { setSize(b, "Standard_NC4as_A2") }, 400, "SkuNotAvailable", "needs an NVIDIA A2 GPU"},
		{"location", func(b map[string]any) { b["location"] = "eastus" }, 400, "LocationNotAvailableForResourceType", ""},
		{"missing image", func(b map[string]any) { setImage(b, ubuntu+"x") }, 404, "NotFound", "cannot be found"},
		{"Windows without password", func(b map[string]any) { setImage(b, windows); delete(osProfile(b), "adminPassword") }, 400, "InvalidParameter", "adminPassword"},
		{"Windows computer name too long", func(b map[string]any) { setImage(b, windows); osProfile(b)["computerName"] = "sixteen-chars-xx" }, 400, "InvalidParameter", "15 characters"},
		{"Linux without password or key", func(b map[string]any) { delete(osProfile(b), "adminPassword") }, 400, "InvalidParameter", "SSH"},
		{"missing NIC", func(b map[string]any) { setNIC(b, nic+"x") }, 404, "NotFound", ""},
		{"NIC of another VM", func(b map[string]any) { setNIC(b, busyNIC) }, 400, "NicInUse", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := vmBodyFor("Standard_NC4as_T4_v3", ubuntu, nic, "")
			tc.mutate(b)
			r := c.do(http.MethodPut, vmPath+"bad", b)
			if r.Status != tc.status || r.errorCode() != tc.code || !strings.Contains(r.errorMessage(), tc.text) {
				t.Fatalf("%d %s %q, want %d %s containing %q", r.Status, r.errorCode(), r.errorMessage(), tc.status, tc.code, tc.text)
			}
		})
	}
	// A Linux VM with an SSH key only is fine; so is a 2023 size on 2309
	// (one that fits in the 96 GiB a 128 GiB device gives VMs).
	b := vmBodyFor("Standard_NC16as_T4_v1", ubuntu, nic, "")
	delete(osProfile(b), "adminPassword")
	osProfile(b)["linuxConfiguration"] = map[string]any{"disablePasswordAuthentication": true,
		"ssh": map[string]any{"publicKeys": []any{map[string]any{"path": "/home/azureuser/.ssh/authorized_keys", "keyData": "ssh-rsa AAAA"}}}}
	if st := c.wait(c.do(http.MethodPut, vmPath+"ok", b).must(t, http.StatusCreated)); st["status"] != opSucceeded {
		t.Fatalf("ssh-key VM: %v", st)
	}
}

func TestOldReleaseSizes(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{Release: mustRelease("2110")})
	c := s.deviceClient(t)
	c.createRG("rg")
	nic := c.createNIC("rg", "n")
	r := c.do(http.MethodPut, s.rgPath("rg")+"/providers/Microsoft.Compute/virtualMachines/v", vmBodyFor("Standard_NC16as_T4_v3", s.imageIDFor("rhel_7_4"), nic, ""))
	if r.errorCode() != "SkuNotAvailable" || !strings.Contains(r.errorMessage(), "Standard_NC4as_T4_v3, Standard_NC8as_T4_v3") {
		t.Fatalf("2110 with a 2023 size: %s", r.Raw)
	}
}

func TestVMUpdate(t *testing.T) {
	t.Parallel()
	// Memory for the 224 GiB 2-GPU size: only GPUs are under test here.
	s := startDevice(t, Options{GPUs: 2, MemoryGiB: 512})
	c := s.deviceClient(t)
	c.createRG("rg")
	vmPath, st := c.createVM("rg", "vm", "Standard_NC4as_T4_v3", "ubuntu_18_04")
	if st["status"] != opSucceeded {
		t.Fatal(st)
	}
	body := func(size string) map[string]any {
		return map[string]any{"location": "dbelocal", "tags": map[string]string{"env": "test"},
			"properties": map[string]any{"hardwareProfile": map[string]any{"vmSize": size}}}
	}
	// Tags change in place.
	c.wait(c.do(http.MethodPut, vmPath, body("Standard_NC4as_T4_v3")).must(t, http.StatusOK))
	if got := c.do(http.MethodGet, vmPath, nil).Body["tags"].(map[string]any)["env"]; got != "test" {
		t.Errorf("tags = %v", got)
	}
	// A GPU VM must be deallocated to resize.
	if r := c.do(http.MethodPut, vmPath, body("Standard_NC32as_2T4_v1")); r.errorCode() != "OperationNotAllowed" {
		t.Fatalf("resize while running: %s", r.Raw)
	}
	if r := c.do(http.MethodPut, vmPath, map[string]any{"location": "dbelocal", "properties": map[string]any{
		"storageProfile": map[string]any{"imageReference": map[string]any{"id": s.imageIDFor("rhel_7_4")}}}}); r.errorCode() != "PropertyChangeNotAllowed" {
		t.Fatalf("image change: %s", r.Raw)
	}
	c.wait(c.do(http.MethodPost, vmPath+"/deallocate", nil))
	c.wait(c.do(http.MethodPut, vmPath, body("Standard_NC32as_2T4_v1")).must(t, http.StatusOK))
	if g := s.GPUs(); g.Free != 0 || g.VMs[0].GPUs != 2 {
		t.Fatalf("after resize to 2 GPUs: %+v", g)
	}
	// A second VM cannot get a GPU now; resizing down frees one.
	_, st = c.createVM("rg", "vm2", "Standard_NC4as_T4_v3", "ubuntu_18_04")
	if st["status"] != opFailed {
		t.Fatalf("vm2 on a full device: %v", st)
	}
	c.wait(c.do(http.MethodPut, vmPath, body("Standard_NC8as_T4_v3")).must(t, http.StatusOK))
	if g := s.GPUs(); g.Free != 1 {
		t.Fatalf("after resize down: %+v", g)
	}
	// Provisioning the failed VM again takes the freed GPU.
	vm2 := s.rgPath("rg") + "/providers/Microsoft.Compute/virtualMachines/vm2"
	nic2 := s.rgPath("rg") + "/providers/Microsoft.Network/networkInterfaces/vm2-nic"
	if st := c.wait(c.do(http.MethodPut, vm2, vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("ubuntu_18_04"), nic2, "")).must(t, http.StatusOK)); st["status"] != opSucceeded {
		t.Fatalf("re-provisioning: %v", st)
	}
}

func TestInsufficientGPUsLeavesFailedVM(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{GPUs: 1})
	c := s.deviceClient(t)
	c.createRG("rg")
	_, st := c.createVM("rg", "a", "Standard_NC32as_2T4_v1", "ubuntu_18_04")
	if st["status"] != opFailed || str(st, "error", "code") != "AllocationFailed" || !strings.Contains(str(st, "error", "message"), insufficientGPUs) {
		t.Fatalf("2-GPU size on a 1-GPU device: %v", st)
	}
	vm := c.do(http.MethodGet, s.rgPath("rg")+"/providers/Microsoft.Compute/virtualMachines/a?$expand=instanceView", nil).must(t, http.StatusOK)
	if str(vm.Body, "properties", "provisioningState") != stateFailed || powerOf(vm.Body) != "" {
		t.Fatalf("failed VM: %s", vm.Raw)
	}
	if !strings.Contains(vm.Raw, "ProvisioningState/failed/AllocationFailed") {
		t.Errorf("instance view lacks the failure: %s", vm.Raw)
	}
	if g := s.GPUs(); g.Free != 1 {
		t.Fatalf("a failed VM holds nothing: %+v", g)
	}
	c.do(http.MethodPost, s.rgPath("rg")+"/providers/Microsoft.Compute/virtualMachines/a/start", nil).must(t, http.StatusConflict)
}

// The five scenarios of the seed, with the Kubernetes role configured
// through the Azure side.
func TestSeedKubernetesScenarios(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name        string
		gpus        int
		vmsBefore   int  // GPU VMs created before Kubernetes
		vmAfter     bool // a GPU VM created after Kubernetes
		wantK8s     int
		wantVMAfter string
	}{
		{"1 GPU: VM then Kubernetes", 1, 1, false, 0, ""},
		{"1 GPU: Kubernetes then VM", 1, 0, true, 1, opFailed},
		{"2 GPUs: one VM then Kubernetes", 2, 1, false, 1, ""},
		{"2 GPUs: two VMs then Kubernetes", 2, 2, false, 0, ""},
		{"2 GPUs: Kubernetes then VM", 2, 0, true, 2, opFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := startDevice(t, Options{GPUs: tc.gpus})
			c, az := s.deviceClient(t), s.azureClient(t)
			c.createRG("rg")
			for i := 0; i < tc.vmsBefore; i++ {
				if _, st := c.createVM("rg", "before"+strconv.Itoa(i), "Standard_NC4as_T4_v3", "ubuntu_18_04"); st["status"] != opSucceeded {
					t.Fatalf("VM before Kubernetes: %v", st)
				}
			}
			az.configureKubernetes(t)
			if g := s.GPUs(); g.Kubernetes != tc.wantK8s {
				t.Fatalf("Kubernetes holds %d GPUs, want %d", g.Kubernetes, tc.wantK8s)
			}
			capacity := az.do(http.MethodGet, s.Credentials().DeviceID+"/deviceCapacityInfo/default", nil).must(t, http.StatusOK)
			gpu := capacity.Body["properties"].(map[string]any)["clusterComputeCapacityInfo"].(map[string]any)["gpuCapacity"].(map[string]any)
			if gpu["gpuFreeUnitsCount"].(float64) != float64(s.GPUs().Free) || gpu["gpuTotalUnitsCount"].(float64) != float64(tc.gpus) || gpu["gpuType"] != "NvidiaTeslaT4" {
				t.Errorf("capacity = %v", gpu)
			}
			if tc.vmAfter {
				_, st := c.createVM("rg", "after", "Standard_NC4as_T4_v3", "ubuntu_18_04")
				if st["status"] != tc.wantVMAfter || !strings.Contains(str(st, "error", "message"), insufficientGPUs) {
					t.Fatalf("VM after Kubernetes: %v", st)
				}
			}
			// Removing the role gives its GPUs back.
			az.do(http.MethodDelete, s.Credentials().DeviceID+"/roles/k8s", nil).must(t, http.StatusOK)
			if g := s.GPUs(); g.Kubernetes != 0 || g.Free != tc.gpus-tc.vmsBefore {
				t.Fatalf("after removing Kubernetes: %+v", g)
			}
		})
	}
}

func (c *armClient) configureKubernetes(t *testing.T) {
	t.Helper()
	c.do(http.MethodPut, c.s.Credentials().DeviceID+"/roles/k8s", map[string]any{"kind": "Kubernetes", "properties": map[string]any{
		"hostPlatform": "Linux", "roleStatus": "Enabled", "kubernetesClusterInfo": map[string]any{"version": "v1.24.6"},
		"kubernetesRoleResources": map[string]any{"compute": map[string]any{"vmProfile": "DS5_v2"}},
	}}).must(t, http.StatusCreated)
}

func TestDeallocatedVMKeepsItsGPU(t *testing.T) {
	t.Parallel()
	for _, legacy := range []bool{false, true} {
		t.Run("legacy="+strconv.FormatBool(legacy), func(t *testing.T) {
			s := startDevice(t, Options{GPUs: 1, LegacyDeallocate: legacy})
			c, az := s.deviceClient(t), s.azureClient(t)
			c.createRG("rg")
			vmPath, _ := c.createVM("rg", "vm", "Standard_NC4as_T4_v3", "ubuntu_18_04")
			c.wait(c.do(http.MethodPost, vmPath+"/deallocate", nil))
			az.configureKubernetes(t)
			st := c.wait(c.do(http.MethodPost, vmPath+"/start", nil))
			if legacy {
				// The seed's note: Kubernetes took the GPU; the VM cannot start.
				if st["status"] != opFailed || s.GPUs().Kubernetes != 1 {
					t.Fatalf("legacy start: %v, %+v", st, s.GPUs())
				}
				if p := powerOf(c.do(http.MethodGet, vmPath+"?$expand=instanceView", nil).Body); p != "PowerState/deallocated" {
					t.Errorf("power after failed start = %q", p)
				}
			} else if st["status"] != opSucceeded || s.GPUs().Kubernetes != 0 {
				t.Fatalf("start: %v, %+v", st, s.GPUs())
			}
		})
	}
}

// Twenty creates race for two GPUs: the device's claim is atomic.
func TestParallelCreatesOnTwoGPUs(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{GPUs: 2})
	c := s.deviceClient(t)
	c.createRG("rg")
	const n = 20
	nics := make([]string, n)
	for i := range nics {
		nics[i] = c.createNIC("rg", "nic"+strconv.Itoa(i))
	}
	results := make(chan string, n)
	for i := 0; i < n; i++ {
		go func(i int) {
			cc := *c
			cc.t = t
			path := s.rgPath("rg") + "/providers/Microsoft.Compute/virtualMachines/vm" + strconv.Itoa(i)
			r := cc.do(http.MethodPut, path, vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("ubuntu_18_04"), nics[i], ""))
			if r.Status != http.StatusCreated {
				results <- "HTTP " + strconv.Itoa(r.Status)
				return
			}
			st, _ := cc.wait(r)["status"].(string)
			results <- st
		}(i)
	}
	count := map[string]int{}
	for i := 0; i < n; i++ {
		count[<-results]++
	}
	if count[opSucceeded] != 2 || count[opFailed] != n-2 {
		t.Fatalf("outcomes %v, want 2 Succeeded and %d Failed", count, n-2)
	}
	if g := s.GPUs(); g.Free != 0 {
		t.Fatalf("free = %d", g.Free)
	}
}

func TestCapacityCheck(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{GPUs: 2})
	az := s.azureClient(t)
	r := az.do(http.MethodPost, s.Credentials().DeviceID+"/deviceCapacityCheck", map[string]any{"properties": map[string]any{
		"vmPlacementQuery": [][]string{{"Standard_NC4as_T4_v3"}, {"Standard_NC4as_T4_v3", "Standard_NC32as_2T4_v1"}, {"Standard_NC4as_A2"}},
	}}).must(t, http.StatusOK)
	res := r.Body["properties"].(map[string]any)["vmPlacementResults"].([]any)
	want := []bool{true, false, false}
	for i, w := range want {
		if res[i].(map[string]any)["isFeasible"] != w {
			t.Errorf("query %d feasible = %v, want %v", i, res[i], w)
		}
	}
}

func mustRelease(s string) catalog.Release { return catalog.MustRelease(s) }

// Deleting a VM leaves its OS disk, detached, to be deleted on its own.
func TestOSDiskOutlivesItsVM(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("rg")
	vmPath, _ := c.createVM("rg", "vm", "Standard_NC4as_T4_v3", "ubuntu_18_04")
	vm := c.do(http.MethodGet, vmPath, nil).must(t, http.StatusOK)
	diskID := str(vm.Body, "properties", "storageProfile", "osDisk", "managedDisk", "id")
	if diskID == "" {
		t.Fatalf("no OS disk: %s", vm.Raw)
	}
	if r := c.do(http.MethodDelete, diskID, nil); r.Status != http.StatusConflict {
		t.Fatalf("deleting an attached disk: %d", r.Status)
	}
	c.wait(c.do(http.MethodDelete, vmPath, nil))
	disk := c.do(http.MethodGet, diskID, nil).must(t, http.StatusOK)
	if str(disk.Body, "properties", "diskState") != "Unattached" {
		t.Fatalf("disk after VM delete: %s", disk.Raw)
	}
	c.wait(c.do(http.MethodDelete, diskID, nil).must(t, http.StatusAccepted))
	c.do(http.MethodGet, diskID, nil).must(t, http.StatusNotFound)
	c.do(http.MethodDelete, diskID, nil).must(t, http.StatusNoContent)
}
