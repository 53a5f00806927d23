package mockdevice

import (
	"encoding/json"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// location is the only location a device has.
const location = "dbelocal"

// world is everything the device knows. Device.mu guards it; the state file
// holds it.
type world struct {
	Hardware        hardware                   `json:"hardware"`
	ResourceGroups  map[string]*resourceGroup  `json:"resourceGroups"`
	VirtualNetworks map[string]*virtualNetwork `json:"virtualNetworks"`
	NICs            map[string]*nic            `json:"networkInterfaces"`
	Images          map[string]*image          `json:"images"`
	VMs             map[string]*vm             `json:"virtualMachines"`
	Extensions      map[string]*extension      `json:"extensions"`
	Disks           map[string]*disk           `json:"disks"`
	Operations      map[string]*operation      `json:"operations"`
	Roles           map[string]*role           `json:"roles"`
	// KubernetesGPUs is how many GPUs the Kubernetes role holds.
	KubernetesGPUs int `json:"kubernetesGpus"`
	// FailNext holds failures injected for the next operation on a resource.
	FailNext map[string]*injectedFailure `json:"failNext,omitempty"`
	Counter  int                         `json:"counter"` // for MAC addresses and names
}

// hardware is what a device is, as opposed to what runs on it.
type hardware struct {
	GPUs               int             `json:"gpus"`
	GPUType            catalog.GPUType `json:"gpuType"`
	MemoryGiB          int             `json:"memoryGib,omitempty"`
	Release            catalog.Release `json:"release"`
	DeviceName         string          `json:"deviceName"`
	DNSDomain          string          `json:"dnsDomain"`
	SubscriptionID     string          `json:"subscriptionId"`
	AzureSubscription  string          `json:"azureSubscriptionId"`
	AzureResourceGroup string          `json:"azureResourceGroup"`
	LegacyDeallocate   bool            `json:"legacyDeallocate"`
}

type resourceGroup struct {
	ID   string            `json:"id"`
	Name string            `json:"name"`
	Tags map[string]string `json:"tags,omitempty"`
}

type virtualNetwork struct {
	ID                string            `json:"id"`
	Name              string            `json:"name"`
	Tags              map[string]string `json:"tags,omitempty"`
	AddressPrefixes   []string          `json:"addressPrefixes"`
	Subnets           []*subnet         `json:"subnets"`
	ProvisioningState string            `json:"provisioningState"`
}

type subnet struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	AddressPrefix string `json:"addressPrefix"`
}

type nic struct {
	ID                string            `json:"id"`
	Name              string            `json:"name"`
	Tags              map[string]string `json:"tags,omitempty"`
	SubnetID          string            `json:"subnetId"`
	Allocation        string            `json:"allocation"` // Dynamic or Static
	PrivateIP         string            `json:"privateIp"`
	MAC               string            `json:"mac"`
	VMID              string            `json:"vmId,omitempty"` // the VM it is attached to
	ResourceGUID      string            `json:"resourceGuid"`
	ProvisioningState string            `json:"provisioningState"`
}

type image struct {
	ID               string            `json:"id"`
	Name             string            `json:"name"`
	Tags             map[string]string `json:"tags,omitempty"`
	OSType           catalog.OSType    `json:"osType"`
	OSKey            string            `json:"osKey,omitempty"` // known for seeded images only
	HyperVGeneration string            `json:"hyperVGeneration"`
	BlobURI          string            `json:"blobUri"`
}

// Power states of a VM, as in PowerState/<state>.
const (
	powerRunning      = "running"
	powerStopped      = "stopped"
	powerDeallocated  = "deallocated"
	powerStarting     = "starting"
	powerStopping     = "stopping"
	powerDeallocating = "deallocating"
)

// Provisioning states of resources.
const (
	stateCreating  = "Creating"
	stateUpdating  = "Updating"
	stateDeleting  = "Deleting"
	stateSucceeded = "Succeeded"
	stateFailed    = "Failed"
)

type vm struct {
	ID            string            `json:"id"`
	Name          string            `json:"name"`
	VMGUID        string            `json:"vmGuid"`
	Tags          map[string]string `json:"tags,omitempty"`
	Size          string            `json:"size"`
	ImageID       string            `json:"imageId"`
	OSType        catalog.OSType    `json:"osType"`
	ComputerName  string            `json:"computerName"`
	AdminUsername string            `json:"adminUsername"`
	SSHKeys       []sshKey          `json:"sshKeys,omitempty"`
	PasswordAuth  bool              `json:"passwordAuth"`
	// CustomData is osProfile.customData as sent: kept, never returned.
	CustomData        string   `json:"customData,omitempty"`
	NICIDs            []string `json:"nicIds"`
	ProvisioningState string   `json:"provisioningState"`
	PowerState        string   `json:"powerState"`
	// GPUs is how many GPUs the VM holds now.
	GPUs int `json:"gpus"`
	// LastError is why the last operation failed, shown in the instance view.
	LastError *armError `json:"lastError,omitempty"`
	// Operation is the name of the operation in progress, if any.
	Operation string    `json:"operation,omitempty"`
	Created   time.Time `json:"created"`
	// DiskID is the VM's managed OS disk.
	DiskID string `json:"diskId,omitempty"`

	// AdminPasswordDigest is a salted digest of the admin password the VM
	// was created with (see adminpassword.go), never the password.
	AdminPasswordDigest string `json:"adminPasswordDigest,omitempty"`
	// DataDisks are its data disks, by LUN.
	DataDisks []dataDiskAttachment `json:"dataDisks,omitempty"`
}

// disk is a managed disk: a VM's OS disk, or a data disk made empty. It
// outlives its VM, as on API versions before deleteOption existed:
// deleting a VM leaves its disks to delete.
type disk struct {
	ID     string            `json:"id"`
	Name   string            `json:"name"`
	Tags   map[string]string `json:"tags,omitempty"`
	OSType catalog.OSType    `json:"osType,omitempty"` // OS disks only
	VMID   string            `json:"vmId,omitempty"`   // the VM it is attached to
	SizeGB int               `json:"sizeGb"`
	// CreateOption is how the disk was made: FromImage ("" in older state
	// files) or Empty.
	CreateOption string    `json:"createOption,omitempty"`
	SKU          string    `json:"sku,omitempty"`
	Created      time.Time `json:"created,omitzero"`
}

// dataDiskAttachment is a data disk on a VM, at its LUN.
type dataDiskAttachment struct {
	LUN     int    `json:"lun"`
	DiskID  string `json:"diskId"`
	Caching string `json:"caching"`
	// CreateOption is how the VM took it: Empty (made with the VM's PUT)
	// or Attach (an existing disk).
	CreateOption string `json:"createOption"`
}

type sshKey struct {
	Path    string `json:"path"`
	KeyData string `json:"keyData"`
}

type extension struct {
	ID                string            `json:"id"`
	Name              string            `json:"name"`
	VMID              string            `json:"vmId"`
	Tags              map[string]string `json:"tags,omitempty"`
	Publisher         string            `json:"publisher"`
	Type              string            `json:"type"`
	HandlerVersion    string            `json:"typeHandlerVersion"`
	AutoUpgrade       bool              `json:"autoUpgradeMinorVersion"`
	Settings          json.RawMessage   `json:"settings,omitempty"`
	HasProtected      bool              `json:"hasProtectedSettings,omitempty"`
	ProvisioningState string            `json:"provisioningState"`
	StatusMessage     string            `json:"statusMessage,omitempty"`
	Operation         string            `json:"operation,omitempty"`
}

type role struct {
	ID         string          `json:"id"`
	Name       string          `json:"name"`
	Kind       string          `json:"kind"`
	Properties json.RawMessage `json:"properties,omitempty"`
}

// injectedFailure makes the next operation on a resource end this way.
type injectedFailure struct {
	Status  string `json:"status"` // Failed or Canceled
	Code    string `json:"code"`
	Message string `json:"message"`
	// NoInternet makes a GPU driver extension fail as when the compute port
	// has no internet access.
	NoInternet bool `json:"noInternet,omitempty"`
}

func newWorld(h hardware) *world {
	return &world{
		Hardware:        h,
		ResourceGroups:  map[string]*resourceGroup{},
		VirtualNetworks: map[string]*virtualNetwork{},
		NICs:            map[string]*nic{},
		Images:          map[string]*image{},
		VMs:             map[string]*vm{},
		Extensions:      map[string]*extension{},
		Disks:           map[string]*disk{},
		Operations:      map[string]*operation{},
		Roles:           map[string]*role{},
		FailNext:        map[string]*injectedFailure{},
	}
}

// usedGPUs counts the GPUs VMs and Kubernetes hold.
func (w *world) usedGPUs() int {
	n := w.KubernetesGPUs
	for _, v := range w.VMs {
		n += v.GPUs
	}
	return n
}

// freeGPUs counts the GPUs nobody holds.
func (w *world) freeGPUs() int { return w.Hardware.GPUs - w.usedGPUs() }

// claimGPUs gives v enough GPUs for its size if they are free, atomically
// (the caller holds the device lock). It reports whether v now holds them.
func (w *world) claimGPUs(v *vm, size catalog.Size) bool {
	need := size.GPUs - v.GPUs
	if need <= 0 {
		return true
	}
	if w.freeGPUs() < need {
		return false
	}
	v.GPUs += need
	return true
}

// releaseGPUs takes v's GPUs back. With the legacy behaviour of
// deallocation, a configured Kubernetes role takes them at once [SEED note].
func (w *world) releaseGPUs(v *vm, toKubernetes bool) {
	if toKubernetes && w.kubernetesRole() != nil {
		w.KubernetesGPUs += v.GPUs
	}
	v.GPUs = 0
}

func (w *world) kubernetesRole() *role {
	for _, r := range w.Roles {
		if r.Kind == "Kubernetes" {
			return r
		}
	}
	return nil
}

func (w *world) nextCounter() int {
	w.Counter++
	return w.Counter
}
