package catalog

import "strings"

// maxDataDisks is the "Max data disks" column of the size tables in [SIZES]
// (the include azure-stack-edge-gateway-supported-vm-sizes, 10/02/2023),
// transcribed row by row. The non-HPN GPU tables (NC*_T4*, NC*_A2*) have no
// such column; those sizes take NonHPNGPUMaxDataDisks.
var maxDataDisks = map[string]int{
	"standard_d1_v2": 4, "standard_d2_v2": 8, "standard_d3_v2": 16, "standard_d4_v2": 32,
	"standard_d5_v2": 64, "standard_d11_v2": 8, "standard_d12_v2": 16, "standard_d13_v2": 32,
	"standard_ds1_v2": 4, "standard_ds2_v2": 8, "standard_ds3_v2": 16, "standard_ds4_v2": 32,
	"standard_ds5_v2": 64, "standard_ds11_v2": 8, "standard_ds12_v2": 16, "standard_ds13_v2": 32,
	"standard_f1": 4, "standard_f2": 8, "standard_f4": 16, "standard_f8": 32, "standard_f12": 64,
	"standard_f16": 64, "standard_f1s": 4, "standard_f2s": 8, "standard_f4s": 16, "standard_f8s": 32,
	"standard_f16s": 64, "standard_f4s_v1": 8, "standard_f32s": 64, "standard_f32s_v1": 64,
	"standard_f32s_v3":    64,
	"standard_ds2_v2_hpn": 8, "standard_ds3_v2_hpn": 16, "standard_ds4_v2_hpn": 32,
	"standard_f2s_hpn": 8, "standard_f4s_hpn": 16, "standard_f8s_hpn": 32, "standard_f12s_hpn": 64,
	"standard_f16s_hpn": 64, "standard_f12_hpn": 64,
	"standard_ds2_v2_hpn_t4_v3": 8, "standard_ds3_v2_hpn_t4_v3": 16, "standard_ds4_v2_hpn_t4_v3": 32,
	"standard_f2s_hpn_t4_v3": 8, "standard_f4s_hpn_t4_v3": 16, "standard_f8s_hpn_t4_v3": 32,
	"standard_f12s_hpn_t4_v3": 64, "standard_f16s_hpn_t4_v3": 64, "standard_f12_hpn_t4_v3": 64,
	"standard_ds2_v2_hpn_a2": 8, "standard_ds3_v2_hpn_a2": 16, "standard_ds4_v2_hpn_a2": 32,
	"standard_f2s_hpn_a2": 8, "standard_f4s_hpn_a2": 16, "standard_f8s_hpn_a2": 32,
	"standard_f12s_hpn_a2": 64, "standard_f16s_hpn_a2": 64, "standard_f12_hpn_a2": 64,
}

// DataDiskLimit is how many data disks a VM of this size may have [SIZES].
func (s Size) DataDiskLimit() int {
	if n, ok := maxDataDisks[strings.ToLower(s.Name)]; ok {
		return n
	}
	return NonHPNGPUMaxDataDisks(s)
}
