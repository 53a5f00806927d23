package mockdevice

import (
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// Names of what enabling compute on a port creates [TPL]. Newer releases
// name them after the vSwitch; clients should discover rather than assume.
const (
	computeResourceGroup = "ASERG"
	computeVNet          = "ASEVNET"
	computeSubnet        = "ASEVNETsubNet"
	computeAddressPrefix = "10.57.48.0/21"
	// ImageResourceGroup holds one seeded image per OS of the catalog.
	ImageResourceGroup = "ASEImages"
)

// ImageName is the name of the seeded image of an OS key:
// "ubuntu_18_04" -> "ubuntu-18-04".
func ImageName(osKey string) string { return strings.ReplaceAll(osKey, "_", "-") }

// seed makes what a new device has: the compute network and, standing in
// for images a user would make from VHDs, one Gen1 image per catalog OS.
func (d *Device) seed() {
	sub := d.w.Hardware.SubscriptionID
	for _, rg := range []string{computeResourceGroup, ImageResourceGroup} {
		d.w.ResourceGroups[key(rg)] = &resourceGroup{ID: "/subscriptions/" + sub + "/resourceGroups/" + rg, Name: rg}
	}
	vnetID := d.vnetID(computeResourceGroup, computeVNet)
	d.w.VirtualNetworks[key(vnetID)] = &virtualNetwork{
		ID: vnetID, Name: computeVNet, AddressPrefixes: []string{computeAddressPrefix}, ProvisioningState: stateSucceeded,
		Subnets: []*subnet{{ID: vnetID + "/subnets/" + computeSubnet, Name: computeSubnet, AddressPrefix: computeAddressPrefix}},
	}
	for _, os := range catalog.AllOS() {
		id := d.imageID(ImageResourceGroup, ImageName(os.Key))
		d.w.Images[key(id)] = &image{
			ID: id, Name: ImageName(os.Key), OSType: os.Type, OSKey: os.Key, HyperVGeneration: "V1",
			BlobURI: "https://aseimages.blob." + d.w.Hardware.DeviceName + "." + d.w.Hardware.DNSDomain + "/vhds/" + ImageName(os.Key) + ".vhd",
		}
	}
}

// AddImage adds an image to the device, as a user would make one from a
// VHD, and returns its ID. generation is "V1" or "V2".
func (d *Device) AddImage(group, name string, osType catalog.OSType, generation string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.w.ResourceGroups[key(group)]; !ok {
		d.addGroup(group)
	}
	id := d.putImage(group, name, osType, generation)
	d.dirty = true
	_ = d.saveLocked()
	return id
}

// putImage records an image in an existing resource group; the caller
// holds the lock.
func (d *Device) putImage(group, name string, osType catalog.OSType, generation string) string {
	id := d.imageID(group, name)
	d.w.Images[key(id)] = &image{ID: id, Name: name, OSType: osType, HyperVGeneration: generation,
		BlobURI: "https://aseimages.blob." + d.w.Hardware.DeviceName + "." + d.w.Hardware.DNSDomain + "/vhds/" + name + ".vhd"}
	return id
}
