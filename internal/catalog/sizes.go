package catalog

import (
	"sort"
	"strings"
)

// Size is a VM size a device offers [SIZES].
type Size struct {
	Name      string
	VCPUs     int
	MemoryGiB float64
	GPUs      int     // GPUs a VM of this size holds; 0 for general-purpose sizes
	GPUType   GPUType // empty for general-purpose sizes
	HPN       bool    // high-performance network size
	MaxNICs   int
	since     Release // first release that offers it
}

// IsGPU reports whether a VM of this size holds GPUs.
func (s Size) IsGPU() bool { return s.GPUs > 0 }

// AvailableIn reports whether release r offers this size.
func (s Size) AvailableIn(r Release) bool { return r.AtLeast(s.since) }

// Since is the first release that offers this size.
func (s Size) Since() Release { return s.since }

// windowsServer2016HPNMaxNICs is the NIC limit of the Windows Server 2016
// Datacenter VHD on every HPN size [SIZES, footnote 1].
const windowsServer2016HPNMaxNICs = 8

// MaxNICsFor is the number of NICs a VM of this size running os may have,
// by the size table.
func (s Size) MaxNICsFor(os OS) int {
	if s.HPN && os.Key == "windows_server_2016" && s.MaxNICs > windowsServer2016HPNMaxNICs {
		return windowsServer2016HPNMaxNICs
	}
	return s.MaxNICs
}

// MaxNICsOn is MaxNICsFor on release r, whose release notes may lower it
// (Standard_F12_HPN takes one NIC on 2205 [RN-2205]).
func (s Size) MaxNICsOn(os OS, r Release) int {
	if n, ok := sizeNICLimitOn(s, r); ok {
		return n
	}
	return s.MaxNICsFor(os)
}

func general(name string, vcpus int, mem float64, nics int, since Release) Size {
	return Size{Name: name, VCPUs: vcpus, MemoryGiB: mem, MaxNICs: nics, since: since}
}

func gpu(name string, vcpus int, mem float64, gpus int, t GPUType, nics int, since Release) Size {
	return Size{Name: name, VCPUs: vcpus, MemoryGiB: mem, GPUs: gpus, GPUType: t, MaxNICs: nics, since: since}
}

func hpn(s Size) Size { s.HPN = true; return s }

var (
	first = Oldest()
	later = ExpandedSizesFrom
)

// sizes is the size table of [SIZES]: the 2021 list from the first release,
// the 2023 additions from ExpandedSizesFrom.
var sizes = []Size{
	// Dv2-series
	general("Standard_D1_v2", 1, 3.5, 2, first),
	general("Standard_D2_v2", 2, 7, 4, first),
	general("Standard_D3_v2", 4, 14, 4, first),
	general("Standard_D4_v2", 8, 28, 8, first),
	general("Standard_D5_v2", 16, 56, 8, first),
	general("Standard_D11_v2", 2, 14, 2, first),
	general("Standard_D12_v2", 4, 28, 4, first),
	general("Standard_D13_v2", 8, 56, 8, first),
	// DSv2-series
	general("Standard_DS1_v2", 1, 3.5, 2, first),
	general("Standard_DS2_v2", 2, 7, 2, first),
	general("Standard_DS3_v2", 4, 14, 4, first),
	general("Standard_DS4_v2", 8, 28, 8, first),
	general("Standard_DS5_v2", 16, 56, 8, first),
	general("Standard_DS11_v2", 2, 14, 2, first),
	general("Standard_DS12_v2", 4, 28, 4, first),
	general("Standard_DS13_v2", 8, 56, 8, first),
	// F-series
	general("Standard_F1", 1, 2, 2, first),
	general("Standard_F2", 2, 4, 4, first),
	general("Standard_F4", 4, 8, 4, first),
	general("Standard_F8", 8, 16, 8, first),
	general("Standard_F12", 12, 24, 8, later),
	general("Standard_F16", 16, 32, 8, first),
	general("Standard_F1s", 1, 2, 2, first),
	general("Standard_F2s", 2, 4, 4, first),
	general("Standard_F4s", 4, 8, 4, first),
	general("Standard_F8s", 8, 16, 8, first),
	general("Standard_F16s", 16, 32, 8, first),
	general("Standard_F4s_v1", 4, 4, 4, later),
	general("Standard_F32s", 32, 48, 8, later),
	general("Standard_F32s_v1", 32, 96, 8, later),
	general("Standard_F32s_v3", 32, 224, 8, later),
	// HPN general-purpose sizes
	hpn(general("Standard_DS2_v2_HPN", 2, 7, 14, HPNFrom)),
	hpn(general("Standard_DS3_v2_HPN", 4, 14, 14, HPNFrom)),
	hpn(general("Standard_DS4_v2_HPN", 8, 28, 14, HPNFrom)),
	hpn(general("Standard_F2s_HPN", 2, 4, 14, HPNFrom)),
	hpn(general("Standard_F4s_HPN", 4, 8, 14, HPNFrom)),
	hpn(general("Standard_F8s_HPN", 8, 16, 14, HPNFrom)),
	hpn(general("Standard_F12s_HPN", 12, 24, 14, later)),
	hpn(general("Standard_F16s_HPN", 16, 32, 14, HPNFrom)),
	hpn(general("Standard_F12_HPN", 12, 24, 14, F12HPNFrom)), // [RN-2205]
	// NC T4: the first two are the 2021 GPU sizes [SEED, EXT-TS]
	gpu("Standard_NC4as_T4_v3", 4, 28, 1, GPUTypeT4, 4, first),
	gpu("Standard_NC8as_T4_v3", 8, 56, 1, GPUTypeT4, 8, first),
	gpu("Standard_NC16as_T4_v3", 16, 110, 1, GPUTypeT4, 8, later),
	gpu("Standard_NC16as_T4_v1", 16, 32, 1, GPUTypeT4, 8, later),
	gpu("Standard_NC32as_T4_v3", 32, 96, 1, GPUTypeT4, 8, later),
	gpu("Standard_NC32as_T4_v1", 32, 224, 1, GPUTypeT4, 8, later),
	gpu("Standard_NC32as_2T4_v1", 32, 224, 2, GPUTypeT4, 8, later),
	// NC A2
	gpu("Standard_NC4as_A2", 4, 28, 1, GPUTypeA2, 4, later),
	gpu("Standard_NC8as_A2", 8, 56, 1, GPUTypeA2, 8, later),
	gpu("Standard_NC16as_A2", 16, 110, 1, GPUTypeA2, 8, later),
	gpu("Standard_NC16as_A2_v1", 16, 32, 1, GPUTypeA2, 8, later),
	gpu("Standard_NC32as_A2", 32, 96, 1, GPUTypeA2, 8, later),
	gpu("Standard_NC32as_A2_v1", 32, 224, 1, GPUTypeA2, 8, later),
	gpu("Standard_NC32as_2A2_v1", 32, 224, 2, GPUTypeA2, 8, later),
	// HPN GPU sizes
	hpn(gpu("Standard_DS2_v2_HPN_T4_v3", 2, 7, 1, GPUTypeT4, 14, later)),
	hpn(gpu("Standard_DS3_v2_HPN_T4_v3", 4, 14, 1, GPUTypeT4, 14, later)),
	hpn(gpu("Standard_DS4_v2_HPN_T4_v3", 8, 28, 1, GPUTypeT4, 14, later)),
	hpn(gpu("Standard_F2s_HPN_T4_v3", 2, 4, 1, GPUTypeT4, 14, later)),
	hpn(gpu("Standard_F4s_HPN_T4_v3", 4, 8, 1, GPUTypeT4, 14, later)),
	hpn(gpu("Standard_F8s_HPN_T4_v3", 8, 16, 1, GPUTypeT4, 14, later)),
	hpn(gpu("Standard_F12s_HPN_T4_v3", 12, 24, 1, GPUTypeT4, 14, later)),
	hpn(gpu("Standard_F16s_HPN_T4_v3", 16, 32, 1, GPUTypeT4, 14, later)),
	hpn(gpu("Standard_F12_HPN_T4_v3", 12, 24, 1, GPUTypeT4, 14, later)),
	hpn(gpu("Standard_DS2_v2_HPN_A2", 2, 7, 1, GPUTypeA2, 14, later)),
	hpn(gpu("Standard_DS3_v2_HPN_A2", 4, 14, 1, GPUTypeA2, 14, later)),
	hpn(gpu("Standard_DS4_v2_HPN_A2", 8, 28, 1, GPUTypeA2, 14, later)),
	hpn(gpu("Standard_F2s_HPN_A2", 2, 4, 1, GPUTypeA2, 14, later)),
	hpn(gpu("Standard_F4s_HPN_A2", 4, 8, 1, GPUTypeA2, 14, later)),
	hpn(gpu("Standard_F8s_HPN_A2", 8, 16, 1, GPUTypeA2, 14, later)),
	hpn(gpu("Standard_F12s_HPN_A2", 12, 24, 1, GPUTypeA2, 14, later)),
	hpn(gpu("Standard_F16s_HPN_A2", 16, 32, 1, GPUTypeA2, 14, later)),
	// 64 GiB, unlike its T4 twin's 24: the 10/2023 table prints it so [SIZES-2023].
	hpn(gpu("Standard_F12_HPN_A2", 12, 64, 1, GPUTypeA2, 14, later)),
}

var sizesByName = func() map[string]Size {
	m := make(map[string]Size, len(sizes))
	for _, s := range sizes {
		m[strings.ToLower(s.Name)] = s
	}
	return m
}()

// LookupSize finds a size by name, ignoring case as ARM does, in any release.
func LookupSize(name string) (Size, bool) {
	s, ok := sizesByName[strings.ToLower(strings.TrimSpace(name))]
	return s, ok
}

// AllSizes lists every size of every release, sorted by name.
func AllSizes() []Size {
	out := append([]Size(nil), sizes...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// SizeFilter narrows a size listing; zero values match everything.
type SizeFilter struct {
	GPUOnly bool
	GPUType GPUType // with GPUOnly or alone: only GPU sizes of this type
}

// Sizes lists the sizes release r offers that pass f, sorted by name.
func Sizes(r Release, f SizeFilter) []Size {
	var out []Size
	for _, s := range AllSizes() {
		if !s.AvailableIn(r) {
			continue
		}
		if (f.GPUOnly || f.GPUType != "") && !s.IsGPU() {
			continue
		}
		if f.GPUType != "" && s.GPUType != f.GPUType {
			continue
		}
		out = append(out, s)
	}
	return out
}

// GPUSizeNames lists the GPU sizes release r offers for GPU type t: what a
// plan-time error offers instead of a size the device would refuse.
func GPUSizeNames(r Release, t GPUType) []string {
	var names []string
	for _, s := range Sizes(r, SizeFilter{GPUOnly: true, GPUType: t}) {
		names = append(names, s.Name)
	}
	return names
}
