package mockdevice

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// The mock's rules are checked against the documents' tables transcribed in
// internal/catalog/testdata/docs, the same data the catalog is checked
// against: a disagreement between the mock and the docs fails here.

func loadDocRules(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "catalog", "testdata", "docs", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// Every GPU size of the 10/2023 table is accepted on a device of its GPU
// type, and refused on the other.
func TestMockSizesFollowTheDocs(t *testing.T) {
	t.Parallel()
	var docs struct {
		Tables map[string][]struct {
			Size    string `json:"size"`
			GPUs    int    `json:"gpus"`
			GPUType string `json:"gpu_type"`
		} `json:"tables"`
	}
	loadDocRules(t, "sizes.json", &docs)
	for _, gpuType := range []catalog.GPUType{catalog.GPUTypeT4, catalog.GPUTypeA2} {
		s := startDevice(t, Options{GPUs: 2, GPUType: gpuType})
		c := s.deviceClient(t)
		c.createRG("rg")
		nic := c.createNIC("rg", "nic")
		checked := 0
		for i, row := range docs.Tables["2023"] {
			if row.GPUs == 0 {
				continue
			}
			path := c.s.rgPath("rg") + "/providers/Microsoft.Compute/virtualMachines/v" + strconv.Itoa(i)
			r := c.do(http.MethodPut, path, vmBodyFor(row.Size, s.imageIDFor("rhel_7_4"), nic, ""))
			if row.GPUType == string(gpuType) {
				if r.Status != http.StatusCreated {
					t.Errorf("%s on a %s device: %d %s", row.Size, gpuType, r.Status, r.Raw)
					continue
				}
				c.wait(r)
				c.wait(c.do(http.MethodDelete, path, nil))
				checked++
			} else if r.Status < 400 {
				t.Errorf("%s (%s) accepted on a %s device", row.Size, row.GPUType, gpuType)
				c.wait(r)
				c.wait(c.do(http.MethodDelete, path, nil))
			}
		}
		if checked == 0 {
			t.Errorf("no %s size checked", gpuType)
		}
	}
}

// On each release whose notes the transcription covers, a stopped GPU VM
// gives its GPU to Kubernetes exactly when the notes say so.
func TestMockStoppedGPUVMsFollowTheReleaseNotes(t *testing.T) {
	t.Parallel()
	var docs struct {
		Rows []struct {
			Release string `json:"release"`
			Says    bool   `json:"says"`
		} `json:"stopped_gpu_vms_to_kubernetes"`
	}
	loadDocRules(t, "release_rules.json", &docs)
	for _, row := range docs.Rows {
		for _, action := range []string{"deallocate", "powerOff"} {
			t.Run(row.Release+"/"+action, func(t *testing.T) {
				t.Parallel()
				s := startDevice(t, Options{GPUs: 1, Release: mustRelease(row.Release)})
				c, az := s.deviceClient(t), s.azureClient(t)
				c.createRG("rg")
				vmPath, _ := c.createVM("rg", "vm", "Standard_NC4as_T4_v3", "rhel_7_4")
				az.configureKubernetes(t) // one GPU, held by the VM: Kubernetes gets none
				if g := s.GPUs(); g.Kubernetes != 0 {
					t.Fatalf("Kubernetes took a running VM's GPU: %+v", g)
				}
				c.wait(c.do(http.MethodPost, vmPath+"/"+action, nil))
				if got := s.GPUs().Kubernetes == 1; got != row.Says {
					t.Fatalf("release %s, %s: Kubernetes took the GPU = %v, the notes say %v (%+v)", row.Release, action, got, row.Says, s.GPUs())
				}
				st := c.wait(c.do(http.MethodPost, vmPath+"/start", nil))
				if (st["status"] == opSucceeded) == row.Says {
					t.Fatalf("release %s: start after %s = %v", row.Release, action, st)
				}
				if row.Says && str(st, "error", "code") != "AllocationFailed" {
					t.Fatalf("release %s: the failed start says %v", row.Release, st)
				}
			})
		}
	}
}

// The extension versions of the vendor's templates are the ones the mock
// has on each release, and an OS outside the tested list installs ("may
// work but haven't been tested").
func TestMockExtensionVersionsFollowTheTemplates(t *testing.T) {
	t.Parallel()
	var docs struct {
		Rows []struct {
			OS       []string `json:"os"`
			Releases string   `json:"releases"`
			Type     string   `json:"type"`
			Version  string   `json:"type_handler_version"`
		} `json:"rows"`
	}
	loadDocRules(t, "extension_defaults.json", &docs)
	release := map[string]string{"before 2205": "2203", "from 2205": "2205"}
	devices := map[string]*Server{}
	n := 0
	for _, row := range docs.Rows {
		rel := release[row.Releases]
		s, ok := devices[rel]
		if !ok {
			s = startDevice(t, Options{Release: mustRelease(rel)})
			devices[rel] = s
			s.deviceClient(t).createRG("rg")
		}
		c := s.deviceClient(t)
		for _, key := range row.OS {
			n++
			vm, _ := c.createVM("rg", "v"+strconv.Itoa(n), "Standard_NC4as_T4_v3", key)
			if st := c.wait(c.do(http.MethodPut, vm+"/extensions/gpu", driverBody(row.Type, row.Version, nil))); st["status"] != opSucceeded {
				t.Errorf("%s %s on %s (%s): %v", row.Type, row.Version, key, rel, st)
			}
			c.wait(c.do(http.MethodDelete, vm, nil))
		}
	}
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("rg")
	for i, key := range []string{"ubuntu_22_04", "ubuntu_18_04"} {
		vm, _ := c.createVM("rg", "u"+strconv.Itoa(i), "Standard_NC4as_T4_v3", key)
		if st := c.wait(c.do(http.MethodPut, vm+"/extensions/gpu", driverBody("NvidiaGpuDriverLinux", "1.8", nil))); st["status"] != opSucceeded {
			t.Errorf("driver on %s (untested on %s): %v", key, catalog.Newest(), st)
		}
	}
}

// Standard_F12_HPN arrives with 2205 and takes one network interface there
// ("For this release, the Standard_F12_HPN can only support one network
// interface", 2205 release notes); later releases follow the size table.
func TestMockF12HPNFollowsTheReleaseNotes(t *testing.T) {
	t.Parallel()
	var docs struct {
		Rows []struct {
			Release string `json:"release"`
			MaxNICs *int   `json:"max_nics"`
		} `json:"f12_hpn_one_nic"`
	}
	loadDocRules(t, "release_rules.json", &docs)
	for _, row := range docs.Rows {
		s := startDevice(t, Options{Release: mustRelease(row.Release)})
		c := s.deviceClient(t)
		c.createRG("rg")
		body := vmBodyFor("Standard_F12_HPN", s.imageIDFor("windows_server_2019"), c.createNIC("rg", "a"), "")
		props := body["properties"].(map[string]any)
		props["networkProfile"] = map[string]any{"networkInterfaces": []any{
			map[string]any{"id": c.createNIC("rg", "b"), "properties": map[string]any{"primary": true}},
			map[string]any{"id": c.createNIC("rg", "c"), "properties": map[string]any{"primary": false}},
		}}
		r := c.do(http.MethodPut, s.rgPath("rg")+"/providers/Microsoft.Compute/virtualMachines/f12", body)
		if refused := r.Status == http.StatusBadRequest; refused != (row.MaxNICs != nil && *row.MaxNICs < 2) {
			t.Errorf("release %s: Standard_F12_HPN with 2 NICs: %d %s", row.Release, r.Status, r.Raw)
		}
	}
	s := startDevice(t, Options{Release: mustRelease("2203")})
	c := s.deviceClient(t)
	c.createRG("rg")
	r := c.do(http.MethodPut, s.rgPath("rg")+"/providers/Microsoft.Compute/virtualMachines/f12",
		vmBodyFor("Standard_F12_HPN", s.imageIDFor("windows_server_2019"), c.createNIC("rg", "a"), ""))
	if r.Status < 400 {
		t.Errorf("release 2203 offers Standard_F12_HPN: %s", r.Raw)
	}
}
