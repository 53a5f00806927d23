package mockdevice

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// issueFixture is the device of the mock's documentation: a VM made outside
// Terraform holds one GPU, then Kubernetes claims the other.
const issueFixture = `{"release": "2309", "gpus": 2, "gpu_type": "T4", "memory_gib": 128, "kubernetes": true,
 "vms": [{"resource_group": "ASERG", "name": "existing", "size": "Standard_NC4as_T4_v3", "os_type": "Windows", "power_state": "running"}]}`

func mustFixture(t *testing.T, s string) *Fixture {
	t.Helper()
	f, err := ParseFixture(strings.NewReader(s))
	if err != nil {
		t.Fatalf("ParseFixture: %v", err)
	}
	return f
}

// VMs are placed first; Kubernetes, configured after them, claims the rest.
func TestFixtureVMsFirstThenKubernetes(t *testing.T) {
	s := startDevice(t, Options{Fixture: mustFixture(t, issueFixture)})
	g := s.GPUs()
	if g.Total != 2 || g.Free != 0 || g.Kubernetes != 1 || len(g.VMs) != 1 || g.VMs[0].GPUs != 1 || g.VMs[0].PowerState != "running" {
		t.Fatalf("GPUs: %+v", g)
	}
	if hw := s.Hardware(); hw.MemoryGiB != 128 || hw.Release.String() != "2309" || hw.GPUType != "T4" {
		t.Fatalf("hardware: %+v", hw)
	}
	// The VM is whole, as ARM would show one made in the portal: running,
	// with its NIC on the compute subnet and its OS disk.
	c := s.deviceClient(t)
	vm := c.do(http.MethodGet, s.rgPath("ASERG")+"/providers/Microsoft.Compute/virtualMachines/existing/instanceView", nil).must(t, 200)
	if !strings.Contains(vm.Raw, "PowerState/running") {
		t.Fatalf("VM: %s", vm.Raw)
	}
	model := c.do(http.MethodGet, s.rgPath("ASERG")+"/providers/Microsoft.Compute/virtualMachines/existing", nil).must(t, 200)
	if !strings.Contains(model.Raw, `"osType":"Windows"`) || !strings.Contains(model.Raw, "existing-nic") || !strings.Contains(model.Raw, "existing_OsDisk") {
		t.Fatalf("VM: %s", model.Raw)
	}
	nic := c.do(http.MethodGet, s.rgPath("ASERG")+"/providers/Microsoft.Network/networkInterfaces/existing-nic", nil).must(t, 200)
	if !strings.Contains(nic.Raw, s.subnetID()) || !strings.Contains(nic.Raw, `"privateIPAddress":"10.57.`) {
		t.Fatalf("NIC: %s", nic.Raw)
	}
	if len(s.Resources()) != 3 {
		t.Fatalf("resources: %v", s.Resources())
	}
	// The Azure side reports the role and the capacity the same way.
	az := s.azureClient(t)
	dev := az.do(http.MethodGet, s.Credentials().DeviceID, nil).must(t, 200)
	if !strings.Contains(dev.Raw, `"configuredRoleTypes":["Kubernetes"]`) {
		t.Fatalf("device: %s", dev.Raw)
	}
	capInfo := az.do(http.MethodGet, s.Credentials().DeviceID+"/deviceCapacityInfo/default", nil).must(t, 200)
	if !strings.Contains(capInfo.Raw, `"gpuFreeUnitsCount":0`) || !strings.Contains(capInfo.Raw, `"gpuUsedUnitsCount":2`) {
		t.Fatalf("capacity: %s", capInfo.Raw)
	}
}

func TestFixtureImagesGroupsNetworks(t *testing.T) {
	s := startDevice(t, Options{Fixture: mustFixture(t, `{"gpus": 1, "gpu_type": "A2", "release": "2403",
 "resource_groups": ["apps"],
 "images": [{"resource_group": "myimages", "name": "golden-ubuntu", "os_type": "Linux"}],
 "networks": [{"resource_group": "apps", "name": "appnet", "address_prefix": "10.1.0.0/16", "subnets": [{"name": "web", "address_prefix": "10.1.2.0/24"}]}],
 "vms": [{"resource_group": "apps", "name": "cpu", "size": "Standard_F4s", "image": "golden-ubuntu", "power_state": "deallocated",
          "subnet_id": "/subscriptions/`+defaultSubscriptionID+`/resourceGroups/apps/providers/Microsoft.Network/virtualNetworks/appnet/subnets/web"}]}`)})
	if g := s.GPUs(); g.Total != 1 || g.Free != 1 || g.Kubernetes != 0 || len(g.VMs) != 1 {
		t.Fatalf("GPUs: %+v", g)
	}
	c := s.deviceClient(t)
	for _, path := range []string{
		s.rgPath("apps"), s.rgPath("myimages") + "/providers/Microsoft.Compute/images/golden-ubuntu",
		s.rgPath("apps") + "/providers/Microsoft.Network/virtualNetworks/appnet",
	} {
		c.do(http.MethodGet, path, nil).must(t, 200)
	}
	nic := c.do(http.MethodGet, s.rgPath("apps")+"/providers/Microsoft.Network/networkInterfaces/cpu-nic", nil).must(t, 200)
	if !strings.Contains(nic.Raw, `"privateIPAddress":"10.1.2.4"`) {
		t.Fatalf("NIC on the fixture's subnet: %s", nic.Raw)
	}
}

// A fixture that cannot hold is refused, naming its field.
func TestFixtureRefused(t *testing.T) {
	linux := func(name, size string) string {
		return `{"resource_group": "ASERG", "name": "` + name + `", "size": "` + size + `", "os_type": "Linux"}`
	}
	for _, tc := range []struct{ fixture, field string }{
		{`{"gpus": 3}`, "gpus:"},
		{`{"gpu_type": "V100"}`, "gpu_type:"},
		{`{"release": "2507"}`, "release:"},
		{`{"release": "23-09"}`, "release:"},
		{`{"memory_gib": -1}`, "memory_gib:"},
		{`{"kubernets": true}`, `unknown field "kubernets"`},
		{`{"gpus": "two"}`, "gpus:"},
		{`{"vms": [` + linux("a", "Standard_NC99") + `]}`, "vms[0].size:"},
		{`{"gpus": 1, "vms": [` + linux("a", "Standard_NC4as_T4_v3") + `, ` + linux("b", "Standard_NC4as_T4_v3") + `]}`, "vms[1].size:"},
		{`{"gpus": 1, "vms": [` + linux("a", "Standard_NC8as_T4_v3") + `, ` + linux("a", "Standard_NC4as_T4_v3") + `]}`, "vms[1].name:"},
		{`{"gpus": 1, "vms": [` + linux("a", "Standard_NC32as_2T4_v1") + `]}`, "vms[0].size:"},
		{`{"gpu_type": "A2", "vms": [` + linux("a", "Standard_NC4as_T4_v3") + `]}`, "vms[0].size:"},
		{`{"release": "2101", "vms": [` + linux("a", "Standard_NC16as_T4_v3") + `]}`, "vms[0].size:"},
		// Memory: a running or stopped VM holds its size's (an outside
		// run found such fixtures accepted, with negative free memory);
		// so does the Kubernetes role, configured after the VMs.
		{`{"memory_gib": 64, "vms": [` + linux("a", "Standard_D13_v2") + `]}`, "vms[0].size: Standard_D13_v2 needs 56 GiB of memory"},
		{`{"vms": [` + linux("a", "Standard_D13_v2") + `, ` + linux("b", "Standard_D13_v2") + `]}`, "vms[1].size:"},
		{`{"kubernetes": true, "vms": [` + linux("a", "Standard_D13_v2") + `, ` + linux("b", "Standard_D4_v2") + `]}`, "kubernetes: the Kubernetes role takes"},
		{`{"vms": [{"resource_group": "ASERG", "name": "a", "size": "Standard_NC4as_T4_v3"}]}`, "vms[0].os_type:"},
		{`{"vms": [{"resource_group": "ASERG", "name": "a", "size": "Standard_NC4as_T4_v3", "os_type": "Linux", "power_state": "paused"}]}`, "vms[0].power_state:"},
		{`{"vms": [{"resource_group": "ASERG", "name": "a", "size": "Standard_NC4as_T4_v3", "image": "nope"}]}`, "vms[0].image:"},
		{`{"vms": [{"resource_group": "ASERG", "name": "a", "size": "Standard_NC4as_T4_v3", "os": "ubuntu_18_04", "os_type": "Windows"}]}`, "vms[0].os_type:"},
		{`{"vms": [` + strings.Replace(linux("a", "Standard_NC4as_T4_v3"), `"os_type"`, `"subnet_id": "/nope", "os_type"`, 1) + `]}`, "vms[0].subnet_id:"},
		{`{"images": [{"resource_group": "x", "name": "i", "os_type": "BeOS"}]}`, "images[0].os_type:"},
		{`{"networks": [{"resource_group": "x", "name": "net", "address_prefix": "10.0.0.0/24", "subnets": [{"name": "s", "address_prefix": "10.9.0.0/24"}]}]}`, "networks[0].subnets[0].address_prefix:"},
		// Not JSON, or more than one object.
		{`{"gpus": 1,`, "not a fixture"},
		{`{"gpus": 1} {"gpus": 2}`, "not a fixture: more after"},
		// Names ARM refuses (resource-name-rules): the device could not
		// hold such a resource.
		{`{"vms": [` + linux("bad name", "Standard_NC4as_T4_v3") + `]}`, `vms[0].name: "bad name"`},
		{`{"vms": [` + linux("ends-", "Standard_NC4as_T4_v3") + `]}`, "vms[0].name:"},
		{`{"vms": [` + linux("a.", "Standard_NC4as_T4_v3") + `]}`, "vms[0].name:"},
		{`{"vms": [` + linux(strings.Repeat("v", 65), "Standard_NC4as_T4_v3") + `]}`, "vms[0].name:"},
		{`{"vms": [` + strings.Replace(linux("a", "Standard_NC4as_T4_v3"), "ASERG", "rg/x", 1) + `]}`, "vms[0].resource_group:"},
		{`{"resource_groups": ["ends."]}`, "resource_groups[0]:"},
		// Compute's computer-name rules: a Windows name over 15 characters
		// needs a computer_name that fits.
		{`{"vms": [{"resource_group": "ASERG", "name": "windows-render-01", "size": "Standard_NC4as_T4_v3", "os_type": "Windows"}]}`, "vms[0].name: Windows computer name cannot be more than 15"},
		{`{"vms": [{"resource_group": "ASERG", "name": "w", "computer_name": "a_b", "size": "Standard_NC4as_T4_v3", "os_type": "Linux"}]}`, "vms[0].computer_name:"},
		{`{"images": [{"resource_group": "x", "name": "-img", "os_type": "Linux"}]}`, "images[0].name:"},
		{`{"images": [{"resource_group": "x", "name": "i", "os_type": "Linux"}, {"resource_group": "X", "name": "I", "os_type": "Windows"}]}`, "images[1].name:"},
		{`{"networks": [{"resource_group": "x", "name": "n", "address_prefix": "10.0.0.0/24", "subnets": [{"name": "s", "address_prefix": "10.0.0.0/24"}]}]}`, "networks[0].name:"},
		{`{"networks": [{"resource_group": "x", "name": "net", "address_prefix": "10.0.0.0/24", "subnets": [{"name": "s!", "address_prefix": "10.0.0.0/24"}]}]}`, "networks[0].subnets[0].name:"},
	} {
		f, err := ParseFixture(strings.NewReader(tc.fixture))
		if err == nil {
			_, err = New(Options{Fixture: f})
		}
		if err == nil || !strings.Contains(err.Error(), tc.field) {
			t.Errorf("fixture %s: error %v, want one naming %q", tc.fixture, err, tc.field)
		}
	}
	// Hardware given in the options (the command's flags) overrides the
	// fixture's: the same two VMs fit on two GPUs.
	f := mustFixture(t, `{"gpus": 1, "vms": [`+linux("a", "Standard_NC4as_T4_v3")+`, `+linux("b", "Standard_NC4as_T4_v3")+`]}`)
	if _, err := New(Options{GPUs: 2, Fixture: f}); err != nil {
		t.Fatalf("gpus from the options: %v", err)
	}
}

// The control endpoint loads a fixture into a running device, replacing
// what it held; a fixture that cannot hold leaves the device as it was.
func TestControlLoadsFixture(t *testing.T) {
	s := startDevice(t, Options{GPUs: 1})
	c := s.deviceClient(t)
	c.createVM("ASERG", "before", "Standard_NC4as_T4_v3", "ubuntu_18_04")
	post := func(body string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, s.URL()+"/_mock/fixture", bytes.NewBufferString(body))
		req.SetBasicAuth("test", s.Credentials().Password)
		resp, err := s.httpClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := post(issueFixture)
	if code != 200 {
		t.Fatalf("POST /_mock/fixture: %d %s", code, body)
	}
	var g GPUState
	if err := json.Unmarshal([]byte(body), &g); err != nil || g.Total != 2 || g.Free != 0 || g.Kubernetes != 1 || len(g.VMs) != 1 || !strings.HasSuffix(g.VMs[0].ID, "/existing") {
		t.Fatalf("after loading: %s (%v)", body, err)
	}
	// The same token still works: only what the device holds changed.
	c.do(http.MethodGet, s.rgPath("ASERG")+"/providers/Microsoft.Compute/virtualMachines/before", nil).must(t, 404)
	if code, body := post(`{"gpus": 1, "vms": [{"resource_group": "ASERG", "name": "x", "size": "Standard_NC32as_2T4_v1", "os_type": "Linux"}]}`); code != 400 || !strings.Contains(body, "vms[0].size") {
		t.Fatalf("impossible fixture: %d %s", code, body)
	}
	if g := s.GPUs(); g.Total != 2 || g.Kubernetes != 1 {
		t.Fatalf("a refused fixture changed the device: %+v", g)
	}
	// The fixture's memory too, as -fixture gives it at start (an outside
	// run found it ignored).
	if code, body := post(`{"gpus": 2, "memory_gib": 64}`); code != 200 {
		t.Fatalf("fixture with memory: %d %s", code, body)
	}
	s.mu.Lock()
	got := s.w.memoryGiB()
	s.mu.Unlock()
	if got != 64 {
		t.Errorf("memory after a fixture of 64 GiB: %d GiB", got)
	}
	// A fixture replaces the device whole: what it leaves out is the
	// device's as started (1 GPU, the default memory), not the fixture's
	// before it (an outside run found the 64 GiB kept).
	if code, body := post(`{}`); code != 200 {
		t.Fatalf("empty fixture: %d %s", code, body)
	}
	s.mu.Lock()
	got = s.w.memoryGiB()
	s.mu.Unlock()
	if hw := s.Hardware(); got != catalog.DeviceMemoryGiB || hw.MemoryGiB != catalog.DeviceMemoryGiB || hw.GPUs != 1 {
		t.Errorf("after an empty fixture: %d GiB, hardware %+v; want the device as started", got, hw)
	}
}

// On the releases whose stopped GPU VMs give up their GPUs (2103 to 2205),
// a fixture's stopped or deallocated GPU VM holds none, as one stopped
// through ARM does; Kubernetes, configured after, takes them. On later
// releases it keeps them.
func TestFixtureStoppedVMsFollowTheRelease(t *testing.T) {
	for _, tc := range []struct {
		release          string
		vmGPUs, kubeGPUs int
	}{{"2205", 0, 2}, {"2309", 1, 1}} {
		t.Run(tc.release, func(t *testing.T) {
			s := startDevice(t, Options{Fixture: mustFixture(t, `{"release": "`+tc.release+`", "gpus": 2, "kubernetes": true, "vms": [
  {"resource_group": "ASERG", "name": "off", "size": "Standard_NC4as_T4_v3", "os_type": "Linux", "power_state": "deallocated"}]}`)})
			g := s.GPUs()
			if len(g.VMs) != 1 || g.VMs[0].GPUs != tc.vmGPUs || g.Kubernetes != tc.kubeGPUs {
				t.Errorf("release %s: %+v; want the VM to hold %d and Kubernetes %d", tc.release, g, tc.vmGPUs, tc.kubeGPUs)
			}
		})
	}
}

// A Windows VM whose name is too long for a computer name is placed with
// the computer_name the fixture gives it, as one made in the portal is.
func TestFixtureComputerName(t *testing.T) {
	s := startDevice(t, Options{Fixture: mustFixture(t, `{"vms": [{"resource_group": "ASERG", "name": "windows-render-01",
 "computer_name": "render01", "size": "Standard_NC4as_T4_v3", "os_type": "Windows"}]}`)})
	vm := s.deviceClient(t).do(http.MethodGet, s.rgPath("ASERG")+"/providers/Microsoft.Compute/virtualMachines/windows-render-01", nil).must(t, 200)
	if !strings.Contains(vm.Raw, `"computerName":"render01"`) {
		t.Fatalf("VM: %s", vm.Raw)
	}
}
