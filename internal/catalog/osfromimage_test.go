package catalog

import "testing"

func TestOSFromImage(t *testing.T) {
	for _, tc := range []struct {
		osType, name, want string
	}{
		{"Linux", "ubuntu-18-04", "ubuntu_18_04"},
		{"Linux", "Ubuntu18.04LTS", "ubuntu_18_04"},
		{"linux", "myimages-ubuntu_20_04-v2", "ubuntu_20_04"},
		{"Linux", "rhel-7-4", "rhel_7_4"},
		{"Linux", "RedHat7.4", "rhel_7_4"},
		{"Linux", "rhel8", "rhel_8"},
		{"Windows", "windows-server-2019", "windows_server_2019"},
		{"Windows", "win2016core", "windows_server_2016"},
		{"Windows", "WS2022-datacenter", "windows_server_2022"},
		// Not known: no family, no version, the wrong type, or two OSes.
		{"Linux", "myimage", ""},
		{"Linux", "ubuntu", ""},
		{"Linux", "rhel-8-4", ""},
		{"Windows", "ubuntu-18-04", ""},
		{"Linux", "windows-server-2019", ""},
		{"Linux", "ubuntu-18-04-or-20-04", ""},
		{"Other", "ubuntu-18-04", ""},
	} {
		got, ok := OSFromImage(tc.osType, tc.name)
		if got.Key != tc.want || ok != (tc.want != "") {
			t.Errorf("OSFromImage(%q, %q) = %q, %v; want %q", tc.osType, tc.name, got.Key, ok, tc.want)
		}
	}
}
