package catalog

import "strings"

// GPUType is the kind of GPU a device carries. A GPU VM's size must match it [SIZES].
type GPUType string

const (
	GPUTypeT4 GPUType = "T4" // NVIDIA Tesla T4 [SEED]
	GPUTypeA2 GPUType = "A2" // NVIDIA A2 Tensor Core [SIZES]
)

// GPUTypes lists the GPU types devices carry.
func GPUTypes() []GPUType { return []GPUType{GPUTypeT4, GPUTypeA2} }

// CapacityName is how the Azure-side capacity API names the type [DBE].
func (g GPUType) CapacityName() string {
	switch g {
	case GPUTypeT4:
		return "NvidiaTeslaT4"
	case GPUTypeA2:
		return A2CapacityName
	}
	return ""
}

// ParseGPUType accepts "T4", "A2" or the capacity API's names, in any case.
func ParseGPUType(s string) (GPUType, bool) {
	for _, g := range GPUTypes() {
		if strings.EqualFold(s, string(g)) || strings.EqualFold(s, g.CapacityName()) {
			return g, true
		}
	}
	return "", false
}
