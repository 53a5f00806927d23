package catalog

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The documents' tables, transcribed by hand into testdata/docs (each row
// naming its page and date), are the independent check of this catalog:
// these tests compare the catalog with them, never the catalog with itself.

type docSize struct {
	Size         string  `json:"size"`
	VCPUs        int     `json:"vcpus"`
	MemoryGiB    float64 `json:"memory_gib"`
	GPUs         int     `json:"gpus"`
	GPUType      GPUType `json:"gpu_type"`
	MaxDataDisks *int    `json:"max_data_disks"`
	MaxNICs      int     `json:"max_nics"`
	HPN          bool    `json:"hpn"`
	Page         string  `json:"page"`
	Date         string  `json:"date"`
}

type docSizes struct {
	Footnotes []struct {
		WindowsServer2016HPNMaxNICs int `json:"windows_server_2016_hpn_max_nics"`
	} `json:"footnotes"`
	Tables map[string][]docSize `json:"tables"`
}

type docReleaseRules struct {
	StoppedGPUVMs []struct {
		Release string `json:"release"`
		Says    bool   `json:"says"`
		Page    string `json:"page"`
	} `json:"stopped_gpu_vms_to_kubernetes"`
	F12HPNOneNIC []struct {
		Release string `json:"release"`
		MaxNICs *int   `json:"max_nics"`
	} `json:"f12_hpn_one_nic"`
	HPNFrom struct {
		Release string `json:"release"`
	} `json:"hpn_vms_from"`
	Ubuntu1804 struct {
		Release         string `json:"release"`
		Supported       bool   `json:"supported"`
		SupportedBefore string `json:"supported_before"`
	} `json:"ubuntu_18_04_gpu_extension"`
	TestedOS struct {
		OS []string `json:"os"`
	} `json:"tested_gpu_driver_os"`
}

type docExtensions struct {
	Publisher string `json:"publisher"`
	Rows      []struct {
		OS       []string       `json:"os"`
		Releases string         `json:"releases"`
		Type     string         `json:"type"`
		Version  string         `json:"type_handler_version"`
		Settings map[string]any `json:"settings"`
		Page     string         `json:"page"`
	} `json:"rows"`
}

func loadDocs(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "docs", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// nicsAssumed2021 are the sizes whose 09/2021 NIC limit the catalog does not
// keep: it uses the 10/2023 limit on every release (assumptions.go).
var nicsAssumed2021 = []string{"Standard_DS2_v2", "Standard_DS2_v2_HPN", "Standard_DS3_v2_HPN", "Standard_DS4_v2_HPN",
	"Standard_F2s_HPN", "Standard_F4s_HPN", "Standard_F8s_HPN", "Standard_F16s_HPN"}

func TestSizesMatchTheDocs(t *testing.T) {
	var docs docSizes
	loadDocs(t, "sizes.json", &docs)
	ws2016, _ := LookupOS("windows_server_2016")
	for _, tc := range []struct {
		table    string
		releases []string // the releases this table describes
	}{
		{"2023", []string{ExpandedSizesFrom.String(), "2309", Newest().String()}},
		{"2021", []string{HPNFrom.String()}}, // the 09/2021 table, with HPN sizes: 2110 (10/2021 on)
	} {
		rows := docs.Tables[tc.table]
		if len(rows) == 0 {
			t.Fatalf("no %s table", tc.table)
		}
		var want []string
		for _, row := range rows {
			if row.Page == "" || row.Date == "" {
				t.Errorf("%s: row cites no page or date", row.Size)
			}
			want = append(want, row.Size)
			s, ok := LookupSize(row.Size)
			if !ok {
				t.Errorf("%s table: %s is not in the catalog", tc.table, row.Size)
				continue
			}
			if s.VCPUs != row.VCPUs || s.MemoryGiB != row.MemoryGiB || s.GPUs != row.GPUs || s.GPUType != row.GPUType || s.HPN != row.HPN {
				t.Errorf("%s table: %s is %d vCPU %.1f GiB %d %s GPU HPN=%v; the catalog says %d vCPU %.1f GiB %d %s GPU HPN=%v",
					tc.table, row.Size, row.VCPUs, row.MemoryGiB, row.GPUs, row.GPUType, row.HPN, s.VCPUs, s.MemoryGiB, s.GPUs, s.GPUType, s.HPN)
			}
			switch {
			case s.MaxNICs == row.MaxNICs:
			case tc.table == "2021" && slices.Contains(nicsAssumed2021, row.Size):
			default:
				t.Errorf("%s table: %s takes %d NICs; the catalog says %d", tc.table, row.Size, row.MaxNICs, s.MaxNICs)
			}
			if row.HPN && s.MaxNICsFor(ws2016) != min(row.MaxNICs, docs.Footnotes[0].WindowsServer2016HPNMaxNICs) && tc.table == "2023" {
				t.Errorf("%s on the Windows Server 2016 VHD: %d NICs, the footnote says %d", row.Size, s.MaxNICsFor(ws2016), docs.Footnotes[0].WindowsServer2016HPNMaxNICs)
			}
			// Where the table has no "Max data disks" column (the non-HPN
			// GPU sizes), the catalog's limit is the assumption kept in
			// assumptions.go (NonHPNGPUMaxDataDisks), and nothing else.
			switch got := s.DataDiskLimit(); {
			case row.MaxDataDisks == nil && got != NonHPNGPUMaxDataDisks(s):
				t.Errorf("%s table: %s has no data-disk column; the catalog says %d, not the assumed %d", tc.table, row.Size, got, NonHPNGPUMaxDataDisks(s))
			case row.MaxDataDisks != nil && got != *row.MaxDataDisks:
				t.Errorf("%s table: %s takes %d data disks; the catalog says %d", tc.table, row.Size, *row.MaxDataDisks, got)
			}
		}
		slices.Sort(want)
		for _, rel := range tc.releases {
			var got []string
			for _, s := range Sizes(MustRelease(rel), SizeFilter{}) {
				got = append(got, s.Name)
			}
			if !slices.Equal(got, want) {
				t.Errorf("release %s offers %v;\nthe %s table lists %v", rel, got, tc.table, want)
			}
		}
	}
}

func TestReleaseRulesMatchTheDocs(t *testing.T) {
	var docs docReleaseRules
	loadDocs(t, "release_rules.json", &docs)
	for _, row := range docs.StoppedGPUVMs {
		if got := StoppedGPUVMsLoseGPUs(MustRelease(row.Release)); got != row.Says {
			t.Errorf("release %s: the notes say Kubernetes takes stopped GPU VMs' GPUs = %v; the catalog says %v (%s)", row.Release, row.Says, got, row.Page)
		}
	}
	f12, _ := LookupSize("Standard_F12_HPN")
	ws19, _ := LookupOS("windows_server_2019")
	for _, row := range docs.F12HPNOneNIC {
		want := f12.MaxNICs
		if row.MaxNICs != nil {
			want = *row.MaxNICs
		}
		if got := f12.MaxNICsOn(ws19, MustRelease(row.Release)); got != want || !f12.AvailableIn(MustRelease(row.Release)) {
			t.Errorf("release %s: Standard_F12_HPN takes %d NICs, the catalog says %d (offered: %v)", row.Release, want, got, f12.AvailableIn(MustRelease(row.Release)))
		}
	}
	from := MustRelease(docs.HPNFrom.Release)
	for _, s := range AllSizes() {
		if s.HPN && !s.AvailableIn(from) && s.Since().String() < ExpandedSizesFrom.String() && s.Name != "Standard_F12_HPN" {
			t.Errorf("%s: an HPN size of the 2021 list not offered on %s", s.Name, from)
		}
		if s.HPN && s.Since().String() < from.String() {
			t.Errorf("%s: offered from %s, before HPN VMs came (%s)", s.Name, s.Since(), from)
		}
	}
	if !slices.Equal(GPUDriverOSKeys(), docs.TestedOS.OS) {
		t.Errorf("tested OSes: catalog %v, docs %v", GPUDriverOSKeys(), docs.TestedOS.OS)
	}
	u, _ := LookupOS("ubuntu_18_04")
	dropped := MustRelease(docs.Ubuntu1804.Release)
	if u.GPUDriverOn(dropped) != docs.Ubuntu1804.Supported || !u.GPUDriverOn(MustRelease(docs.Ubuntu1804.SupportedBefore)) {
		t.Errorf("Ubuntu 18.04's driver: catalog %v on %s, %v on %s; the notes say dropped on %s",
			u.GPUDriverOn(dropped), dropped, u.GPUDriverOn(MustRelease(docs.Ubuntu1804.SupportedBefore)), docs.Ubuntu1804.SupportedBefore, dropped)
	}
}

func TestExtensionDefaultsMatchTheTemplates(t *testing.T) {
	var docs docExtensions
	loadDocs(t, "extension_defaults.json", &docs)
	releases := map[string][]string{
		"before 2205": {Oldest().String(), "2203"},
		"from 2205":   {ExtensionV2From.String(), "2303", Newest().String()},
	}
	for _, row := range docs.Rows {
		rels, ok := releases[row.Releases]
		if !ok || row.Page == "" {
			t.Fatalf("row %+v: unknown releases or no page", row)
		}
		want, _ := json.Marshal(row.Settings)
		for _, key := range row.OS {
			o, _ := LookupOS(key)
			for _, rel := range rels {
				// The template holds whether or not the release still
				// supports the OS: compare with the opt-in defaults.
				ext, err := DriverExtensionDefaultsAllowing(o, MustRelease(rel), "", true)
				if err != nil {
					t.Errorf("%s on %s: %v", key, rel, err)
					continue
				}
				if ext.Publisher != docs.Publisher || ext.Type != row.Type || ext.HandlerVersion != row.Version {
					t.Errorf("%s on %s: %s/%s %s; the template (%s) says %s/%s %s", key, rel, ext.Publisher, ext.Type, ext.HandlerVersion,
						row.Page, docs.Publisher, row.Type, row.Version)
				}
				if got := SettingsJSON(ext.Settings); !SameSettings(got, string(want)) {
					t.Errorf("%s on %s: settings %s; the template (%s) says %s", key, rel, got, row.Page, want)
				}
				if !strings.EqualFold(ext.Type, DriverExtensionType(o.Type)) {
					t.Errorf("%s: type %s for OS type %s", key, ext.Type, o.Type)
				}
			}
		}
	}
}
