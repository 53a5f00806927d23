package catalog

import (
	"slices"
	"testing"
)

func TestParseRelease(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"2309", "2309", false},
		{" 2101 ", "2101", false},
		{"2501", "2501", false}, // newer than known: accepted, newest rules
		{"2013", "", true},      // month 13
		{"2100", "", true},      // month 0
		{"2012", "", true},      // older than GPU VMs
		{"23.09", "", true},
		{"", "", true},
		{"abcd", "", true},
	} {
		got, err := ParseRelease(tc.in)
		if (err != nil) != tc.wantErr {
			t.Errorf("ParseRelease(%q) error = %v, want error %v", tc.in, err, tc.wantErr)
			continue
		}
		if err == nil && got.String() != tc.want {
			t.Errorf("ParseRelease(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	if !MustRelease("2309").IsKnown() || MustRelease("2501").IsKnown() {
		t.Error("IsKnown disagrees with the known release list")
	}
}

func TestSizes(t *testing.T) {
	old, cur := MustRelease("2110"), MustRelease("2309")
	for _, tc := range []struct {
		name    string
		gpus    int
		gpuType GPUType
		inOld   bool
		inCur   bool
	}{
		{"Standard_NC4as_T4_v3", 1, GPUTypeT4, true, true},
		{"standard_nc8as_t4_v3", 1, GPUTypeT4, true, true}, // ARM ignores case
		{"Standard_NC16as_T4_v3", 1, GPUTypeT4, false, true},
		{"Standard_NC32as_2T4_v1", 2, GPUTypeT4, false, true},
		{"Standard_NC32as_2A2_v1", 2, GPUTypeA2, false, true},
		{"Standard_F12_HPN_A2", 1, GPUTypeA2, false, true},
		{"Standard_D2_v2", 0, "", true, true},
		{"Standard_F12", 0, "", false, true},
	} {
		s, ok := LookupSize(tc.name)
		if !ok {
			t.Errorf("LookupSize(%q) not found", tc.name)
			continue
		}
		if s.GPUs != tc.gpus || s.GPUType != tc.gpuType {
			t.Errorf("%s: GPUs %d %q, want %d %q", tc.name, s.GPUs, s.GPUType, tc.gpus, tc.gpuType)
		}
		if s.AvailableIn(old) != tc.inOld || s.AvailableIn(cur) != tc.inCur {
			t.Errorf("%s: available in 2110=%v 2309=%v, want %v %v", tc.name, s.AvailableIn(old), s.AvailableIn(cur), tc.inOld, tc.inCur)
		}
	}
	if _, ok := LookupSize("Standard_NC6"); ok {
		t.Error("Standard_NC6 is an Azure size the device lacks")
	}
	// Before the 2023 list only two sizes were GPU sizes [EXT-TS].
	if got := GPUSizeNames(old, GPUTypeT4); !slices.Equal(got, []string{"Standard_NC4as_T4_v3", "Standard_NC8as_T4_v3"}) {
		t.Errorf("GPU sizes on 2110 = %v", got)
	}
	if got := GPUSizeNames(old, GPUTypeA2); len(got) != 0 {
		t.Errorf("A2 sizes on 2110 = %v, want none", got)
	}
	a2 := Sizes(cur, SizeFilter{GPUType: GPUTypeA2})
	if len(a2) == 0 {
		t.Error("no A2 sizes on the current release: the filter below checks nothing")
	}
	for _, s := range a2 {
		if s.GPUType != GPUTypeA2 {
			t.Errorf("A2 filter let through %s", s.Name)
		}
	}
}

func TestMaxNICs(t *testing.T) {
	ws2016, _ := LookupOS("windows_server_2016")
	ws2019, _ := LookupOS("windows_server_2019")
	hpnSize, _ := LookupSize("Standard_F4s_HPN_T4_v3")
	nc, _ := LookupSize("Standard_NC4as_T4_v3")
	for _, tc := range []struct {
		size Size
		os   OS
		want int
	}{
		{hpnSize, ws2016, 8}, // [SIZES] footnote: WS2016 VHD, 8 NICs on HPN sizes
		{hpnSize, ws2019, 14},
		{nc, ws2016, 4},
	} {
		if got := tc.size.MaxNICsFor(tc.os); got != tc.want {
			t.Errorf("%s with %s: %d NICs, want %d", tc.size.Name, tc.os.Key, got, tc.want)
		}
	}
}

func TestOS(t *testing.T) {
	if got := GPUDriverOSKeys(); !slices.Equal(got, []string{"windows_server_2019", "windows_server_2016", "ubuntu_18_04", "rhel_7_4"}) {
		t.Errorf("GPU driver OSes = %v, want the seed's list", got)
	}
	u, _ := LookupOS("ubuntu_18_04")
	if u.GPUDriverDroppedOn(MustRelease("2403")) || !u.GPUDriverDroppedOn(MustRelease("2407")) || u.GPUDriverOn(MustRelease("2501")) {
		t.Error("Ubuntu 18.04 driver drop does not follow UbuntuDriverDroppedFrom")
	}
	if got := GPUDriverOSKeysOn(MustRelease("2407")); !slices.Equal(got, []string{"windows_server_2019", "windows_server_2016", "rhel_7_4"}) {
		t.Errorf("GPU driver OSes on 2407 = %v", got)
	}
	if _, ok := LookupOS("windows_10"); ok {
		t.Error("windows_10 is not an OS key")
	}
}

func TestDriverExtensionDefaults(t *testing.T) {
	win, _ := LookupOS("windows_server_2019")
	rhel, _ := LookupOS("rhel_7_4")
	u22, _ := LookupOS("ubuntu_22_04")
	for _, tc := range []struct {
		name        string
		os          OS
		release     string
		kind        string
		wantType    string
		wantVersion string
		wantURL     string // Windows DriverURL; "" for none
		wantKind    string
		wantErr     bool
	}{
		{"windows before 2205", win, "2203", "", DriverTypeWindows, "1.3", windowsDriverURLv1, "CUDA", false},
		{"windows from 2205", win, "2205", "GRID", DriverTypeWindows, "1.5", windowsDriverURLv2, "GRID", false},
		{"windows lower-case kind", win, "2309", "grid", DriverTypeWindows, "1.5", windowsDriverURLv2, "GRID", false},
		{"linux before 2205", rhel, "2110", "", DriverTypeLinux, "1.3", "", "", false}, // settings: docs_test.go
		{"linux from 2205", rhel, "2309", "", DriverTypeLinux, "1.8", "", "", false},
		{"linux with driver type", rhel, "2309", "CUDA", "", "", "", "", true},
		{"unsupported os", u22, "2309", "", "", "", "", "", true},
		{"bad kind", win, "2309", "OPENCL", "", "", "", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ext, err := DriverExtensionDefaults(tc.os, MustRelease(tc.release), tc.kind)
			if (err != nil) != tc.wantErr {
				t.Fatalf("error = %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if ext.Publisher != DriverPublisher || ext.Type != tc.wantType || ext.HandlerVersion != tc.wantVersion {
				t.Errorf("got %s/%s %s", ext.Publisher, ext.Type, ext.HandlerVersion)
			}
			if tc.os.Type == Windows && (ext.Settings["DriverURL"] != tc.wantURL || ext.Settings["DriverType"] != tc.wantKind) {
				t.Errorf("settings = %v", ext.Settings)
			}
			if tc.os.Type == Linux && tc.release >= "2205" && len(ext.Settings) != 0 {
				t.Errorf("Linux settings = %v, want {}", ext.Settings)
			}
		})
	}
}

func TestDriverHandlerVersions(t *testing.T) {
	for _, tc := range []struct {
		os      OSType
		release string
		version string
		want    bool
	}{
		{Windows, "2203", "1.3", true},
		{Windows, "2203", "1.5", false},
		{Windows, "2309", "1.5", true},
		{Windows, "2309", "1.5.0.0", true},
		{Windows, "2309", "1.5.1", false},
		{Linux, "2309", "1.8", true},
		{Linux, "2309", "1.5", false},
		{Linux, "2110", "1.3", true},
	} {
		if got := IsDriverHandlerVersion(tc.os, MustRelease(tc.release), tc.version); got != tc.want {
			t.Errorf("IsDriverHandlerVersion(%s, %s, %q) = %v, want %v", tc.os, tc.release, tc.version, got, tc.want)
		}
	}
}

func TestGPUType(t *testing.T) {
	for in, want := range map[string]GPUType{"T4": GPUTypeT4, "t4": GPUTypeT4, "NvidiaTeslaT4": GPUTypeT4, "A2": GPUTypeA2, "NvidiaA2": GPUTypeA2} {
		if got, ok := ParseGPUType(in); !ok || got != want {
			t.Errorf("ParseGPUType(%q) = %q %v", in, got, ok)
		}
	}
	if _, ok := ParseGPUType("V100"); ok {
		t.Error("V100 accepted")
	}
}

func TestIsDriverExtension(t *testing.T) {
	for _, tc := range []struct {
		publisher, typ string
		want           bool
	}{
		{"Microsoft.HpcCompute", "NvidiaGpuDriverLinux", true},
		{"microsoft.hpccompute", "nvidiagpudriverwindows", true},
		{"Microsoft.HpcCompute", "OtherExtension", false},
		{"Microsoft.Azure.Extensions", "NvidiaGpuDriverLinux", false},
	} {
		if got := IsDriverExtension(tc.publisher, tc.typ); got != tc.want {
			t.Errorf("IsDriverExtension(%q, %q) = %v, want %v", tc.publisher, tc.typ, got, tc.want)
		}
	}
}
