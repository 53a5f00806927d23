package catalog

import "strings"

// Source is a public document a rule comes from: the tag the code's comments
// use, the name a user reads in a message, and where to find it.
type Source struct {
	Tag  string // as in comments: "EXT-TS"
	Name string // readable: "Azure Stack Edge docs: troubleshoot GPU extension installation"
	URL  string
}

const learn = "https://learn.microsoft.com/azure/databox-online/"

// sources are the documents this catalog cites (see doc.go).
var sources = []Source{
	{"SEED", "Azure Stack Edge docs: GPU VMs overview (2021)", learn + "azure-stack-edge-gpu-overview-gpu-virtual-machines"},
	{"OVERVIEW-2024", "Azure Stack Edge docs: GPU VMs overview (08/2024)", learn + "azure-stack-edge-gpu-overview-gpu-virtual-machines"},
	{"SIZES", "Azure Stack Edge docs: supported VM sizes", learn + "azure-stack-edge-gpu-virtual-machine-sizes"},
	{"SIZES-2021", "Azure Stack Edge docs: supported VM sizes (09/2021)", learn + "azure-stack-edge-gpu-virtual-machine-sizes"},
	{"SIZES-2023", "Azure Stack Edge docs: supported VM sizes (10/2023)", learn + "azure-stack-edge-gpu-virtual-machine-sizes"},
	{"EXT", "Azure Stack Edge docs: install the GPU extension", learn + "azure-stack-edge-gpu-deploy-virtual-machine-install-gpu-extension"},
	{"EXT-TS", "Azure Stack Edge docs: troubleshoot GPU extension installation", learn + "azure-stack-edge-gpu-troubleshoot-virtual-machine-gpu-extension-installation"},
	{"PROV-TS", "Azure Stack Edge docs: troubleshoot VM provisioning", learn + "azure-stack-edge-gpu-troubleshoot-virtual-machine-provisioning"},
	{"CONN", "Azure Stack Edge docs: connect to Azure Resource Manager", learn + "azure-stack-edge-gpu-connect-resource-manager"},
	{"TPL", "Azure-Samples/azure-stack-edge-deploy-vms templates", "https://github.com/Azure-Samples/azure-stack-edge-deploy-vms"},
	{"RN-2110", "Azure Stack Edge 2110 release notes", learn + "azure-stack-edge-gpu-2110-release-notes"},
	{"RN-2205", "Azure Stack Edge 2205 release notes", learn + "azure-stack-edge-gpu-2205-release-notes"},
	{"RN-2407", "Azure Stack Edge 2407 release notes", learn + "azure-stack-edge-gpu-2407-release-notes"},
	{"RN-STOPPED-GPU", "Azure Stack Edge release notes 2103 to 2205 (GPU VMs known issue)", learn + "azure-stack-edge-gpu-2205-release-notes"},
}

// LookupSource finds a source by its tag.
func LookupSource(tag string) (Source, bool) {
	for _, s := range sources {
		if s.Tag == tag {
			return s, true
		}
	}
	return Source{}, false
}

// Sources lists every source, in citation order.
func Sources() []Source { return append([]Source(nil), sources...) }

// Cite names the sources of a rule for a user-facing message, as
// "(source: Azure Stack Edge docs: troubleshoot VM provisioning)": readable
// names, never bare tags. Tags this catalog does not know are left out.
func Cite(tags ...string) string {
	var names []string
	for _, t := range tags {
		if s, ok := LookupSource(t); ok {
			names = append(names, s.Name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "(source: " + strings.Join(names, "; ") + ")"
}
