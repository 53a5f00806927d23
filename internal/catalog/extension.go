package catalog

import (
	"fmt"
	"strings"
)

// The GPU driver extension's ARM identity [TPL, EXT].
const (
	DriverPublisher   = "Microsoft.HpcCompute"
	DriverTypeWindows = "NvidiaGpuDriverWindows"
	DriverTypeLinux   = "NvidiaGpuDriverLinux"
)

// Windows driver kinds: CUDA is the templates' default; GRID is the other [SEED].
const (
	DriverKindCUDA = "CUDA"
	DriverKindGRID = "GRID"
)

// Windows driver packages and the certificate URL of the templates [TPL, EXT].
const (
	windowsDriverURLv1   = "http://us.download.nvidia.com/tesla/442.50/442.50-tesla-desktop-winserver-2019-2016-international.exe"
	windowsDriverURLv2   = "http://us.download.nvidia.com/tesla/511.65/511.65-data-center-tesla-desktop-winserver-2016-2019-2022-dch-international.exe"
	windowsDriverCertURL = "https://go.microsoft.com/fwlink/?linkid=871664"
)

// DriverExtensionType is the extension type for an OS type.
func DriverExtensionType(t OSType) string {
	if t == Windows {
		return DriverTypeWindows
	}
	return DriverTypeLinux
}

// IsDriverExtensionType reports whether an extension type is a GPU driver
// extension, of either OS.
func IsDriverExtensionType(typ string) bool {
	return strings.EqualFold(typ, DriverTypeWindows) || strings.EqualFold(typ, DriverTypeLinux)
}

// IsDriverExtension reports whether an extension of publisher and type is
// the NVIDIA GPU driver extension [TPL, EXT].
func IsDriverExtension(publisher, typ string) bool {
	return strings.EqualFold(publisher, DriverPublisher) && IsDriverExtensionType(typ)
}

// DriverOSType is the OS type a driver extension type runs on.
func DriverOSType(typ string) (OSType, bool) {
	switch {
	case strings.EqualFold(typ, DriverTypeWindows):
		return Windows, true
	case strings.EqualFold(typ, DriverTypeLinux):
		return Linux, true
	}
	return "", false
}

// DriverHandlerVersions lists the handler versions release r has for the
// driver extension of OS type t: 1.3 before 2205, then 1.5 (Windows) and
// 1.8 (Linux) [EXT].
func DriverHandlerVersions(t OSType, r Release) []string {
	switch {
	case !r.AtLeast(ExtensionV2From):
		return []string{"1.3"}
	case t == Windows:
		return []string{"1.5"}
	default:
		return []string{"1.8"}
	}
}

// IsDriverHandlerVersion reports whether release r has handler version v
// for OS type t. ARM compares major.minor; "1.5.0.0" names 1.5.
func IsDriverHandlerVersion(t OSType, r Release, v string) bool {
	mm := majorMinor(v)
	for _, have := range DriverHandlerVersions(t, r) {
		if mm == have {
			return true
		}
	}
	return false
}

func majorMinor(v string) string {
	parts := strings.Split(strings.TrimSpace(v), ".")
	if len(parts) < 2 {
		return strings.TrimSpace(v)
	}
	for _, p := range parts[2:] {
		if strings.Trim(p, "0") != "" {
			return strings.TrimSpace(v) // a patch version ARM would not resolve
		}
	}
	return parts[0] + "." + parts[1]
}

// DriverExtension is what a GPU driver extension is deployed with.
type DriverExtension struct {
	Publisher      string
	Type           string
	HandlerVersion string
	// Settings is the extension's public settings, as the templates write
	// them (strings, and one boolean in the RHEL 7.4 template).
	Settings map[string]any
}

// DriverExtensionDefaults is the extension a template for this OS and
// release would deploy [TPL, EXT]. driverKind (CUDA or GRID) applies to
// Windows only; empty means CUDA.
func DriverExtensionDefaults(os OS, r Release, driverKind string) (DriverExtension, error) {
	return DriverExtensionDefaultsAllowing(os, r, driverKind, false)
}

// DriverExtensionDefaultsAllowing is DriverExtensionDefaults for a VM
// that may run an OS outside the tested list (allow_untested_os): such an
// OS gets the extension of its OS type with the release's defaults
// (Assumed; see assumptions.go).
func DriverExtensionDefaultsAllowing(os OS, r Release, driverKind string, allowUntested bool) (DriverExtension, error) {
	if !allowUntested && !os.GPUDriverOn(r) {
		return DriverExtension{}, fmt.Errorf("the NVIDIA GPU driver extension does not support %s on release %s; it supports %s %s",
			os.Name, r, strings.Join(GPUDriverOSKeysOn(r), ", "), Cite("SEED", "OVERVIEW-2024"))
	}
	ext := DriverExtension{
		Publisher:      DriverPublisher,
		Type:           DriverExtensionType(os.Type),
		HandlerVersion: DriverHandlerVersions(os.Type, r)[0],
		Settings:       map[string]any{},
	}
	if os.Type == Linux {
		if driverKind != "" {
			return DriverExtension{}, fmt.Errorf("driver_type applies to Windows only; the Linux extension installs CUDA drivers %s", Cite("EXT"))
		}
		if !r.AtLeast(ExtensionV2From) {
			ext.Settings = linuxSettingsV1(os.Key)
		}
		return ext, nil // from 2205, Linux settings are {} [TPL]
	}
	switch strings.ToUpper(driverKind) {
	case "":
		driverKind = DriverKindCUDA
	case DriverKindCUDA, DriverKindGRID:
		driverKind = strings.ToUpper(driverKind)
	default:
		return DriverExtension{}, fmt.Errorf("driver type %q is neither %s nor %s", driverKind, DriverKindCUDA, DriverKindGRID)
	}
	ext.Settings["DriverURL"] = windowsDriverURLv1
	if r.AtLeast(ExtensionV2From) {
		ext.Settings["DriverURL"] = windowsDriverURLv2
	}
	ext.Settings["DriverCertificateUrl"] = windowsDriverCertURL
	ext.Settings["DriverType"] = driverKind
	return ext, nil
}

// Linux driver packages of the templates before 2205 [TPL]: each tested
// Linux OS has its own parameter file.
const (
	linuxPubKeyURL = "http://download.microsoft.com/download/F/F/A/FFAC979D-AD9C-4684-A6CE-C92BB9372A3B/7fa2af80.pub"
	linuxCUDAv1    = "10.0.130"
)

// linuxSettingsV1 are the settings of the pre-2205 Linux templates:
// Templates/ExtensionTemplates/GpuExtension/addGPUExtLinuxVM.parameters.json
// (Ubuntu 18.04) and ExtensionTemplates/addGPUExtensionRHELVM.parameters.json
// (RHEL 7.4) [TPL]. Another Linux OS (allow_untested_os) gets {} (Assumed).
func linuxSettingsV1(osKey string) map[string]any {
	switch osKey {
	case "ubuntu_18_04":
		return map[string]any{"DRIVER_URL": "https://go.microsoft.com/fwlink/?linkid=874271", "PUBKEY_URL": linuxPubKeyURL,
			"CUDA_ver": linuxCUDAv1, "InstallCUDA": "true"}
	case "rhel_7_4":
		return map[string]any{"isCustomInstall": true, "DRIVER_URL": "https://go.microsoft.com/fwlink/?linkid=874273", "CUDA_ver": linuxCUDAv1,
			"PUBKEY_URL": linuxPubKeyURL, "DKMS_URL": "https://dl.fedoraproject.org/pub/epel/epel-release-latest-7.noarch.rpm",
			"LIS_URL": "https://aka.ms/lis", "LIS_RHEL_ver": "3.10.0-1062.9.1.el7"}
	}
	return map[string]any{}
}
