package catalog

import "strings"

// DriverFailureAdvice is what to do about a known failure of the GPU
// driver extension, told from the device's account of it (the instance
// view's message, or the operation's error) [EXT-TS]; "" for a failure
// the troubleshooting page does not describe.
func DriverFailureAdvice(failure string) string {
	lower := strings.ToLower(failure)
	switch {
	case strings.Contains(lower, "internet") || strings.Contains(lower, "download"):
		return "The extension downloads the NVIDIA driver during the install, so the port the device's compute network uses " +
			"must reach the internet. Enable it for compute on the device's local web UI (Advanced networking), then apply again. " +
			"Once the driver is installed, the port no longer needs internet " + Cite("EXT", "EXT-TS") + "."
	case strings.Contains(lower, "no nvidia gpu") || strings.Contains(lower, "not a gpu"):
		return "The VM's size has no GPU: resize it to a GPU size (for example Standard_NC4as_T4_v3) " + Cite("EXT-TS") + "."
	case strings.Contains(lower, "not supported"):
		return "The driver extension was tested on Windows Server 2019 and 2016, Ubuntu 18.04 and RHEL 7.4 " + Cite("SEED") +
			"; it is no longer supported on Ubuntu 18.04 " + Cite("OVERVIEW-2024") + "."
	case strings.Contains(lower, "dpkg") || strings.Contains(lower, "lock"):
		return "Another installer held the package manager's lock; wait for it to finish and apply again " + Cite("EXT-TS") + "."
	}
	return ""
}
