package catalog

import (
	"regexp"
	"strings"
	"testing"
)

func TestCheckGPUSize(t *testing.T) {
	cur, old := MustRelease("2309"), MustRelease("2110")
	for _, tc := range []struct {
		name    string
		size    string
		release Release
		device  GPUType
		want    string // "" for no problem; else a fragment of Detail
	}{
		{"GPU size", "Standard_NC4as_T4_v3", cur, GPUTypeT4, ""},
		{"GPU size, device type unknown", "Standard_NC4as_A2", cur, "", ""},
		{"unknown size", "Standard_NC6", cur, GPUTypeT4, "not a VM size of Azure Stack Edge devices"},
		{"unknown size lists sizes", "Standard_NC6", cur, GPUTypeT4, "Standard_NC16as_T4_v3"},
		{"general-purpose size", "Standard_D2_v2", cur, GPUTypeT4, "general-purpose size with no GPU"},
		{"2023 size on 2021 release", "Standard_NC16as_T4_v3", old, GPUTypeT4, "release 2110 does not offer Standard_NC16as_T4_v3"},
		{"old release offers two", "Standard_NC16as_T4_v3", old, GPUTypeT4, "for T4 devices: Standard_NC4as_T4_v3, Standard_NC8as_T4_v3."},
		{"A2 size on a T4 device", "Standard_NC4as_A2", cur, GPUTypeT4, "needs an NVIDIA A2 GPU but the device has T4 GPUs"},
		{"T4 size on an A2 device offers A2 sizes", "Standard_NC4as_T4_v3", cur, GPUTypeA2, "Standard_NC4as_A2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := CheckGPUSize(tc.size, tc.release, tc.device)
			if tc.want == "" {
				if p != nil {
					t.Fatalf("unexpected problem: %s", p.Detail())
				}
				return
			}
			if p == nil || !strings.Contains(p.Detail(), tc.want) || !strings.HasPrefix(p.Detail(), `size = "`+tc.size+`"`) {
				t.Fatalf("got %v, want a problem containing %q", p, tc.want)
			}
		})
	}
}

func TestCheckGPUOS(t *testing.T) {
	for _, tc := range []struct {
		key, release string
		want         string
		warning      bool
	}{
		{"windows_server_2019", "2309", "", false},
		{"rhel_7_4", "2110", "", false},
		{"ubuntu_18_04", "2403", "", false},
		{"ubuntu_18_04", "2407", "no longer supported on Ubuntu 18.04 LTS GPU VMs from release 2407", false},
		{"ubuntu_22_04", "2309", "not on Ubuntu 22.04 LTS", false},
		{"windows_server_2022", "2407", "Use one of windows_server_2019, windows_server_2016, rhel_7_4, or set allow_untested_os = true", false},
		{"windows_server_2022", "2203", "Use one of windows_server_2019, windows_server_2016, ubuntu_18_04, rhel_7_4", false},
		{"windows_10", "2309", "Known OS keys:", false},
	} {
		p := CheckGPUOS(tc.key, MustRelease(tc.release))
		switch {
		case tc.want == "" && p != nil:
			t.Errorf("%s on %s: unexpected %s", tc.key, tc.release, p.Detail())
		case tc.want != "" && (p == nil || !strings.Contains(p.Detail(), tc.want) || p.Warning != tc.warning):
			t.Errorf("%s on %s: got %+v, want %q (warning %v)", tc.key, tc.release, p, tc.want, tc.warning)
		}
	}
}

func TestCheckNICs(t *testing.T) {
	hpnSize, _ := LookupSize("Standard_F8s_HPN_T4_v3")
	ws16, _ := LookupOS("windows_server_2016")
	ws19, _ := LookupOS("windows_server_2019")
	if p := CheckNICs(hpnSize, ws16, 1); p != nil {
		t.Errorf("one NIC: %s", p.Detail())
	}
	if p := CheckNICs(hpnSize, ws16, 9); p == nil || !strings.Contains(p.Detail(), "at most 8") {
		t.Errorf("9 NICs on WS2016 HPN: %v", p)
	}
	if p := CheckNICs(hpnSize, ws19, 9); p != nil {
		t.Errorf("9 NICs on WS2019 HPN: %s", p.Detail())
	}
}

func TestCheckNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"vm1", true}, {"a", true}, {"gpu-vm.01_x", true}, {"-vm", false}, {"vm-", false}, {"vm.", false},
		{"", false}, {"has space", false}, {strings.Repeat("a", 64), true}, {strings.Repeat("a", 65), false},
	} {
		if got := CheckVMName(tc.name) == nil; got != tc.ok {
			t.Errorf("CheckVMName(%q) ok = %v", tc.name, got)
		}
	}
	for _, tc := range []struct {
		name string
		t    OSType
		want string
	}{
		{"winvm", Windows, ""},
		{"fifteen-chars-x", Windows, ""},
		{"sixteen-chars-xx", Windows, "at most 15 characters"},
		{"sixteen-chars-xx", Linux, ""},
		{"under_score", Linux, "letters, digits and hyphens"},
		{"12345", Windows, "not all digits"},
	} {
		p := CheckComputerName("computer_name", tc.name, tc.t)
		if (tc.want == "") != (p == nil) || (p != nil && !strings.Contains(p.Detail(), tc.want)) {
			t.Errorf("CheckComputerName(%q, %s) = %v, want %q", tc.name, tc.t, p, tc.want)
		}
	}
	if p := CheckComputerName("name", "a-very-long-windows-name", Windows); p == nil || !strings.Contains(p.Detail(), "computer_name defaults to name") {
		t.Errorf("defaulted name: %v", p)
	}
}

func TestCheckAdminPassword(t *testing.T) {
	for _, tc := range []struct {
		pw   string
		os   OSType
		want string
	}{
		{"Secret-Passw0rd!", Windows, ""},
		{"Ab1!x", Linux, "6 to 72 characters"},
		{"Abcdef1!", Windows, ""},
		{"abcdefgh", Windows, "three of"},
		{"Password1", Linux, "the device accepts them"},
		{strings.Repeat("Ab1", 25), Linux, "6 to 72"},
	} {
		p := CheckAdminPassword("admin_password", tc.pw, tc.os)
		if (tc.want == "") != (p == nil) || (p != nil && !strings.Contains(p.Detail(), tc.want)) {
			t.Errorf("%q on %s: %v, want %q", tc.pw, tc.os, p, tc.want)
		}
		if p != nil && strings.Contains(p.Detail(), tc.pw) {
			t.Errorf("the problem shows the password: %s", p.Detail())
		}
	}
}

func TestAllowUntestedOS(t *testing.T) {
	for _, tc := range []struct {
		key, release string
		want         string // fragment of the warning; "" for no problem
	}{
		{"windows_server_2022", "2403", "may work but haven't been tested"},
		{"ubuntu_18_04", "2407", "no longer supported on Ubuntu 18.04 LTS GPU VMs"},
		{"ubuntu_18_04", "2403", ""},
		{"rhel_7_4", "2403", ""},
	} {
		p := CheckGPUOSAllowing(tc.key, MustRelease(tc.release), true)
		switch {
		case tc.want == "" && p != nil:
			t.Errorf("%s on %s: unexpected %s", tc.key, tc.release, p.Detail())
		case tc.want != "" && (p == nil || !p.Warning || !strings.Contains(p.Detail(), tc.want) || !strings.Contains(p.Detail(), "allow_untested_os = true")):
			t.Errorf("%s on %s: got %+v, want a warning with %q", tc.key, tc.release, p, tc.want)
		}
	}
	if p := CheckGPUOSAllowing("windows_10", Newest(), true); p == nil || p.Warning {
		t.Errorf("an unknown OS key passes with the opt-in: %+v", p)
	}
	// The extension follows the VM's choice.
	ws22, _ := LookupOS("windows_server_2022")
	if _, err := DriverExtensionDefaults(ws22, Newest(), ""); err == nil {
		t.Error("defaults for Windows Server 2022 without the opt-in")
	}
	ext, err := DriverExtensionDefaultsAllowing(ws22, MustRelease("2205"), "", true)
	if err != nil || ext.Type != DriverTypeWindows || ext.HandlerVersion != "1.5" || !strings.Contains(ext.Settings["DriverURL"].(string), "2016-2019-2022") {
		t.Errorf("Windows Server 2022 opt-in defaults = %+v, %v", ext, err)
	}
}

func TestCheckAdminPasswordVendorSample(t *testing.T) {
	p := CheckAdminPassword("admin_password", "Password1", Windows)
	if p == nil || !p.Warning || p.Attribute != "admin_password" {
		t.Fatalf("Password1: %+v, want a warning", p)
	}
}

func TestCheckNICsOn(t *testing.T) {
	f12, _ := LookupSize("Standard_F12_HPN")
	ws19, _ := LookupOS("windows_server_2019")
	if p := CheckNICsOn(f12, ws19, 2, MustRelease("2205")); p == nil || !strings.Contains(p.Detail(), "at most 1 network interface") {
		t.Errorf("2 NICs on F12_HPN at 2205: %v", p)
	}
	if p := CheckNICsOn(f12, ws19, 1, MustRelease("2205")); p != nil {
		t.Errorf("1 NIC on F12_HPN at 2205: %v", p)
	}
	if p := CheckNICsOn(f12, ws19, 2, MustRelease("2309")); p != nil {
		t.Errorf("2 NICs on F12_HPN at 2309: %v", p)
	}
	if f12.AvailableIn(MustRelease("2203")) || !f12.AvailableIn(MustRelease("2205")) {
		t.Error("Standard_F12_HPN does not arrive with 2205")
	}
}

func TestStoppedGPUVMsLoseGPUs(t *testing.T) {
	for _, r := range StoppedGPUVMsNoticeReleases {
		if !StoppedGPUVMsLoseGPUs(MustRelease(r)) {
			t.Errorf("release %s: its notes say Kubernetes takes stopped VMs' GPUs", r)
		}
	}
	for _, r := range []string{"2207", "2209", "2210", "2301", "2303", "2403", "2501"} {
		if StoppedGPUVMsLoseGPUs(MustRelease(r)) {
			t.Errorf("release %s: its notes no longer list the issue", r)
		}
	}
}

// No user-facing message carries a bare source tag such as [EXT-TS].
func TestMessagesCiteReadableSources(t *testing.T) {
	tag := regexp.MustCompile(`\[[A-Z][A-Z0-9-]*(, [A-Z][A-Z0-9-]*)*\]`)
	var msgs []string
	for _, size := range []string{"Standard_NC6", "Standard_D2_v2", "Standard_NC4as_A2"} {
		for _, r := range []string{"2110", "2403"} {
			if p := CheckGPUSize(size, MustRelease(r), GPUTypeT4); p != nil {
				msgs = append(msgs, p.Detail())
			}
		}
	}
	for _, key := range OSKeys() {
		for _, allow := range []bool{false, true} {
			if p := CheckGPUOSAllowing(key, Newest(), allow); p != nil {
				msgs = append(msgs, p.Detail())
			}
		}
	}
	f12, _ := LookupSize("Standard_F12_HPN")
	ws16, _ := LookupOS("windows_server_2016")
	msgs = append(msgs, CheckNICsOn(f12, ws16, 9, MustRelease("2205")).Detail(), CheckNICs(f12, ws16, 9).Detail(),
		CheckAdminPassword("admin_password", "Password1", Linux).Detail())
	u22, _ := LookupOS("ubuntu_22_04")
	rhel, _ := LookupOS("rhel_7_4")
	for _, f := range []func() error{
		func() error { _, err := DriverExtensionDefaults(u22, Newest(), ""); return err },
		func() error { _, err := DriverExtensionDefaults(rhel, Newest(), "GRID"); return err },
	} {
		msgs = append(msgs, f().Error())
	}
	for _, m := range msgs {
		if tag.MatchString(m) {
			t.Errorf("bare source tag in %q", m)
		}
		if !strings.Contains(m, "(source: ") && !strings.Contains(m, "Known OS keys") && !strings.Contains(m, "three of") {
			t.Errorf("no source named in %q", m)
		}
	}
	for _, s := range Sources() {
		if s.Name == "" || !strings.HasPrefix(s.URL, "https://") {
			t.Errorf("source %s lacks a name or link", s.Tag)
		}
	}
}
