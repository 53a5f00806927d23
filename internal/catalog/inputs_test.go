package catalog

import "testing"

func TestCheckAdminUsername(t *testing.T) {
	for _, tc := range []struct {
		name string
		os   OSType
		bad  bool
	}{
		{"azureuser", Linux, false},
		{"root", Linux, true},
		{"Administrator", Windows, true},
		{"guest", Linux, true},
		{"support_388945a0", Windows, true},
		{"abcdefghijklmnopqrstu", Windows, true}, // 21
		{"abcdefghijklmnopqrst", Windows, false}, // 20
		{"abcdefghijklmnopqrstu", Linux, false},
		{"ops.", Windows, true},
		{"ops.", Linux, false},
	} {
		if got := CheckAdminUsername(tc.name, tc.os); (got != nil) != tc.bad {
			t.Errorf("CheckAdminUsername(%q, %s) = %v", tc.name, tc.os, got)
		}
	}
}

func TestCheckExtensionName(t *testing.T) {
	for name, bad := range map[string]bool{"gpu-driver": false, "a/b": true, "a?b": true, "a#": true, "ends.": true, "tab\t": true, "x_1.2": false} {
		if got := CheckExtensionName(name); (got != nil) != bad {
			t.Errorf("CheckExtensionName(%q) = %v", name, got)
		}
	}
}

func TestCheckHandlerVersion(t *testing.T) {
	for v, bad := range map[string]bool{"1.5": false, "10.12": false, "1": true, "1.5.0": true, "v1.5": true, "": true, "1.x": true} {
		if got := CheckHandlerVersion(v); (got != nil) != bad {
			t.Errorf("CheckHandlerVersion(%q) = %v", v, got)
		}
	}
}

func TestCheckReservedAddress(t *testing.T) {
	for _, tc := range []struct {
		ip, prefix string
		bad        bool
	}{
		{"10.0.0.0", "10.0.0.0/24", true},
		{"10.0.0.3", "10.0.0.0/24", true},
		{"10.0.0.4", "10.0.0.0/24", false},
		{"10.0.0.254", "10.0.0.0/24", false},
		{"10.0.0.255", "10.0.0.0/24", true},
		{"10.0.1.255", "10.0.0.0/23", true},
		{"10.0.0.255", "10.0.0.0/23", false},
		{"10.0.0.15", "10.0.0.0/28", true},
		{"192.168.1.5", "10.0.0.0/24", false}, // outside: another check's
	} {
		if got := CheckReservedAddress(tc.ip, tc.prefix); (got != nil) != tc.bad {
			t.Errorf("CheckReservedAddress(%q, %q) = %v", tc.ip, tc.prefix, got)
		}
	}
}
