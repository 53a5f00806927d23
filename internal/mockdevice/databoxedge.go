package mockdevice

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// The Azure side: the Microsoft.DataBoxEdge device resource, its GPU
// capacity and its roles [DBE]. Azure tokens of the mock's tenant sign in.

func init() {
	register("Microsoft.DataBoxEdge/dataBoxEdgeDevices", (*Device).serveDataBoxEdgeDevices)
	register("Microsoft.DataBoxEdge/dataBoxEdgeDevices/deviceCapacityInfo", (*Device).serveCapacityInfo)
	register("Microsoft.DataBoxEdge/dataBoxEdgeDevices/deviceCapacityCheck", (*Device).serveCapacityCheck)
	register("Microsoft.DataBoxEdge/dataBoxEdgeDevices/roles", (*Device).serveRoles)
}

// azureLocation is where the mock's device resource lives in Azure.
const azureLocation = "eastus"

func (d *Device) deviceID() string {
	hw := d.w.Hardware
	return "/subscriptions/" + hw.AzureSubscription + "/resourceGroups/" + hw.AzureResourceGroup +
		"/providers/Microsoft.DataBoxEdge/dataBoxEdgeDevices/" + hw.DeviceName
}

// nodeName is the device's one node, as nodeCapacityInfos names it.
func (d *Device) nodeName() string { return strings.ToUpper(d.w.Hardware.DeviceName) + "-NODE1" }

// isThisDevice checks the device part of an Azure-side path.
func (d *Device) isThisDevice(w http.ResponseWriter, p armPath) bool {
	if !strings.EqualFold(p.ResourceGroup, d.w.Hardware.AzureResourceGroup) || len(p.Names) == 0 ||
		!strings.EqualFold(p.Names[0], d.w.Hardware.DeviceName) {
		name := ""
		if len(p.Names) > 0 {
			name = p.Names[0]
		}
		writeError(w, notFound("Microsoft.DataBoxEdge/dataBoxEdgeDevices", name))
		return false
	}
	return true
}

func (d *Device) deviceBody() map[string]any {
	hw := d.w.Hardware
	roles := []string{}
	if d.w.kubernetesRole() != nil {
		roles = append(roles, "Kubernetes")
	}
	return map[string]any{
		"id": d.deviceID(), "name": hw.DeviceName, "type": "Microsoft.DataBoxEdge/dataBoxEdgeDevices",
		"location": azureLocation, "kind": "AzureStackEdge", "sku": map[string]any{"name": "EdgeP_Base", "tier": "Standard"},
		"properties": map[string]any{
			"dataBoxEdgeDeviceStatus": "Online",
			"deviceType":              "DataBoxEdgeDevice",
			"friendlyName":            hw.DeviceName,
			"serialNumber":            "MOCK" + strings.ToUpper(hw.DeviceName),
			"deviceSoftwareVersion":   "Azure Stack Edge " + hw.Release.String(),
			"modelDescription":        fmt.Sprintf("Azure Stack Edge Pro - %d GPU (%s)", hw.GPUs, hw.GPUType),
			"nodeCount":               1,
			"configuredRoleTypes":     roles,
		},
	}
}

func (d *Device) serveDataBoxEdgeDevices(w http.ResponseWriter, r *http.Request, p armPath) {
	if r.Method != http.MethodGet {
		methodNotAllowed(w, r)
		return
	}
	if p.isCollection() {
		list := []any{}
		if p.ResourceGroup == "" || strings.EqualFold(p.ResourceGroup, d.w.Hardware.AzureResourceGroup) {
			list = append(list, d.deviceBody())
		}
		writeJSON(w, http.StatusOK, map[string]any{"value": list})
		return
	}
	if d.isThisDevice(w, p) {
		writeJSON(w, http.StatusOK, d.deviceBody())
	}
}

func (d *Device) serveCapacityInfo(w http.ResponseWriter, r *http.Request, p armPath) {
	if !d.isThisDevice(w, p) {
		return
	}
	if r.Method != http.MethodGet || p.isCollection() || !strings.EqualFold(p.name(), "default") {
		writeError(w, notFound("Microsoft.DataBoxEdge/dataBoxEdgeDevices/deviceCapacityInfo", p.name()))
		return
	}
	hw := d.w.Hardware
	free, used := d.w.freeGPUs(), d.w.usedGPUs()
	now := d.now().UTC().Format("2006-01-02T15:04:05Z")
	writeJSON(w, http.StatusOK, map[string]any{
		"id": d.deviceID() + "/deviceCapacityInfo/default", "name": "default",
		"type": "Microsoft.DataBoxEdge/dataBoxEdgeDevices/deviceCapacityInfo",
		"properties": map[string]any{
			"timeStamp": now,
			"clusterComputeCapacityInfo": map[string]any{
				"fqdn": "management." + hw.DeviceName + "." + hw.DNSDomain,
				"gpuCapacity": map[string]any{
					"gpuType": hw.GPUType.CapacityName(), "gpuUsedUnitsCount": used, "gpuFreeUnitsCount": free,
					"gpuReservedForFailoverUnitsCount": 0, "gpuTotalUnitsCount": hw.GPUs,
				},
				"memoryCapacity":    d.memoryCapacity(),
				"lastRefreshedTime": now,
			},
			"clusterStorageCapacityInfo": map[string]any{"clusterTotalStorageMb": 4 * 1024 * 1024, "clusterFreeStorageMb": 3 * 1024 * 1024},
			"nodeCapacityInfos": map[string]any{
				d.nodeName(): map[string]any{"hostName": d.nodeName(), "availableGpuCount": free, "gpuType": hw.GPUType.CapacityName(),
					"effectiveAvailableMemoryMbOnHost": d.w.freeMemoryMiB(), "vmUsedMemory": d.vmUsedMemory()},
			},
		},
	})
}

// serveCapacityCheck answers whether VMs of the queried sizes could be
// placed now, each inner list being VMs placed together.
func (d *Device) serveCapacityCheck(w http.ResponseWriter, r *http.Request, p armPath) {
	if !d.isThisDevice(w, p) {
		return
	}
	if r.Method != http.MethodPost {
		methodNotAllowed(w, r)
		return
	}
	var body struct {
		Properties struct {
			VMPlacementQuery [][]string `json:"vmPlacementQuery"`
		} `json:"properties"`
	}
	if e := decodeBody(r, &body); e != nil {
		writeError(w, e)
		return
	}
	results := []any{}
	for _, sizes := range body.Properties.VMPlacementQuery {
		need, feasible, msg, code := 0, true, "The VMs can be placed.", "None"
		var memory int64
		for _, s := range sizes {
			size, e := d.checkSize(s)
			if e != nil {
				feasible, msg, code = false, e.Message, "InvalidVmSize"
				break
			}
			need += size.GPUs
			memory += size.MemoryMiB()
		}
		if feasible && need > d.w.freeGPUs() {
			feasible, code = false, "InsufficientGpu"
			msg = fmt.Sprintf("%s: the VMs need %d GPU(s); %d of %d are free.", insufficientGPUs, need, d.w.freeGPUs(), d.w.Hardware.GPUs)
		}
		if feasible && memory > d.w.freeMemoryMiB() {
			// Assumed: the message code, by analogy with InsufficientGpu.
			feasible, code = false, "InsufficientMemory"
			msg = fmt.Sprintf("%s: the VMs need %s GiB of memory; %s GiB are free.", insufficientMemory, gibText(memory), gibText(d.w.freeMemoryMiB()))
		}
		results = append(results, map[string]any{"vmSize": sizes, "isFeasible": feasible, "messageCode": code, "message": msg})
	}
	writeJSON(w, http.StatusOK, map[string]any{"properties": map[string]any{
		"vmPlacementQuery": body.Properties.VMPlacementQuery, "vmPlacementResults": results,
	}})
}

func (rl *role) body() map[string]any {
	props := map[string]any{}
	_ = json.Unmarshal(rl.Properties, &props)
	props["provisioningState"] = "Created"
	return map[string]any{"id": rl.ID, "name": rl.Name, "type": "Microsoft.DataBoxEdge/dataBoxEdgeDevices/roles", "kind": rl.Kind, "properties": props}
}

// serveRoles manages roles. Configuring the Kubernetes role claims every
// GPU free at that moment; removing it gives them back, so the five seed
// scenarios hold [SEED]. Assumed: role changes answer at once (the real
// ones run for a long time).
func (d *Device) serveRoles(w http.ResponseWriter, r *http.Request, p armPath) {
	if !d.isThisDevice(w, p) {
		return
	}
	if p.isCollection() {
		listIn(w, r, armPath{}, sortedByID(d.w.Roles), (*role).body)
		return
	}
	id := d.deviceID() + "/roles/" + p.name()
	rl, exists := d.w.Roles[key(id)]
	switch r.Method {
	case http.MethodGet:
		if !exists {
			writeError(w, notFound("Microsoft.DataBoxEdge/dataBoxEdgeDevices/roles", p.name()))
			return
		}
		writeJSON(w, http.StatusOK, rl.body())
	case http.MethodPut:
		var body struct {
			Kind       string          `json:"kind"`
			Properties json.RawMessage `json:"properties"`
		}
		if e := decodeBody(r, &body); e != nil {
			writeError(w, e)
			return
		}
		if body.Kind == "" {
			writeError(w, badRequest("InvalidParameter", "Required parameter 'kind' is missing."))
			return
		}
		if exists && !strings.EqualFold(rl.Kind, body.Kind) {
			writeError(w, conflict("PropertyChangeNotAllowed", "Changing the kind of role '"+rl.Name+"' is not allowed."))
			return
		}
		k8s := strings.EqualFold(body.Kind, "Kubernetes")
		if k8s && !exists && d.w.kubernetesRole() != nil {
			writeError(w, conflict("RoleAlreadyExists", "A Kubernetes role is already configured on this device: "+d.w.kubernetesRole().Name+"."))
			return
		}
		status := http.StatusOK
		if !exists {
			status = http.StatusCreated
			rl = &role{ID: id, Name: p.name()}
			d.w.Roles[key(id)] = rl
			if k8s {
				d.w.KubernetesGPUs = d.w.freeGPUs()
			}
		}
		rl.Kind, rl.Properties = body.Kind, body.Properties
		if k8s {
			rl.Kind = "Kubernetes"
		}
		writeJSON(w, status, rl.body())
	case http.MethodDelete:
		if !exists {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if rl.Kind == "Kubernetes" {
			d.w.KubernetesGPUs = 0
		}
		delete(d.w.Roles, key(id))
		w.WriteHeader(http.StatusOK)
	default:
		methodNotAllowed(w, r)
	}
}

// ConfigureKubernetes configures the Kubernetes role as the Azure portal
// would: it claims every GPU free now.
func (d *Device) ConfigureKubernetes(_ context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.settle()
	if d.w.kubernetesRole() != nil {
		return fmt.Errorf("a Kubernetes role is already configured")
	}
	d.configureKubernetes()
	d.dirty = true
	return d.saveLocked()
}

// configureKubernetes adds the Kubernetes role, which claims every GPU
// free now; the caller holds the lock and has checked there is none.
func (d *Device) configureKubernetes() {
	id := d.deviceID() + "/roles/kubernetes"
	d.w.Roles[key(id)] = &role{ID: id, Name: "kubernetes", Kind: "Kubernetes",
		Properties: json.RawMessage(`{"hostPlatform":"Linux","roleStatus":"Enabled","kubernetesClusterInfo":{"version":"v1.24.6"}}`)}
	d.w.KubernetesGPUs = d.w.freeGPUs()
}
