package mockdevice

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/google/uuid"
)

// Fixture describes a device to start from: its hardware and release, and
// what already runs on it. VMs are placed first, in order; then, when
// Kubernetes is true, the Kubernetes role is configured and claims every
// GPU left free, as the device's rule says [SEED]. It is what -fixture FILE
// reads and what POST /_mock/fixture loads into a running device.
type Fixture struct {
	// Release, GPUs, GPUType and MemoryGiB describe the hardware; empty
	// ones keep the device's (or the defaults).
	Release   string `json:"release,omitempty"`
	GPUs      int    `json:"gpus,omitempty"`
	GPUType   string `json:"gpu_type,omitempty"`
	MemoryGiB int    `json:"memory_gib,omitempty"`
	// Kubernetes configures the Kubernetes role after the VMs are placed.
	Kubernetes bool `json:"kubernetes,omitempty"`
	// ResourceGroups are made beside the device's own (ASERG, ASEImages).
	// A VM's, image's or network's resource group is made when missing.
	ResourceGroups []string         `json:"resource_groups,omitempty"`
	Images         []FixtureImage   `json:"images,omitempty"`
	Networks       []FixtureNetwork `json:"networks,omitempty"`
	VMs            []FixtureVM      `json:"vms,omitempty"`

	// path is the file ReadFixture read it from, for errors.
	path string
}

// what names the fixture in errors: its file when it came from one.
func (f *Fixture) what() string {
	if f.path == "" {
		return "fixture"
	}
	return "fixture " + f.path
}

// FixtureImage is an image a user made from a VHD.
type FixtureImage struct {
	ResourceGroup string `json:"resource_group"`
	Name          string `json:"name"`
	// OSType is Windows or Linux.
	OSType string `json:"os_type"`
	// HyperVGeneration is V1 (the default; GPU VMs take only these) or V2.
	HyperVGeneration string `json:"hyper_v_generation,omitempty"`
}

// FixtureNetwork is a virtual network with its subnets.
type FixtureNetwork struct {
	ResourceGroup string          `json:"resource_group"`
	Name          string          `json:"name"`
	AddressPrefix string          `json:"address_prefix"`
	Subnets       []FixtureSubnet `json:"subnets"`
}

// FixtureSubnet is a subnet of a FixtureNetwork.
type FixtureSubnet struct {
	Name          string `json:"name"`
	AddressPrefix string `json:"address_prefix"`
}

// FixtureVM is a VM that already runs on the device, made outside
// Terraform (in the portal, with PowerShell): it holds its size's GPUs.
type FixtureVM struct {
	ResourceGroup string `json:"resource_group"`
	Name          string `json:"name"`
	Size          string `json:"size"`
	// OSType is Windows or Linux; OS (a catalog OS key such as
	// "ubuntu_18_04") or Image (an image's name or ARM ID) may say more.
	// Without an image the VM uses the device's seeded image of its OS.
	OSType string `json:"os_type,omitempty"`
	OS     string `json:"os,omitempty"`
	Image  string `json:"image,omitempty"`
	// PowerState is running (the default), stopped or deallocated. A
	// stopped or deallocated GPU VM keeps its GPUs, except on the releases
	// whose stopped GPU VMs give them up (2103 to 2205) or with
	// -legacy-deallocate.
	PowerState string `json:"power_state,omitempty"`
	// SubnetID is where its NIC goes; default the compute subnet.
	SubnetID      string `json:"subnet_id,omitempty"`
	AdminUsername string `json:"admin_username,omitempty"`
	// ComputerName is its OS's host name, default Name; compute's rules
	// apply (a Windows one has at most 15 characters).
	ComputerName string `json:"computer_name,omitempty"`
}

// ReadFixture reads a fixture file, refusing fields it does not know (a
// misspelt field would otherwise be silently ignored) and values that
// cannot hold on any device. Placement is checked when it is applied.
func ReadFixture(path string) (*Fixture, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading fixture: %w", err)
	}
	f, err := ParseFixture(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("fixture %s: %w", path, err)
	}
	f.path = path
	return f, nil
}

// ParseFixture decodes and checks a fixture.
func ParseFixture(r io.Reader) (*Fixture, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f Fixture
	if err := dec.Decode(&f); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return nil, fmt.Errorf("%s: %s is not a JSON %s", typeErr.Field, typeErr.Value, typeErr.Type)
		}
		return nil, fmt.Errorf("not a fixture: %w", err)
	}
	// One JSON object: anything after it (a second object, a stray
	// bracket) means the file is not what its author thinks it is.
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("not a fixture: more after the fixture's JSON object")
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	return &f, nil
}

// check refuses what no device could be, naming the field.
func (f *Fixture) check() error {
	if f.Release != "" {
		rel, err := catalog.ParseRelease(f.Release)
		if err != nil {
			return fmt.Errorf("release: %w", err)
		}
		if !rel.IsKnown() {
			return fmt.Errorf("release: %q is not a release this mock knows; known releases: %s",
				f.Release, strings.Join(catalog.KnownReleases(), ", "))
		}
	}
	if f.GPUs != 0 && f.GPUs != 1 && f.GPUs != 2 {
		return fmt.Errorf("gpus: an Azure Stack Edge Pro GPU device has 1 or 2 GPUs, not %d", f.GPUs)
	}
	if f.GPUType != "" {
		if _, ok := catalog.ParseGPUType(f.GPUType); !ok {
			return fmt.Errorf("gpu_type: %q is neither T4 nor A2", f.GPUType)
		}
	}
	if f.MemoryGiB < 0 {
		return fmt.Errorf("memory_gib: %d is negative", f.MemoryGiB)
	}
	for i, g := range f.ResourceGroups {
		if strings.TrimSpace(g) == "" {
			return fmt.Errorf("resource_groups[%d]: a resource group needs a name", i)
		}
		if err := checkFixtureName(fmt.Sprintf("resource_groups[%d]", i), routeResourceGroup, g); err != nil {
			return err
		}
	}
	images := map[string]int{}
	for i, img := range f.Images {
		field := fmt.Sprintf("images[%d]", i)
		if img.ResourceGroup == "" || img.Name == "" {
			return fmt.Errorf("%s: resource_group and name are required", field)
		}
		if err := checkFixtureNames(field, img.ResourceGroup, routeImage, img.Name); err != nil {
			return err
		}
		k := key(img.ResourceGroup + "/" + img.Name)
		if j, dup := images[k]; dup {
			return fmt.Errorf("%s.name: %s/%s is also images[%d]", field, img.ResourceGroup, img.Name, j)
		}
		images[k] = i
		if _, ok := parseOSType(img.OSType); !ok {
			return fmt.Errorf("%s.os_type: %q is neither Windows nor Linux", field, img.OSType)
		}
		if g := img.HyperVGeneration; g != "" && g != "V1" && g != "V2" {
			return fmt.Errorf("%s.hyper_v_generation: %q is neither V1 nor V2", field, g)
		}
	}
	for i, n := range f.Networks {
		if err := n.check(fmt.Sprintf("networks[%d]", i)); err != nil {
			return err
		}
	}
	seen := map[string]int{}
	for i, v := range f.VMs {
		field := fmt.Sprintf("vms[%d]", i)
		if v.ResourceGroup == "" || v.Name == "" {
			return fmt.Errorf("%s: resource_group and name are required", field)
		}
		if err := checkFixtureNames(field, v.ResourceGroup, routeVM, v.Name); err != nil {
			return err
		}
		k := key(v.ResourceGroup + "/" + v.Name)
		if j, dup := seen[k]; dup {
			return fmt.Errorf("%s.name: %s/%s is also vms[%d]", field, v.ResourceGroup, v.Name, j)
		}
		seen[k] = i
		if _, ok := catalog.LookupSize(v.Size); !ok {
			return fmt.Errorf("%s.size: %q is not a VM size of Azure Stack Edge", field, v.Size)
		}
		if v.OSType != "" {
			if _, ok := parseOSType(v.OSType); !ok {
				return fmt.Errorf("%s.os_type: %q is neither Windows nor Linux", field, v.OSType)
			}
		}
		if v.OS != "" {
			os, ok := catalog.LookupOS(v.OS)
			if !ok {
				return fmt.Errorf("%s.os: %q is not one of %s", field, v.OS, strings.Join(catalog.OSKeys(), ", "))
			}
			if t, _ := parseOSType(v.OSType); v.OSType != "" && t != os.Type {
				return fmt.Errorf("%s.os_type: %q contradicts os %q, a %s OS", field, v.OSType, v.OS, os.Type)
			}
		}
		if v.OSType == "" && v.OS == "" && v.Image == "" {
			return fmt.Errorf("%s.os_type: say Windows or Linux (or give os or image)", field)
		}
		switch v.PowerState {
		case "", powerRunning, powerStopped, powerDeallocated:
		default:
			return fmt.Errorf("%s.power_state: %q is not running, stopped or deallocated", field, v.PowerState)
		}
	}
	return nil
}

func (n FixtureNetwork) check(field string) error {
	if n.ResourceGroup == "" || n.Name == "" {
		return fmt.Errorf("%s: resource_group and name are required", field)
	}
	if err := checkFixtureNames(field, n.ResourceGroup, routeVNet, n.Name); err != nil {
		return err
	}
	space, err := netip.ParsePrefix(n.AddressPrefix)
	if err != nil {
		return fmt.Errorf("%s.address_prefix: %q is not a CIDR prefix", field, n.AddressPrefix)
	}
	if len(n.Subnets) == 0 {
		return fmt.Errorf("%s.subnets: a network needs at least one subnet for VMs", field)
	}
	for j, s := range n.Subnets {
		sf := fmt.Sprintf("%s.subnets[%d]", field, j)
		p, err := netip.ParsePrefix(s.AddressPrefix)
		if s.Name == "" {
			return fmt.Errorf("%s.name: a subnet needs a name", sf)
		}
		if err := checkFixtureName(sf+".name", routeSubnet, s.Name); err != nil {
			return err
		}
		if err != nil || !space.Contains(p.Addr()) || p.Bits() < space.Bits() {
			return fmt.Errorf("%s.address_prefix: %q is not a prefix inside %s", sf, s.AddressPrefix, n.AddressPrefix)
		}
	}
	return nil
}

// The routes of nameRules a fixture names resources of.
const (
	routeResourceGroup = "microsoft.resources/resourcegroups"
	routeVM            = "microsoft.compute/virtualmachines"
	routeImage         = "microsoft.compute/images"
	routeVNet          = "microsoft.network/virtualnetworks"
	routeSubnet        = "microsoft.network/virtualnetworks/subnets"
)

// checkFixtureNames checks an item's resource_group and name against ARM's
// naming rules: the device holds nothing ARM would have refused to create.
func checkFixtureNames(field, group, route, name string) error {
	if err := checkFixtureName(field+".resource_group", routeResourceGroup, group); err != nil {
		return err
	}
	return checkFixtureName(field+".name", route, name)
}

// checkFixtureName refuses, naming the field, a name ARM refuses for
// resources of route (nameRules).
func checkFixtureName(field, route, name string) error {
	rule := nameRules[route]
	if why := rule.check(name); why != "" {
		return fmt.Errorf("%s: %q is not a name ARM accepts (%s); it must have %d to %d characters: %s",
			field, truncateName(name), why, rule.min, rule.max, rule.what)
	}
	return nil
}

func parseOSType(s string) (catalog.OSType, bool) {
	switch {
	case strings.EqualFold(s, string(catalog.Windows)):
		return catalog.Windows, true
	case strings.EqualFold(s, string(catalog.Linux)):
		return catalog.Linux, true
	}
	return "", false
}

// applyHardware fills the hardware options the caller left zero from the
// fixture: options (the command's flags) override the file.
func (f *Fixture) applyHardware(o *Options) {
	if f == nil {
		return
	}
	if o.Release.IsZero() && f.Release != "" {
		o.Release, _ = catalog.ParseRelease(f.Release)
	}
	if o.GPUs == 0 {
		o.GPUs = f.GPUs
	}
	if o.GPUType == "" && f.GPUType != "" {
		o.GPUType, _ = catalog.ParseGPUType(f.GPUType)
	}
	if o.MemoryGiB == 0 {
		o.MemoryGiB = f.MemoryGiB
	}
}

// populate puts the fixture's groups, networks, images and VMs on a newly
// seeded world, then configures Kubernetes. The caller holds the lock (or
// owns the device alone). It fails, naming the field, when the fixture
// cannot hold on this device's hardware.
func (d *Device) populate(f *Fixture) error {
	for _, g := range f.ResourceGroups {
		d.ensureGroup(g)
	}
	for i, n := range f.Networks {
		d.ensureGroup(n.ResourceGroup)
		id := d.vnetID(n.ResourceGroup, n.Name)
		if _, taken := d.w.VirtualNetworks[key(id)]; taken {
			return fmt.Errorf("networks[%d].name: the device already has network %s/%s", i, n.ResourceGroup, n.Name)
		}
		vn := &virtualNetwork{ID: id, Name: n.Name, AddressPrefixes: []string{n.AddressPrefix}, ProvisioningState: stateSucceeded}
		for _, s := range n.Subnets {
			vn.Subnets = append(vn.Subnets, &subnet{ID: id + "/subnets/" + s.Name, Name: s.Name, AddressPrefix: s.AddressPrefix})
		}
		d.w.VirtualNetworks[key(id)] = vn
	}
	for _, img := range f.Images {
		d.ensureGroup(img.ResourceGroup)
		t, _ := parseOSType(img.OSType)
		gen := img.HyperVGeneration
		if gen == "" {
			gen = "V1"
		}
		d.putImage(img.ResourceGroup, img.Name, t, gen)
	}
	for i, v := range f.VMs {
		if err := d.placeFixtureVM(v); err != nil {
			return fmt.Errorf("vms[%d].%w", i, err)
		}
	}
	if f.Kubernetes {
		if need := int64(catalog.KubernetesMemoryGiB) * catalog.MiBPerGiB; need > d.w.freeMemoryMiB() {
			return fieldError("kubernetes", "the Kubernetes role takes %s GiB of memory but %s GiB are free after the VMs",
				gibText(need), gibText(d.w.freeMemoryMiB()))
		}
		d.configureKubernetes()
	}
	return nil
}

// ensureGroup makes resource group name unless the device has it.
func (d *Device) ensureGroup(name string) {
	if _, ok := d.w.ResourceGroups[key(name)]; !ok {
		d.addGroup(name)
	}
}

// fieldError is an error about one field of a fixture VM: populate adds
// the VM's index in front.
func fieldError(field, format string, args ...any) error {
	return fmt.Errorf("%s: %s", field, fmt.Sprintf(format, args...))
}

// placeFixtureVM makes a running (or stopped, or deallocated) VM with its
// NIC and OS disk, holding its size's GPUs, as if it had been created
// through ARM.
func (d *Device) placeFixtureVM(fv FixtureVM) error {
	hw := d.w.Hardware
	size, e := d.checkSize(fv.Size)
	if e != nil {
		return fieldError("size", "%s", e.Message)
	}
	img, err := d.fixtureImage(fv)
	if err != nil {
		return err
	}
	if size.IsGPU() && img.HyperVGeneration == "V2" {
		return fieldError("image", "%s is a generation 2 image; GPU VMs take generation 1 images only", img.Name)
	}
	computerName, field := fv.ComputerName, "computer_name"
	if computerName == "" {
		computerName, field = fv.Name, "name"
	}
	if e := checkComputerName(computerName, img.OSType == catalog.Windows); e != nil {
		if field == "name" {
			return fieldError(field, "%s; give the VM a computer_name that compute accepts", e.Message)
		}
		return fieldError(field, "%s", e.Message)
	}
	subnetID := fv.SubnetID
	if subnetID == "" {
		subnetID = d.vnetID(computeResourceGroup, computeVNet) + "/subnets/" + computeSubnet
	}
	sub, ok := d.findSubnet(subnetID)
	if !ok {
		return fieldError("subnet_id", "the device has no subnet %s", subnetID)
	}
	d.ensureGroup(fv.ResourceGroup)
	id := d.vmID(fv.ResourceGroup, fv.Name)
	if _, taken := d.w.VMs[key(id)]; taken {
		return fieldError("name", "the device already has VM %s/%s", fv.ResourceGroup, fv.Name)
	}
	power := fv.PowerState
	if power == "" {
		power = powerRunning
	}
	v := &vm{ID: id, Name: fv.Name, VMGUID: uuid.NewString(), Size: size.Name, ImageID: img.ID, OSType: img.OSType,
		ComputerName: computerName, AdminUsername: fv.AdminUsername, PasswordAuth: true,
		ProvisioningState: stateSucceeded, PowerState: power, Created: d.now()}
	if v.AdminUsername == "" {
		v.AdminUsername = "azureuser"
	}
	// A stopped or deallocated GPU VM keeps its GPUs, but on the releases
	// (or with -legacy-deallocate) whose stopped GPU VMs give them up, as
	// one stopped through ARM does [RN-STOPPED-GPU].
	holds := (power != powerDeallocated && power != powerStopped) || !hw.stoppedGPUVMsLoseGPUs()
	if holds && !d.w.claimGPUs(v, size) {
		return fieldError("size", "%s needs %d GPU(s) but %d of the device's %d are free after the VMs before it; a GPU serves one VM only",
			size.Name, size.GPUs, d.w.freeGPUs(), hw.GPUs)
	}
	// A VM that runs or is stopped holds its size's memory: the device
	// could not have started it without (see memory.go).
	if need := memoryOf(v); need > d.w.freeMemoryMiB() {
		return fieldError("size", "%s needs %s GiB of memory but %s of the %s GiB the device gives VMs are free after the VMs before it",
			size.Name, gibText(need), gibText(d.w.freeMemoryMiB()), gibText(d.w.memoryForVMsMiB()))
	}
	prefix, _ := netip.ParsePrefix(sub.AddressPrefix)
	ip, ok := d.leaseAddress(sub, prefix)
	if !ok {
		return fieldError("subnet_id", "subnet %s has no free address left", sub.Name)
	}
	nicID := d.nicID(fv.ResourceGroup, fv.Name+"-nic")
	if _, taken := d.w.NICs[key(nicID)]; taken {
		return fieldError("name", "the device already has network interface %s-nic", fv.Name)
	}
	d.w.NICs[key(nicID)] = &nic{ID: nicID, Name: fv.Name + "-nic", SubnetID: sub.ID, Allocation: "Dynamic", PrivateIP: ip,
		MAC: fmt.Sprintf("001DD8B7%04X", d.w.nextCounter()&0xffff), VMID: id, ResourceGUID: uuid.NewString(), ProvisioningState: stateSucceeded}
	v.NICIDs = []string{nicID}
	v.DiskID = d.attachOSDisk(v, nil, nil)
	d.w.VMs[key(id)] = v
	return nil
}

// fixtureImage is the image a fixture VM was made from.
func (d *Device) fixtureImage(fv FixtureVM) (*image, error) {
	if fv.Image != "" {
		for _, img := range sortedByID(d.w.Images) {
			if strings.EqualFold(img.ID, fv.Image) || strings.EqualFold(img.Name, fv.Image) {
				if t, ok := parseOSType(fv.OSType); ok && t != img.OSType {
					return nil, fieldError("os_type", "%q contradicts image %s, a %s image", fv.OSType, img.Name, img.OSType)
				}
				return img, nil
			}
		}
		return nil, fieldError("image", "the device has no image %q (give it under images)", fv.Image)
	}
	osKey := fv.OS
	if osKey == "" {
		// The first OS of the catalog of that type with a GPU driver:
		// Windows Server 2019 or Ubuntu 18.04.
		t, _ := parseOSType(fv.OSType)
		for _, os := range catalog.AllOS() {
			if os.Type == t && os.GPUDriver {
				osKey = os.Key
				break
			}
		}
	}
	img, ok := d.w.Images[key(d.imageID(ImageResourceGroup, ImageName(osKey)))]
	if !ok {
		return nil, fieldError("os", "the device has no seeded image of %q", osKey)
	}
	return img, nil
}

// LoadFixture replaces everything on the running device with a new device
// described by f: hardware the fixture leaves out is the device's as its
// options (flags) and the defaults give it, not an earlier fixture's. The
// endpoint, its certificate, passwords and tokens stay valid. On error the
// device is left as it was.
func (d *Device) LoadFixture(f *Fixture) error {
	if err := f.check(); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	hw := d.w.Hardware
	hw.Release, hw.GPUs, hw.GPUType, hw.MemoryGiB = d.started.Release, d.started.GPUs, d.started.GPUType, d.started.MemoryGiB
	o := Options{}
	f.applyHardware(&o)
	if !o.Release.IsZero() {
		hw.Release = o.Release
	}
	if o.GPUs != 0 {
		hw.GPUs = o.GPUs
	}
	if o.GPUType != "" {
		hw.GPUType = o.GPUType
	}
	if o.MemoryGiB != 0 {
		hw.MemoryGiB = o.MemoryGiB
	}
	old := d.w
	d.w = newWorld(hw)
	d.seed()
	if err := d.populate(f); err != nil {
		d.w = old
		return err
	}
	d.opts.Release, d.opts.GPUs, d.opts.GPUType, d.opts.MemoryGiB = hw.Release, hw.GPUs, hw.GPUType, hw.MemoryGiB
	d.dirty = true
	return d.saveLocked()
}

// Hardware is what the device is, as a fixture or the options made it.
type Hardware struct {
	GPUs      int
	GPUType   catalog.GPUType
	Release   catalog.Release
	MemoryGiB int
}

// Hardware reports what the device is now.
func (d *Device) Hardware() Hardware {
	d.mu.Lock()
	defer d.mu.Unlock()
	hw := d.w.Hardware
	return Hardware{GPUs: hw.GPUs, GPUType: hw.GPUType, Release: hw.Release, MemoryGiB: d.opts.MemoryGiB}
}
