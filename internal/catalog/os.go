package catalog

import (
	"sort"
	"strings"
)

// OSType is the osType ARM records on images and VMs.
type OSType string

const (
	Windows OSType = "Windows"
	Linux   OSType = "Linux"
)

// OS is an operating system a user may name as a VM's os.
type OS struct {
	Key  string // the value of the os argument, e.g. "ubuntu_18_04"
	Name string
	Type OSType
	// GPUDriver reports whether the NVIDIA GPU driver extension supports it [SEED].
	GPUDriver bool
	// driverDeprecatedFrom is the release from which its driver extension counts as deprecated.
	driverDeprecatedFrom Release
}

// GPUDriverDeprecatedOn reports whether the driver extension for this OS
// counts as deprecated on release r (it still installs).
func (o OS) GPUDriverDeprecatedOn(r Release) bool {
	return !o.driverDeprecatedFrom.IsZero() && r.AtLeast(o.driverDeprecatedFrom)
}

// oses: the first four are the seed's list of OSes the GPU driver extension
// supports; "others may work but are untested" [SEED], so the rest are
// general-purpose only.
var oses = []OS{
	{Key: "windows_server_2019", Name: "Windows Server 2019", Type: Windows, GPUDriver: true},
	{Key: "windows_server_2016", Name: "Windows Server 2016 Core", Type: Windows, GPUDriver: true},
	{Key: "ubuntu_18_04", Name: "Ubuntu 18.04 LTS", Type: Linux, GPUDriver: true, driverDeprecatedFrom: UbuntuDriverDeprecatedFrom},
	{Key: "rhel_7_4", Name: "Red Hat Enterprise Linux 7.4", Type: Linux, GPUDriver: true},
	{Key: "windows_server_2022", Name: "Windows Server 2022", Type: Windows},
	{Key: "ubuntu_20_04", Name: "Ubuntu 20.04 LTS", Type: Linux},
	{Key: "ubuntu_22_04", Name: "Ubuntu 22.04 LTS", Type: Linux},
	{Key: "rhel_8", Name: "Red Hat Enterprise Linux 8", Type: Linux},
}

// LookupOS finds an OS by key.
func LookupOS(key string) (OS, bool) {
	for _, o := range oses {
		if o.Key == strings.TrimSpace(key) {
			return o, true
		}
	}
	return OS{}, false
}

// AllOS lists every OS key's entry, GPU-driver OSes first, in table order.
func AllOS() []OS { return append([]OS(nil), oses...) }

// OSKeys lists every OS key, sorted.
func OSKeys() []string {
	var keys []string
	for _, o := range oses {
		keys = append(keys, o.Key)
	}
	sort.Strings(keys)
	return keys
}

// GPUDriverOSKeys lists the keys of the OSes the GPU driver extension supports [SEED].
func GPUDriverOSKeys() []string {
	var keys []string
	for _, o := range oses {
		if o.GPUDriver {
			keys = append(keys, o.Key)
		}
	}
	return keys
}
