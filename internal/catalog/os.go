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
	// GPUDriver reports whether the NVIDIA GPU driver extension was tested
	// on it [SEED]; see GPUDriverOn for a release.
	GPUDriver bool
	// driverDroppedFrom is the release from which the driver extension no
	// longer supports it.
	driverDroppedFrom Release
}

// GPUDriverDroppedOn reports whether the driver extension no longer
// supports this OS on release r [OVERVIEW-2024].
func (o OS) GPUDriverDroppedOn(r Release) bool {
	return !o.driverDroppedFrom.IsZero() && r.AtLeast(o.driverDroppedFrom)
}

// GPUDriverOn reports whether the driver extension supports this OS on
// release r: it is in the tested list and not dropped there.
func (o OS) GPUDriverOn(r Release) bool { return o.GPUDriver && !o.GPUDriverDroppedOn(r) }

// GPUDriverOSKeysOn lists the OSes the driver extension supports on release r.
func GPUDriverOSKeysOn(r Release) []string {
	var keys []string
	for _, o := range oses {
		if o.GPUDriverOn(r) {
			keys = append(keys, o.Key)
		}
	}
	return keys
}

// oses: the first four are the seed's list of OSes the GPU driver extension
// supports; "others may work but are untested" [SEED], so the rest are
// general-purpose only.
var oses = []OS{
	{Key: "windows_server_2019", Name: "Windows Server 2019", Type: Windows, GPUDriver: true},
	{Key: "windows_server_2016", Name: "Windows Server 2016 Core", Type: Windows, GPUDriver: true},
	{Key: "ubuntu_18_04", Name: "Ubuntu 18.04 LTS", Type: Linux, GPUDriver: true, driverDroppedFrom: UbuntuDriverDroppedFrom},
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
