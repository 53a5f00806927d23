package device

import (
	"context"
	"net/http"
)

// GetSubnet reads a subnet by ID.
func (c *Client) GetSubnet(ctx context.Context, id string) (Subnet, error) {
	var s Subnet
	err := getJSON(ctx, c.session, c.url(id, apiNetwork), &s)
	return s, wrap("reading subnet "+id, err)
}

// GetImage reads an image by ID.
func (c *Client) GetImage(ctx context.Context, id string) (Image, error) {
	var img Image
	err := getJSON(ctx, c.session, c.url(id, apiImages), &img)
	return img, wrap("reading image "+id, err)
}

// ListImages lists the images of a resource group.
func (c *Client) ListImages(ctx context.Context, group string) ([]Image, error) {
	sub, err := c.Subscription(ctx)
	if err != nil {
		return nil, err
	}
	path := "/subscriptions/" + sub + "/resourceGroups/" + group + "/providers/Microsoft.Compute/images"
	imgs, err := listJSON[Image](ctx, c.session, c.url(path, apiImages))
	return imgs, c.explainSubscription(ctx, wrap("listing the images of resource group "+group, err))
}

// ListNICs lists every network interface of the subscription.
func (c *Client) ListNICs(ctx context.Context) ([]NetworkInterface, error) {
	sub, err := c.Subscription(ctx)
	if err != nil {
		return nil, err
	}
	return c.ListNICsIn(ctx, sub)
}

// ListNICsIn lists every network interface of a subscription.
func (c *Client) ListNICsIn(ctx context.Context, subscription string) ([]NetworkInterface, error) {
	path := "/subscriptions/" + subscription + "/providers/Microsoft.Network/networkInterfaces"
	nics, err := listJSON[NetworkInterface](ctx, c.session, c.url(path, apiNetwork))
	return nics, c.explainSubscription(ctx, wrap("listing the network interfaces of the device at "+c.endpoint, err))
}

// GetNIC reads a network interface by ID.
func (c *Client) GetNIC(ctx context.Context, id string) (NetworkInterface, error) {
	var n NetworkInterface
	err := getJSON(ctx, c.session, c.url(id, apiNetwork), &n)
	return n, wrap("reading network interface "+id, err)
}

// BeginPutNIC creates or updates a network interface.
func (c *Client) BeginPutNIC(ctx context.Context, id string, nic NetworkInterface) (*Operation[NetworkInterface], error) {
	return begin[NetworkInterface](ctx, c, http.MethodPut, c.url(id, apiNetwork), nic, "creating or updating network interface "+id)
}

// BeginDeleteNIC deletes a network interface; one already gone is done.
func (c *Client) BeginDeleteNIC(ctx context.Context, id string) (*Operation[struct{}], error) {
	return begin[struct{}](ctx, c, http.MethodDelete, c.url(id, apiNetwork), nil, "deleting network interface "+id)
}

// GetVM reads a VM with its instance view (power state, failures).
func (c *Client) GetVM(ctx context.Context, id string) (VirtualMachine, error) {
	var v VirtualMachine
	err := getJSON(ctx, c.session, c.url(id+"?$expand=instanceView", apiCompute), &v)
	return v, wrap("reading virtual machine "+id, err)
}

// ListVMs lists every VM of the subscription, in one request: their
// models, without instance views (a list has none), and their extensions
// by ID only (Azure/azure-sdk-for-net#13378).
func (c *Client) ListVMs(ctx context.Context) ([]VirtualMachine, error) {
	return c.listVMs(ctx, "", apiCompute)
}

// ListVMStatuses lists the run-time status of every VM of the
// subscription, in one request: each entry has the VM's ID, vmId and
// instance view (power and provisioning state), not its model (no size,
// no disks, no tags). statusOnly=true, which "enables fetching run time
// status of all Virtual Machines" (Virtual Machines - List All,
// https://learn.microsoft.com/en-us/rest/api/compute/virtual-machines/list-all),
// is Compute's from 2020-06-01, the device's profile 2020-09-01-hybrid;
// 2017-12-01 has no such parameter. WithStatuses joins the two lists.
func (c *Client) ListVMStatuses(ctx context.Context) ([]VirtualMachine, error) {
	return c.listVMs(ctx, "?statusOnly=true", apiComputeStatusOnly)
}

func (c *Client) listVMs(ctx context.Context, query, version string) ([]VirtualMachine, error) {
	sub, err := c.Subscription(ctx)
	if err != nil {
		return nil, err
	}
	path := "/subscriptions/" + sub + "/providers/Microsoft.Compute/virtualMachines" + query
	vms, err := listJSON[VirtualMachine](ctx, c.session, c.url(path, version))
	return vms, c.explainSubscription(ctx, wrap("listing the virtual machines of the device at "+c.endpoint, err))
}

// BeginPutVM creates or updates a VM.
func (c *Client) BeginPutVM(ctx context.Context, id string, vm VirtualMachine) (*Operation[VirtualMachine], error) {
	return begin[VirtualMachine](ctx, c, http.MethodPut, c.url(id, apiCompute), vm, "creating or updating virtual machine "+id)
}

// BeginDeleteVM deletes a VM; one already gone is done.
func (c *Client) BeginDeleteVM(ctx context.Context, id string) (*Operation[struct{}], error) {
	return begin[struct{}](ctx, c, http.MethodDelete, c.url(id, apiCompute), nil, "deleting virtual machine "+id)
}

// VMChange is what an update changes on a VM; nil leaves a field alone.
type VMChange struct {
	Size *string
	Tags *map[string]string
	// DataDisks is the VM's whole list of data disks after the change.
	DataDisks *[]DataDisk
}

// BeginUpdateVM changes a VM's size, tags or data disks. It reads the VM as the device
// has it and sends it back with the changes, so that fields this client
// does not model are kept.
func (c *Client) BeginUpdateVM(ctx context.Context, id string, change VMChange) (*Operation[VirtualMachine], error) {
	action := "updating virtual machine " + id
	var body map[string]any
	if err := getJSON(ctx, c.session, c.url(id, apiCompute), &body); err != nil {
		return nil, wrap(action, err)
	}
	props, _ := body["properties"].(map[string]any)
	if props == nil {
		return nil, &Error{Action: action, Message: "the device's answer has no properties"}
	}
	delete(props, "instanceView")
	delete(props, "provisioningState")
	delete(body, "resources")
	if change.Size != nil {
		props["hardwareProfile"] = map[string]any{"vmSize": *change.Size}
	}
	if change.Tags != nil {
		body["tags"] = *change.Tags
	}
	if change.DataDisks != nil {
		storage, _ := props["storageProfile"].(map[string]any)
		if storage == nil {
			storage = map[string]any{}
			props["storageProfile"] = storage
		}
		storage["dataDisks"] = *change.DataDisks
	}
	return begin[VirtualMachine](ctx, c, http.MethodPut, c.url(id, apiCompute), body, action)
}

// Disk is a managed disk.
type Disk struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	ManagedBy  string `json:"managedBy,omitempty"`
	Properties struct {
		DiskSizeGB int    `json:"diskSizeGB"`
		DiskState  string `json:"diskState,omitempty"`
	} `json:"properties"`
}

// GetDisk reads a managed disk by ID.
func (c *Client) GetDisk(ctx context.Context, id string) (Disk, error) {
	var k Disk
	err := getJSON(ctx, c.session, c.url(id, apiDisks), &k)
	return k, wrap("reading disk "+id, err)
}

// BeginDeleteDisk deletes a managed disk; one already gone is done.
func (c *Client) BeginDeleteDisk(ctx context.Context, id string) (*Operation[struct{}], error) {
	return begin[struct{}](ctx, c, http.MethodDelete, c.url(id, apiDisks), nil, "deleting disk "+id)
}

// BeginStartVM starts a VM.
func (c *Client) BeginStartVM(ctx context.Context, id string) (*Operation[struct{}], error) {
	return begin[struct{}](ctx, c, http.MethodPost, c.url(id+"/start", apiCompute), nil, "starting virtual machine "+id)
}

// BeginDeallocateVM deallocates a VM.
func (c *Client) BeginDeallocateVM(ctx context.Context, id string) (*Operation[struct{}], error) {
	return begin[struct{}](ctx, c, http.MethodPost, c.url(id+"/deallocate", apiCompute), nil, "deallocating virtual machine "+id)
}

// GetExtension reads a VM extension with its instance view.
func (c *Client) GetExtension(ctx context.Context, id string) (Extension, error) {
	var e Extension
	err := getJSON(ctx, c.session, c.extensionURL(id), &e)
	return e, wrap("reading extension "+id, err)
}

// extensionURL is where an extension is read with its instance view.
func (c *Client) extensionURL(id string) string {
	return c.url(id+"?$expand=instanceView", apiCompute)
}

// ListExtensions lists a VM's extensions.
func (c *Client) ListExtensions(ctx context.Context, vmID string) ([]Extension, error) {
	exts, err := listJSON[Extension](ctx, c.session, c.url(vmID+"/extensions", apiCompute))
	return exts, wrap("listing the extensions of virtual machine "+vmID, err)
}

// BeginPutExtension creates or updates a VM extension. Its operation's
// final read is GetExtension's, with the instance view: when it
// succeeded, Wait yields the extension as GetExtension would, with no
// read after it (see readResultAt). (A device that finished the PUT in
// its first answer has nothing to poll: Wait yields that answer, which
// has no instance view.)
func (c *Client) BeginPutExtension(ctx context.Context, id string, ext Extension) (*Operation[Extension], error) {
	return beginReadingAt[Extension](ctx, c, http.MethodPut, c.url(id, apiCompute), ext, "installing extension "+id, c.extensionURL(id))
}

// BeginDeleteExtension deletes a VM extension; one already gone is done.
func (c *Client) BeginDeleteExtension(ctx context.Context, id string) (*Operation[struct{}], error) {
	return begin[struct{}](ctx, c, http.MethodDelete, c.url(id, apiCompute), nil, "deleting extension "+id)
}
