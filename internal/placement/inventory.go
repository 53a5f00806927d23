package placement

import (
	"fmt"
	"sort"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// Inventory sources.
const (
	SourceCapacityAPI = "capacity_api" // the Azure-side deviceCapacityInfo
	SourceDeclared    = "declared"     // gpu_count and gpu_type of the provider block
)

// Hardware is what a device has.
type Hardware struct {
	GPUs    int
	GPUType catalog.GPUType
	// MemoryGiB is the device's memory; 0 when not declared.
	MemoryGiB int
}

// VM is what the device reports of a virtual machine.
type VM struct {
	ID                string
	Name              string
	Size              string
	GUID              string // properties.vmId, which the capacity API keys memory by
	PowerState        string // "running", "deallocated", ...; "" when it never ran
	ProvisioningState string
	// GaveUpGPUs marks a stopped VM whose GPUs went back to the device by
	// its release's rule (ApplyRelease).
	GaveUpGPUs bool
}

// Claim is a VM's hold on GPUs.
type Claim struct {
	VMID       string
	Name       string
	Size       string
	GPUs       int
	PowerState string
}

// Inventory is who holds a device's GPUs.
type Inventory struct {
	GPUType              catalog.GPUType
	Total                int
	Free                 int
	KubernetesConfigured bool
	KubernetesGPUs       int
	Claims               []Claim // VMs holding GPUs, by ID
	Memory               Memory
	// FreeStorageGB is the storage the capacity API reports free; 0 when
	// it reports none.
	FreeStorageGB int64
	Source        string
	// Release is the device's software release: the sizes a message may
	// suggest are those it offers. Zero stands for the newest.
	Release catalog.Release
	// vms is every VM on the device, holding GPUs or not, by lower-case ID.
	vms map[string]bool
}

// Exists reports whether the device has a VM of this ID, holding GPUs or not.
func (inv Inventory) Exists(vmID string) bool { return inv.vms[strings.ToLower(vmID)] }

func vmSet(vms []VM) map[string]bool {
	set := make(map[string]bool, len(vms))
	for _, v := range vms {
		set[strings.ToLower(v.ID)] = true
	}
	return set
}

// Holds is how many GPUs a VM holds by the device's rules: its size's
// count from the moment the device accepts it, deallocated or not, and none
// once its creation failed (it never ran, so it has no power state) [SEED,
// PROV-TS].
func Holds(vm VM) int {
	size, ok := catalog.LookupSize(vm.Size)
	if !ok || !size.IsGPU() || vm.PowerState == "" || vm.GaveUpGPUs {
		return 0
	}
	return size.GPUs
}

// claims lists the VMs holding GPUs, sorted by ID.
func claims(vms []VM) ([]Claim, int) {
	var out []Claim
	held := 0
	for _, vm := range vms {
		if n := Holds(vm); n > 0 {
			out = append(out, Claim{VMID: vm.ID, Name: vm.Name, Size: vm.Size, GPUs: n, PowerState: vm.PowerState})
			held += n
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].VMID) < strings.ToLower(out[j].VMID) })
	return out, held
}

// Capacity is what the device's Azure side reports [DBE].
type Capacity struct {
	GPUType string // "NvidiaTeslaT4", "NvidiaA2"
	Total   int
	Used    int
	Free    int
}

// FromCapacity builds the inventory from the capacity API, the roles and
// the device's VMs. Kubernetes holds what is used but held by no VM.
func FromCapacity(c Capacity, kubernetes bool, vms []VM) (Inventory, error) {
	t, ok := catalog.ParseGPUType(c.GPUType)
	if !ok {
		return Inventory{}, fmt.Errorf("the device reports GPU type %q, which this provider does not know (it knows %s and %s)",
			c.GPUType, catalog.GPUTypeT4.CapacityName(), catalog.GPUTypeA2.CapacityName())
	}
	cl, held := claims(vms)
	inv := Inventory{GPUType: t, Total: c.Total, Free: c.Free, KubernetesConfigured: kubernetes, Claims: cl, Source: SourceCapacityAPI, vms: vmSet(vms)}
	if kubernetes && c.Used > held {
		inv.KubernetesGPUs = c.Used - held
	}
	return inv, nil
}

// FromDeclared builds the inventory from declared hardware and the
// device's VMs. Without the Azure side, Kubernetes cannot be seen: it is
// taken to hold nothing.
func FromDeclared(h Hardware, vms []VM) Inventory {
	cl, held := claims(vms)
	free := h.GPUs - held
	if free < 0 {
		free = 0
	}
	return Inventory{GPUType: h.GPUType, Total: h.GPUs, Free: free, Claims: cl, Memory: MemoryFromDeclared(h.MemoryGiB, vms),
		Source: SourceDeclared, vms: vmSet(vms)}
}

// Holder finds the claim of a VM, by ID.
func (inv Inventory) Holder(vmID string) (Claim, bool) {
	for _, c := range inv.Claims {
		if strings.EqualFold(c.VMID, vmID) {
			return c, true
		}
	}
	return Claim{}, false
}

// Describe says who holds the GPUs, for error messages:
// "vm1 (Standard_NC4as_T4_v3, running) holds 1; Kubernetes holds 1".
func (inv Inventory) Describe() string {
	var parts []string
	for _, c := range inv.Claims {
		parts = append(parts, fmt.Sprintf("%s (%s, %s) holds %d", c.Name, c.Size, c.PowerState, c.GPUs))
	}
	if inv.KubernetesGPUs > 0 {
		parts = append(parts, fmt.Sprintf("Kubernetes holds %d", inv.KubernetesGPUs))
	}
	if len(parts) == 0 {
		return "nothing holds any"
	}
	return strings.Join(parts, "; ")
}
