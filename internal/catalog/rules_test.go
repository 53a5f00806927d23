package catalog

import (
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
		{"ubuntu_18_04", "2303", "", false},
		{"ubuntu_18_04", "2309", "is deprecated on release 2309", true},
		{"ubuntu_22_04", "2309", "does not support Ubuntu 22.04 LTS", false},
		{"windows_server_2022", "2309", "Use one of windows_server_2019, windows_server_2016, ubuntu_18_04, rhel_7_4", false},
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
		{"Password1", Linux, "well-known"},
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
