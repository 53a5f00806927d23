package device

import (
	"context"
	"errors"
	"strings"
)

// ErrNoAzureSide is returned by Azure-side calls when no device ID was configured.
var ErrNoAzureSide = errors.New("no Azure resource of the device is configured, so the device's Azure side cannot be read")

// DataBoxEdgeDevice is the Azure resource of the device [DBE].
type DataBoxEdgeDevice struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Properties struct {
		Status              string   `json:"dataBoxEdgeDeviceStatus"`
		ModelDescription    string   `json:"modelDescription"`
		SoftwareVersion     string   `json:"deviceSoftwareVersion"`
		ConfiguredRoleTypes []string `json:"configuredRoleTypes"`
	} `json:"properties"`
}

// CapacityInfo is deviceCapacityInfo/default [DBE].
type CapacityInfo struct {
	Properties struct {
		ClusterComputeCapacityInfo struct {
			GPUCapacity    GPUCapacity    `json:"gpuCapacity"`
			MemoryCapacity MemoryCapacity `json:"memoryCapacity"`
		} `json:"clusterComputeCapacityInfo"`
		ClusterStorageCapacityInfo struct {
			TotalMb float64 `json:"clusterTotalStorageMb"`
			FreeMb  float64 `json:"clusterFreeStorageMb"`
		} `json:"clusterStorageCapacityInfo"`
		NodeCapacityInfos map[string]struct {
			HostName          string `json:"hostName"`
			AvailableGPUCount int    `json:"availableGpuCount"`
			GPUType           string `json:"gpuType"`
			// EffectiveAvailableMemoryMb is the memory a new VM can have
			// on the host; VMUsedMemory is what each VM holds, by vmId.
			EffectiveAvailableMemoryMb float64             `json:"effectiveAvailableMemoryMbOnHost"`
			VMUsedMemory               map[string]VMMemory `json:"vmUsedMemory"`
		} `json:"nodeCapacityInfos"`
	} `json:"properties"`
}

// GPUCapacity is the cluster's GPU accounting.
type GPUCapacity struct {
	GPUType             string `json:"gpuType"`
	UsedUnits           int    `json:"gpuUsedUnitsCount"`
	FreeUnits           int    `json:"gpuFreeUnitsCount"`
	ReservedForFailover int    `json:"gpuReservedForFailoverUnitsCount"`
	TotalUnits          int    `json:"gpuTotalUnitsCount"`
}

// MemoryCapacity is the cluster's memory accounting, in MB
// (ClusterMemoryCapacity of the DataBoxEdge API).
type MemoryCapacity struct {
	TotalMb         float64 `json:"clusterTotalMemoryMb"`
	FreeMb          float64 `json:"clusterFreeMemoryMb"`
	UsedMb          float64 `json:"clusterUsedMemoryMb"`
	HypervReserveMb float64 `json:"clusterHypervReserveMemoryMb"`
	UsedByVMsMb     float64 `json:"clusterMemoryUsedByVmsMb"`
}

// VMMemory is a VM's memory on a host (VmMemory of the DataBoxEdge API).
type VMMemory struct {
	StartupMemoryMB      float64 `json:"startupMemoryMB"`
	CurrentMemoryUsageMB float64 `json:"currentMemoryUsageMB"`
}

// Role is a compute role of the device, such as Kubernetes.
type Role struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

func (a *azureSide) url(path string) string {
	return strings.TrimRight(a.endpoint, "/") + path + "?api-version=" + apiDataBoxEdge
}

// GetAzureDevice reads the device's Azure resource.
func (c *Client) GetAzureDevice(ctx context.Context) (DataBoxEdgeDevice, error) {
	var d DataBoxEdgeDevice
	if c.azure == nil {
		return d, ErrNoAzureSide
	}
	err := getJSON(ctx, c.azure.pl, c.azure.url(c.azure.deviceID), &d)
	return d, wrap("reading device "+c.azure.deviceID+" from "+c.azure.endpoint, err)
}

// GetCapacity reads the device's GPU capacity from its Azure side.
func (c *Client) GetCapacity(ctx context.Context) (CapacityInfo, error) {
	var info CapacityInfo
	if c.azure == nil {
		return info, ErrNoAzureSide
	}
	err := getJSON(ctx, c.azure.pl, c.azure.url(c.azure.deviceID+"/deviceCapacityInfo/default"), &info)
	return info, wrap("reading the GPU capacity of device "+c.azure.deviceID+" from "+c.azure.endpoint, err)
}

// ListRoles lists the device's compute roles from its Azure side.
func (c *Client) ListRoles(ctx context.Context) ([]Role, error) {
	if c.azure == nil {
		return nil, ErrNoAzureSide
	}
	roles, err := listJSON[Role](ctx, c.azure.pl, c.azure.url(c.azure.deviceID+"/roles"))
	return roles, wrap("listing the roles of device "+c.azure.deviceID, err)
}
