package device

import (
	"encoding/json"
	"strings"
)

// The models below are the parts of the device's ARM resources this
// client reads and writes, in the shape of its API versions (Compute
// 2017-12-01, Network 2017-10-01). Fields the device sets are omitempty so
// that a resource read back can be sent again.

// SubResource is a reference by ID.
type SubResource struct {
	ID string `json:"id"`
}

// Subscription is the device's one subscription.
type Subscription struct {
	ID             string `json:"id"`
	SubscriptionID string `json:"subscriptionId"`
	DisplayName    string `json:"displayName"`
	State          string `json:"state"`
}

// Subnet of a virtual network.
type Subnet struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Properties struct {
		AddressPrefix string `json:"addressPrefix"`
		// IPConfigurations are the IP configurations that use the
		// subnet, which ARM fills in (read-only); see NICIDs.
		IPConfigurations []SubResource `json:"ipConfigurations,omitempty"`
	} `json:"properties"`
}

// Image is a VM image made from a VHD.
type Image struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Properties struct {
		StorageProfile struct {
			OSDisk struct {
				OSType string `json:"osType"`
			} `json:"osDisk"`
		} `json:"storageProfile"`
		HyperVGeneration string `json:"hyperVGeneration"`
	} `json:"properties"`
}

// NetworkInterface is a NIC with one IP configuration.
type NetworkInterface struct {
	ID         string            `json:"id,omitempty"`
	Name       string            `json:"name,omitempty"`
	Location   string            `json:"location"`
	Tags       map[string]string `json:"tags,omitempty"`
	Properties NICProperties     `json:"properties"`
}

// NICProperties are a NIC's properties.
type NICProperties struct {
	IPConfigurations  []IPConfiguration `json:"ipConfigurations"`
	VirtualMachine    *SubResource      `json:"virtualMachine,omitempty"`
	ProvisioningState string            `json:"provisioningState,omitempty"`
	MACAddress        string            `json:"macAddress,omitempty"`
}

// IPConfiguration is a NIC's address on a subnet.
type IPConfiguration struct {
	Name       string `json:"name"`
	Properties struct {
		Subnet                    *SubResource `json:"subnet"`
		PrivateIPAllocationMethod string       `json:"privateIPAllocationMethod"`
		PrivateIPAddress          string       `json:"privateIPAddress,omitempty"`
	} `json:"properties"`
}

// PrivateIP is the NIC's address, or "".
func (n NetworkInterface) PrivateIP() string {
	if len(n.Properties.IPConfigurations) == 0 {
		return ""
	}
	return n.Properties.IPConfigurations[0].Properties.PrivateIPAddress
}

// SubnetID is the NIC's subnet, or "".
func (n NetworkInterface) SubnetID() string {
	if len(n.Properties.IPConfigurations) == 0 || n.Properties.IPConfigurations[0].Properties.Subnet == nil {
		return ""
	}
	return n.Properties.IPConfigurations[0].Properties.Subnet.ID
}

// VirtualMachine is a VM.
type VirtualMachine struct {
	ID         string            `json:"id,omitempty"`
	Name       string            `json:"name,omitempty"`
	Location   string            `json:"location"`
	Tags       map[string]string `json:"tags,omitempty"`
	Properties VMProperties      `json:"properties"`
	// Resources are the VM's extensions, which ARM returns with the VM;
	// never sent (see ExtensionNamed).
	Resources []Extension `json:"resources,omitempty"`
}

// VMProperties are a VM's properties.
type VMProperties struct {
	VMID              string          `json:"vmId,omitempty"`
	HardwareProfile   HardwareProfile `json:"hardwareProfile"`
	StorageProfile    *StorageProfile `json:"storageProfile,omitempty"`
	OSProfile         *OSProfile      `json:"osProfile,omitempty"`
	NetworkProfile    *NetworkProfile `json:"networkProfile,omitempty"`
	ProvisioningState string          `json:"provisioningState,omitempty"`
	InstanceView      *InstanceView   `json:"instanceView,omitempty"`
}

// HardwareProfile holds the VM size.
type HardwareProfile struct {
	VMSize string `json:"vmSize"`
}

// StorageProfile names the VM's image.
type StorageProfile struct {
	ImageReference *SubResource `json:"imageReference,omitempty"`
	OSDisk         *OSDisk      `json:"osDisk,omitempty"`
	DataDisks      []DataDisk   `json:"dataDisks,omitempty"`
}

// DataDisk is a managed data disk of a VM: made Empty with the VM, or
// Attached.
type DataDisk struct {
	LUN          int          `json:"lun"`
	Name         string       `json:"name,omitempty"`
	CreateOption string       `json:"createOption"`
	Caching      string       `json:"caching,omitempty"`
	DiskSizeGB   int          `json:"diskSizeGB,omitempty"`
	ManagedDisk  *SubResource `json:"managedDisk,omitempty"`
}

// DataDisks lists the VM's data disks.
func (v VirtualMachine) DataDisks() []DataDisk {
	if v.Properties.StorageProfile == nil {
		return nil
	}
	return v.Properties.StorageProfile.DataDisks
}

// OSDisk is the VM's OS disk, a managed disk the device makes from the image.
type OSDisk struct {
	OSType      string       `json:"osType,omitempty"`
	ManagedDisk *SubResource `json:"managedDisk,omitempty"`
}

// OSProfile is the VM's guest configuration. AdminPassword and CustomData
// are only ever sent, never read back.
type OSProfile struct {
	ComputerName         string                `json:"computerName,omitempty"`
	AdminUsername        string                `json:"adminUsername,omitempty"`
	AdminPassword        string                `json:"adminPassword,omitempty"`
	CustomData           string                `json:"customData,omitempty"` // sent only: the device never returns it
	LinuxConfiguration   *LinuxConfiguration   `json:"linuxConfiguration,omitempty"`
	WindowsConfiguration *WindowsConfiguration `json:"windowsConfiguration,omitempty"`
}

// LinuxConfiguration holds SSH keys.
type LinuxConfiguration struct {
	DisablePasswordAuthentication bool `json:"disablePasswordAuthentication"`
	SSH                           *struct {
		PublicKeys []SSHPublicKey `json:"publicKeys"`
	} `json:"ssh,omitempty"`
}

// SSHPublicKey is an authorized key.
type SSHPublicKey struct {
	Path    string `json:"path"`
	KeyData string `json:"keyData"`
}

// WindowsConfiguration holds Windows settings.
type WindowsConfiguration struct {
	ProvisionVMAgent       bool `json:"provisionVMAgent"`
	EnableAutomaticUpdates bool `json:"enableAutomaticUpdates"`
}

// NetworkProfile lists the VM's NICs.
type NetworkProfile struct {
	NetworkInterfaces []SubResource `json:"networkInterfaces"`
}

// InstanceView is a VM's run-time state.
type InstanceView struct {
	Statuses   []InstanceViewStatus    `json:"statuses"`
	Extensions []ExtensionInstanceView `json:"extensions,omitempty"`
}

// InstanceViewStatus is one status line.
type InstanceViewStatus struct {
	Code          string `json:"code"`
	Level         string `json:"level,omitempty"`
	DisplayStatus string `json:"displayStatus,omitempty"`
	Message       string `json:"message,omitempty"`
}

// Provisioning states that end an operation, as ARM reports them in
// provisioningState.
const (
	ProvisioningSucceeded = "Succeeded"
	ProvisioningFailed    = "Failed"
	ProvisioningCanceled  = "Canceled"
)

// ProvisioningEnded reports whether a provisioning state is terminal
// (ARM's resource provider contract: Succeeded, Failed and Canceled end an
// operation; anything else is still under way).
func ProvisioningEnded(state string) bool {
	for _, end := range []string{ProvisioningSucceeded, ProvisioningFailed, ProvisioningCanceled} {
		if strings.EqualFold(state, end) {
			return true
		}
	}
	return false
}

// Power states, as PowerState/<state> reports them.
const (
	PowerRunning      = "running"
	PowerStopped      = "stopped"
	PowerDeallocated  = "deallocated"
	PowerStarting     = "starting"
	PowerStopping     = "stopping"
	PowerDeallocating = "deallocating"
)

// PowerState is the VM's power state ("running", "deallocated", ...), or
// "" when the instance view was not read or the VM never ran.
func (v VirtualMachine) PowerState() string {
	if v.Properties.InstanceView == nil {
		return ""
	}
	for _, s := range v.Properties.InstanceView.Statuses {
		if p, ok := strings.CutPrefix(s.Code, "PowerState/"); ok {
			return p
		}
	}
	return ""
}

// ProvisioningFailure is why the VM's provisioning failed, from its
// instance view, or "".
func (v VirtualMachine) ProvisioningFailure() string {
	if v.Properties.InstanceView == nil {
		return ""
	}
	for _, s := range v.Properties.InstanceView.Statuses {
		if strings.HasPrefix(s.Code, "ProvisioningState/failed") {
			return s.Message
		}
	}
	return ""
}

// ImageID is the VM's image, or "".
func (v VirtualMachine) ImageID() string {
	if v.Properties.StorageProfile == nil || v.Properties.StorageProfile.ImageReference == nil {
		return ""
	}
	return v.Properties.StorageProfile.ImageReference.ID
}

// NICIDs lists the VM's NICs.
func (v VirtualMachine) NICIDs() []string {
	if v.Properties.NetworkProfile == nil {
		return nil
	}
	var ids []string
	for _, n := range v.Properties.NetworkProfile.NetworkInterfaces {
		ids = append(ids, n.ID)
	}
	return ids
}

// OSDiskID is the VM's managed OS disk, or "".
func (v VirtualMachine) OSDiskID() string {
	if v.Properties.StorageProfile == nil || v.Properties.StorageProfile.OSDisk == nil || v.Properties.StorageProfile.OSDisk.ManagedDisk == nil {
		return ""
	}
	return v.Properties.StorageProfile.OSDisk.ManagedDisk.ID
}

// OSType is the VM's OS disk type, or "".
func (v VirtualMachine) OSType() string {
	if v.Properties.StorageProfile == nil || v.Properties.StorageProfile.OSDisk == nil {
		return ""
	}
	return v.Properties.StorageProfile.OSDisk.OSType
}

// Extension is a VM extension.
type Extension struct {
	ID         string              `json:"id,omitempty"`
	Name       string              `json:"name,omitempty"`
	Location   string              `json:"location"`
	Tags       map[string]string   `json:"tags,omitempty"`
	Properties ExtensionProperties `json:"properties"`
}

// ExtensionProperties are an extension's properties.
type ExtensionProperties struct {
	Publisher               string                 `json:"publisher"`
	Type                    string                 `json:"type"`
	TypeHandlerVersion      string                 `json:"typeHandlerVersion"`
	AutoUpgradeMinorVersion bool                   `json:"autoUpgradeMinorVersion"`
	Settings                json.RawMessage        `json:"settings,omitempty"`
	ProtectedSettings       json.RawMessage        `json:"protectedSettings,omitempty"`
	ProvisioningState       string                 `json:"provisioningState,omitempty"`
	InstanceView            *ExtensionInstanceView `json:"instanceView,omitempty"`
}

// ExtensionInstanceView is an extension's run-time state.
type ExtensionInstanceView struct {
	Name               string               `json:"name"`
	Type               string               `json:"type"`
	TypeHandlerVersion string               `json:"typeHandlerVersion"`
	Statuses           []InstanceViewStatus `json:"statuses"`
}

// StatusMessage is the extension's latest status message, or "".
func (e Extension) StatusMessage() string {
	if e.Properties.InstanceView == nil {
		return ""
	}
	for _, s := range e.Properties.InstanceView.Statuses {
		if s.Message != "" {
			return s.Message
		}
	}
	return ""
}
