package mockdevice

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/google/uuid"
)

func init() {
	register("Microsoft.Compute/virtualMachines", (*Device).serveVMs)
	register("Microsoft.Compute/virtualMachines/instanceView", (*Device).serveVMInstanceView)
	for _, action := range []string{"start", "deallocate", "powerOff", "restart"} {
		register("Microsoft.Compute/virtualMachines/"+action, (*Device).serveVMAction)
	}
	register("Microsoft.Compute/locations/operations", (*Device).serveOperation)
	register("Microsoft.Compute/locations/operationResults", (*Device).serveOperation)
}

// insufficientGPUs is the device's message when a GPU VM cannot get its
// GPUs [PROV-TS].
const insufficientGPUs = "Insufficient number of GPUs to create GPU VM"

// windowsComputerNameMax is the longest Windows computer name (NetBIOS).
const windowsComputerNameMax = 15

func (d *Device) vmID(rg, name string) string {
	return d.resourceID(rg, "Microsoft.Compute/virtualMachines", name)
}

var powerDisplay = map[string]string{
	powerRunning: "VM running", powerStopped: "VM stopped", powerDeallocated: "VM deallocated",
	powerStarting: "VM starting", powerStopping: "VM stopping", powerDeallocating: "VM deallocating",
}

// instanceView is the VM's run-time state: provisioning and power statuses
// and its extensions' statuses.
func (d *Device) instanceView(v *vm) map[string]any {
	prov := map[string]any{"code": "ProvisioningState/" + strings.ToLower(v.ProvisioningState), "level": "Info",
		"displayStatus": "Provisioning " + strings.ToLower(v.ProvisioningState)}
	if v.ProvisioningState == stateFailed && v.LastError != nil {
		prov["code"] = "ProvisioningState/failed/" + v.LastError.Code
		prov["level"] = "Error"
		prov["message"] = v.LastError.Message
	}
	statuses := []any{prov}
	if v.PowerState != "" {
		statuses = append(statuses, map[string]any{"code": "PowerState/" + v.PowerState, "level": "Info", "displayStatus": powerDisplay[v.PowerState]})
	}
	var exts []any
	for _, e := range d.extensionsOf(v) {
		exts = append(exts, e.instanceView())
	}
	return map[string]any{"computerName": v.ComputerName, "statuses": statuses, "extensions": nonNil(exts)}
}

func (d *Device) vmBody(v *vm, withInstanceView bool) map[string]any {
	osProfile := map[string]any{
		"computerName": v.ComputerName, "adminUsername": v.AdminUsername, "secrets": []any{}, "allowExtensionOperations": true,
	}
	if v.OSType == catalog.Windows {
		osProfile["windowsConfiguration"] = map[string]any{"provisionVMAgent": true, "enableAutomaticUpdates": true}
	} else {
		keys := []any{}
		for _, k := range v.SSHKeys {
			keys = append(keys, map[string]any{"path": k.Path, "keyData": k.KeyData})
		}
		osProfile["linuxConfiguration"] = map[string]any{"disablePasswordAuthentication": !v.PasswordAuth, "ssh": map[string]any{"publicKeys": keys}}
	}
	var nics []any
	for i, id := range v.NICIDs {
		nics = append(nics, map[string]any{"id": id, "properties": map[string]any{"primary": i == 0}})
	}
	diskName, diskID, diskSKU := v.Name+"_OsDisk", v.DiskID, "Standard_LRS"
	if k, ok := d.w.Disks[key(v.DiskID)]; ok {
		diskName = k.Name
		if k.SKU != "" {
			diskSKU = k.SKU
		}
	}
	props := map[string]any{
		"vmId":            v.VMGUID,
		"hardwareProfile": map[string]any{"vmSize": v.Size},
		"storageProfile": map[string]any{
			"imageReference": map[string]any{"id": v.ImageID},
			"osDisk": map[string]any{
				"osType": v.OSType, "name": diskName, "createOption": createFromImage, "caching": osDiskCaching,
				"managedDisk": map[string]any{"storageAccountType": diskSKU, "id": diskID},
			},
			"dataDisks": d.dataDisksBody(v),
		},
		"osProfile":         osProfile,
		"networkProfile":    map[string]any{"networkInterfaces": nonNil(nics)},
		"provisioningState": v.ProvisioningState,
	}
	if withInstanceView {
		props["instanceView"] = d.instanceView(v)
	}
	body := map[string]any{
		"id": v.ID, "name": v.Name, "type": "Microsoft.Compute/virtualMachines", "location": location,
		"tags": tagsOrEmpty(v.Tags), "properties": props,
	}
	if exts := d.extensionsOf(v); len(exts) > 0 {
		var res []any
		for _, e := range exts {
			res = append(res, e.body(false))
		}
		body["resources"] = res
	}
	return body
}

func wantsInstanceView(r *http.Request) bool {
	return strings.EqualFold(r.URL.Query().Get("$expand"), "instanceView")
}

func (d *Device) serveVMs(w http.ResponseWriter, r *http.Request, p armPath) {
	if p.isCollection() {
		listIn(w, r, p, sortedVMs(d.w), func(v *vm) map[string]any { return d.vmListEntry(r, p, v) })
		return
	}
	id := d.vmID(p.ResourceGroup, p.name())
	v, exists := d.w.VMs[key(id)]
	switch r.Method {
	case http.MethodGet:
		if !exists {
			writeError(w, notFound("Microsoft.Compute/virtualMachines", p.name()))
			return
		}
		writeJSON(w, http.StatusOK, d.vmBodyAt(r, v, wantsInstanceView(r)))
	case http.MethodPut:
		var body vmRequest
		if e := decodeModelled(r, &body, vmShape); e != nil {
			writeError(w, e)
			return
		}
		var e *statusError
		if !exists || (v.ProvisioningState == stateFailed && v.PowerState == "" && v.Operation == "") {
			e = d.createVM(w, r, p, id, body, v)
		} else {
			e = d.updateVM(w, r, p, v, body)
		}
		if e != nil {
			writeError(w, e)
		}
	case http.MethodDelete:
		if !exists {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if v.ProvisioningState == stateDeleting {
			d.acceptOperation(w, r, p.Subscription, d.w.Operations[v.Operation])
			w.WriteHeader(http.StatusAccepted)
			return
		}
		d.cancel(d.running(v.Operation))
		d.beginVMOperation(w, r, p, v, opVMDelete, stateDeleting, v.PowerState)
		w.WriteHeader(http.StatusAccepted)
	default:
		methodNotAllowed(w, r)
	}
}

// vmRequest is the part of a VM PUT body the device reads.
type vmRequest struct {
	Location   string            `json:"location"`
	Tags       map[string]string `json:"tags"`
	Properties struct {
		HardwareProfile struct {
			VMSize string `json:"vmSize"`
		} `json:"hardwareProfile"`
		StorageProfile struct {
			ImageReference *struct {
				ID string `json:"id"`
			} `json:"imageReference"`
			OSDisk *osDiskRequest `json:"osDisk"`
			// DataDisks is nil when the request leaves data disks as they are.
			DataDisks *[]dataDiskRequest `json:"dataDisks"`
		} `json:"storageProfile"`
		OSProfile *struct {
			ComputerName       string `json:"computerName"`
			AdminUsername      string `json:"adminUsername"`
			AdminPassword      string `json:"adminPassword"`
			CustomData         string `json:"customData"`
			LinuxConfiguration *struct {
				DisablePasswordAuthentication *bool `json:"disablePasswordAuthentication"`
				SSH                           *struct {
					PublicKeys []sshKey `json:"publicKeys"`
				} `json:"ssh"`
			} `json:"linuxConfiguration"`
		} `json:"osProfile"`
		NetworkProfile struct {
			NetworkInterfaces []nicReference `json:"networkInterfaces"`
		} `json:"networkProfile"`
	} `json:"properties"`
}

// checkSize applies the device's size rules: the release offers the size,
// and a GPU size matches the device's GPU type [SIZES].
func (d *Device) checkSize(name string) (catalog.Size, *statusError) {
	hw := d.w.Hardware
	size, ok := catalog.LookupSize(name)
	if !ok || !size.AvailableIn(hw.Release) {
		return size, badRequest("SkuNotAvailable", fmt.Sprintf(
			"The requested VM size '%s' is not available on this device (release %s). GPU sizes available: %s.",
			name, hw.Release, strings.Join(catalog.GPUSizeNames(hw.Release, hw.GPUType), ", ")))
	}
	if size.IsGPU() && size.GPUType != hw.GPUType {
		return size, badRequest("SkuNotAvailable", fmt.Sprintf(
			"The requested VM size '%s' needs an NVIDIA %s GPU, but this device has %s GPUs. GPU sizes available: %s.",
			size.Name, size.GPUType, hw.GPUType, strings.Join(catalog.GPUSizeNames(hw.Release, hw.GPUType), ", ")))
	}
	return size, nil
}

// createVM provisions a VM, or provisions again one whose creation failed.
func (d *Device) createVM(w http.ResponseWriter, r *http.Request, p armPath, id string, body vmRequest, prev *vm) *statusError {
	if e := checkLocation(body.Location); e != nil {
		return e
	}
	size, e := d.checkSize(body.Properties.HardwareProfile.VMSize)
	if e != nil {
		return e
	}
	props := body.Properties
	if props.StorageProfile.ImageReference == nil || props.StorageProfile.ImageReference.ID == "" {
		return badRequest("InvalidParameter", "Required parameter 'storageProfile.imageReference.id' is missing (null).")
	}
	img, ok := d.w.Images[key(props.StorageProfile.ImageReference.ID)]
	if !ok {
		return newError(http.StatusNotFound, "NotFound", "The Image '"+props.StorageProfile.ImageReference.ID+"' cannot be found in '"+location+"' region.")
	}
	if e := checkOSDisk(props.StorageProfile.OSDisk, img, ""); e != nil {
		return e
	}
	if size.IsGPU() && img.HyperVGeneration == "V2" {
		return badRequest("InvalidParameter", "The image '"+img.Name+"' is a generation 2 image; GPU VMs take generation 1 images only.")
	}
	os := props.OSProfile
	if os == nil || os.AdminUsername == "" {
		return badRequest("InvalidParameter", "Required parameter 'osProfile.adminUsername' is missing (null).")
	}
	v := &vm{ID: id, Name: p.name(), VMGUID: uuid.NewString(), Tags: body.Tags, Size: size.Name, ImageID: img.ID,
		OSType: img.OSType, ComputerName: os.ComputerName, AdminUsername: os.AdminUsername, Created: d.now()}
	if prev != nil {
		v.ID, v.Name, v.VMGUID, v.Created = prev.ID, prev.Name, prev.VMGUID, prev.Created
	}
	if e := checkCustomData(os.CustomData); e != nil {
		return e
	}
	v.CustomData = os.CustomData
	if v.ComputerName == "" {
		v.ComputerName = v.Name
	}
	v.AdminPasswordDigest = adminPasswordDigest(v.VMGUID, os.AdminPassword)
	if e := checkComputerName(v.ComputerName, img.OSType == catalog.Windows); e != nil {
		return e
	}
	if img.OSType == catalog.Windows {
		if os.AdminPassword == "" {
			return badRequest("InvalidParameter", "Required parameter 'adminPassword' is missing (null).")
		}
		v.PasswordAuth = true
	} else {
		if os.LinuxConfiguration != nil && os.LinuxConfiguration.SSH != nil {
			v.SSHKeys = os.LinuxConfiguration.SSH.PublicKeys
		}
		v.PasswordAuth = os.AdminPassword != ""
		if !v.PasswordAuth && len(v.SSHKeys) == 0 {
			return badRequest("InvalidParameter", "Authentication using either SSH or by user name and password must be enabled in Linux profile.")
		}
	}
	if len(props.NetworkProfile.NetworkInterfaces) == 0 {
		return badRequest("InvalidParameter", "The virtual machine needs at least one network interface in networkProfile.networkInterfaces.")
	}
	if e := checkPrimaryNIC(props.NetworkProfile.NetworkInterfaces); e != nil {
		return e
	}
	for _, ref := range props.NetworkProfile.NetworkInterfaces {
		n, ok := d.w.NICs[key(ref.ID)]
		if !ok {
			return newError(http.StatusNotFound, "NotFound", "Resource "+ref.ID+" not found.")
		}
		if n.VMID != "" && !strings.EqualFold(n.VMID, v.ID) {
			return badRequest("NicInUse", "Network interface "+n.ID+" is used by virtual machine "+n.VMID+".")
		}
		v.NICIDs = append(v.NICIDs, n.ID)
	}
	if max := size.MaxNICsOn(imageOS(img), d.w.Hardware.Release); len(v.NICIDs) > max {
		return badRequest("InvalidParameter", fmt.Sprintf("The VM size %s takes at most %d network interfaces.", size.Name, max))
	}
	var dataDisks []dataDiskRequest
	if props.StorageProfile.DataDisks != nil {
		dataDisks = *props.StorageProfile.DataDisks
	}
	if prev != nil {
		v.DataDisks, v.DiskID = prev.DataDisks, prev.DiskID
	}
	if e := d.checkOSDiskNameFree(prev, props.StorageProfile.OSDisk, p.ResourceGroup); e != nil {
		return e
	}
	plan, e := d.planDataDisks(v, dataDisks, size, p.ResourceGroup)
	if e != nil {
		return e
	}
	for _, nicID := range v.NICIDs {
		d.w.NICs[key(nicID)].VMID = v.ID
	}
	v.DiskID = d.attachOSDisk(v, prev, props.StorageProfile.OSDisk)
	plan.apply(d, v)
	memoryFits := d.w.fitsMemory(v, size)
	d.w.VMs[key(v.ID)] = v
	status := http.StatusCreated
	if prev != nil {
		status = http.StatusOK
	}
	op := d.beginVMOperation(w, r, p, v, opVMCreate, stateCreating, powerStarting)
	if !d.w.claimGPUs(v, size) {
		op.fail(http.StatusConflict, "AllocationFailed", fmt.Sprintf("%s: the size %s needs %d GPU(s); %d of the device's %d are free.",
			insufficientGPUs, size.Name, size.GPUs, d.w.freeGPUs(), d.w.Hardware.GPUs))
	} else if !memoryFits {
		op.fail(http.StatusConflict, "AllocationFailed", d.w.memoryShortage(size, memoryOf(v)))
	}
	op.Claimed = v.GPUs
	writeJSON(w, status, d.vmBodyAt(r, v, false))
	return nil
}

// updateVM applies a PUT to an existing VM: tags, and size as the device
// allows it.
func (d *Device) updateVM(w http.ResponseWriter, r *http.Request, p armPath, v *vm, body vmRequest) *statusError {
	props := body.Properties
	newSize := props.HardwareProfile.VMSize
	if newSize == "" {
		newSize = v.Size
	}
	if op := d.running(v.Operation); op != nil {
		// A repeated PUT of what is under way (a client retrying) joins it.
		sameSize := strings.EqualFold(newSize, v.Size) || strings.EqualFold(newSize, op.Size)
		if sameSize && !d.changesAttachments(v, body) {
			d.acceptOperation(w, r, p.Subscription, op)
			writeJSON(w, http.StatusOK, d.vmBodyAt(r, v, false))
			return nil
		}
		return conflict("OperationNotAllowed", "Operation '"+op.Kind+"' on virtual machine '"+v.Name+"' is in progress; retry when it ends.")
	}
	if e := checkLocation(body.Location); e != nil {
		return e
	}
	if ref := props.StorageProfile.ImageReference; ref != nil && ref.ID != "" && !strings.EqualFold(ref.ID, v.ImageID) {
		return conflict("PropertyChangeNotAllowed", "Changing property 'imageReference' is not allowed.")
	}
	if e := checkOSDisk(props.StorageProfile.OSDisk, nil, v.DiskID); e != nil {
		return e
	}
	if os := props.OSProfile; os != nil {
		if os.ComputerName != "" && !strings.EqualFold(os.ComputerName, v.ComputerName) {
			return conflict("PropertyChangeNotAllowed", "Changing property 'computerName' is not allowed.")
		}
		if os.AdminUsername != "" && os.AdminUsername != v.AdminUsername {
			return conflict("PropertyChangeNotAllowed", "Changing property 'adminUsername' is not allowed.")
		}
		if os.CustomData != "" && os.CustomData != v.CustomData {
			return conflict("PropertyChangeNotAllowed", "Changing property 'customData' is not allowed.")
		}
	}
	oldSize, _ := catalog.LookupSize(v.Size)
	size, e := d.checkSize(newSize)
	if e != nil {
		return e
	}
	resize := !strings.EqualFold(size.Name, v.Size)
	if resize && (size.IsGPU() || oldSize.IsGPU()) && v.PowerState != powerDeallocated {
		// Assumed: the device re-plans GPU placement only for a stopped VM.
		return conflict("OperationNotAllowed", "Resizing a GPU virtual machine requires it to be deallocated first: deallocate, resize, then start it.")
	}
	if e := checkPrimaryNIC(props.NetworkProfile.NetworkInterfaces); e != nil {
		return e
	}
	var nicRefs []string
	for _, ref := range props.NetworkProfile.NetworkInterfaces {
		nicRefs = append(nicRefs, ref.ID)
	}
	nics, e := d.planNICChange(v, nicRefs, size)
	if e != nil {
		return e
	}
	plan, e := d.planVMDataDisks(v, props.StorageProfile.DataDisks, size, p.ResourceGroup)
	if e != nil {
		return e
	}
	nics.apply(v)
	plan.apply(d, v)
	v.Tags = body.Tags
	memoryFits := !resize || memoryOf(v) == 0 || d.w.fitsMemory(v, size)
	op := d.beginVMOperation(w, r, p, v, opVMUpdate, stateUpdating, v.PowerState)
	op.Size = size.Name
	holds := (v.PowerState != powerDeallocated && v.PowerState != powerStopped) || !d.w.Hardware.stoppedGPUVMsLoseGPUs()
	if resize && holds {
		before := v.GPUs
		if !d.w.claimGPUs(v, size) {
			op.fail(http.StatusConflict, "AllocationFailed", fmt.Sprintf("Insufficient number of GPUs to resize GPU VM: the size %s needs %d GPU(s); %d of the device's %d are free.",
				size.Name, size.GPUs, d.w.freeGPUs()+v.GPUs, d.w.Hardware.GPUs))
		}
		op.Claimed = v.GPUs - before
	}
	if !memoryFits && op.EndStatus != opFailed {
		op.fail(http.StatusConflict, "AllocationFailed", d.w.memoryShortage(size, memoryOf(v)))
	}
	writeJSON(w, http.StatusOK, d.vmBodyAt(r, v, false))
	return nil
}

// beginVMOperation starts a device operation on v and writes its
// Azure-AsyncOperation (and for DELETE and POST, Location) headers.
func (d *Device) beginVMOperation(w http.ResponseWriter, r *http.Request, p armPath, v *vm, kind, state, power string) *operation {
	op := d.startOperation(kind, "Microsoft.Compute", v.ID, d.opts.OpDelay)
	op.PowerBefore = v.PowerState
	v.Operation, v.ProvisioningState, v.PowerState, v.LastError = op.Name, state, power, nil
	d.acceptOperation(w, r, p.Subscription, op)
	return op
}

func (d *Device) serveVMInstanceView(w http.ResponseWriter, r *http.Request, p armPath) {
	v, ok := d.w.VMs[key(d.vmID(p.ResourceGroup, p.Names[0]))]
	if !ok {
		writeError(w, notFound("Microsoft.Compute/virtualMachines", p.Names[0]))
		return
	}
	if r.Method != http.MethodGet {
		methodNotAllowed(w, r)
		return
	}
	writeJSON(w, http.StatusOK, d.instanceView(v))
}

// serveVMAction runs POST start, deallocate, powerOff and restart.
func (d *Device) serveVMAction(w http.ResponseWriter, r *http.Request, p armPath) {
	if r.Method != http.MethodPost {
		methodNotAllowed(w, r)
		return
	}
	v, ok := d.w.VMs[key(d.vmID(p.ResourceGroup, p.Names[0]))]
	if !ok {
		writeError(w, notFound("Microsoft.Compute/virtualMachines", p.Names[0]))
		return
	}
	action := strings.ToLower(p.Types[len(p.Types)-1])
	if op := d.running(v.Operation); op != nil {
		writeError(w, conflict("OperationNotAllowed", "Operation '"+op.Kind+"' on virtual machine '"+v.Name+"' is in progress; retry when it ends."))
		return
	}
	if v.PowerState == "" {
		writeError(w, conflict("OperationNotAllowed", "Virtual machine '"+v.Name+"' failed to provision and cannot be "+action+"ed; delete it or provision it again."))
		return
	}
	if action == "restart" && v.PowerState != powerRunning {
		writeError(w, conflict("OperationNotAllowed", "Virtual machine '"+v.Name+"' is not running and cannot be restarted; start it."))
		return
	}
	switch action {
	case "start":
		size, _ := catalog.LookupSize(v.Size)
		memoryFits := d.w.fitsMemory(v, size)
		op := d.beginVMOperation(w, r, p, v, opVMStart, stateUpdating, powerStarting)
		before := v.GPUs
		if !d.w.claimGPUs(v, size) {
			op.fail(http.StatusConflict, "AllocationFailed", fmt.Sprintf("Insufficient number of GPUs to start GPU VM: the size %s needs %d GPU(s); %d of the device's %d are free.",
				size.Name, size.GPUs, d.w.freeGPUs(), d.w.Hardware.GPUs))
		} else if !memoryFits {
			op.fail(http.StatusConflict, "AllocationFailed", d.w.memoryShortage(size, memoryOf(v)))
		}
		op.Claimed = v.GPUs - before
	case "deallocate":
		d.beginVMOperation(w, r, p, v, opVMDeallocate, stateUpdating, powerDeallocating)
	case "poweroff":
		d.beginVMOperation(w, r, p, v, opVMPowerOff, stateUpdating, powerStopping)
	case "restart":
		d.beginVMOperation(w, r, p, v, opVMRestart, stateUpdating, powerStarting)
	}
	w.WriteHeader(http.StatusAccepted)
}

// finishVM applies an ended VM operation.
func (d *Device) finishVM(op *operation) {
	v, ok := d.w.VMs[key(op.ResourceID)]
	if !ok {
		return
	}
	v.Operation = ""
	ok = op.Status == opSucceeded
	if !ok {
		v.LastError = op.Error
	}
	switch op.Kind {
	case opVMCreate:
		if ok {
			v.ProvisioningState, v.PowerState = stateSucceeded, powerRunning
			return
		}
		// The device keeps a VM whose creation failed, holding nothing [PROV-TS].
		v.ProvisioningState, v.PowerState = stateFailed, ""
		d.w.releaseGPUs(v, false)
	case opVMUpdate:
		if !ok {
			v.GPUs -= op.Claimed
			v.ProvisioningState = stateFailed
			return
		}
		v.Size = op.Size
		if size, _ := catalog.LookupSize(v.Size); v.GPUs > size.GPUs {
			v.GPUs = size.GPUs
		}
		v.ProvisioningState = stateSucceeded
	case opVMDelete:
		if !ok {
			v.ProvisioningState = stateFailed
			return
		}
		d.removeVM(v)
	case opVMStart, opVMRestart:
		if !ok {
			// The VM stays as it was: stopped or deallocated for a start,
			// running for a restart.
			v.GPUs -= op.Claimed
			v.ProvisioningState, v.PowerState = stateSucceeded, op.PowerBefore
			return
		}
		v.ProvisioningState, v.PowerState = stateSucceeded, powerRunning
	case opVMDeallocate:
		v.ProvisioningState, v.PowerState = stateSucceeded, powerDeallocated
		if d.w.Hardware.stoppedGPUVMsLoseGPUs() {
			d.w.releaseGPUs(v, true)
		}
	case opVMPowerOff:
		v.ProvisioningState, v.PowerState = stateSucceeded, powerStopped
		if d.w.Hardware.stoppedGPUVMsLoseGPUs() {
			d.w.releaseGPUs(v, true)
		}
	}
}

// attachOSDisk makes the VM's OS disk (or keeps the one of the VM it
// provisions again) and returns its ID. The request may name it and choose
// its SKU.
func (d *Device) attachOSDisk(v *vm, prev *vm, req *osDiskRequest) string {
	if prev != nil && prev.DiskID != "" {
		if k, ok := d.w.Disks[key(prev.DiskID)]; ok {
			k.VMID = v.ID
			return k.ID
		}
	}
	name, sku := osDiskName(v.Name), ""
	if req != nil && req.Name != "" {
		name = req.Name
	}
	if req != nil && req.ManagedDisk != nil {
		sku = canonical(req.ManagedDisk.StorageAccountType, diskSKUs)
	}
	id := strings.Replace(v.ID, "/virtualMachines/"+v.Name, "/disks/"+name, 1)
	d.w.Disks[key(id)] = &disk{ID: id, Name: name, OSType: v.OSType, VMID: v.ID, SizeGB: 30, SKU: sku, Created: d.now()}
	return id
}

// removeVM deletes a VM with its extensions, freeing its GPUs and NICs and
// leaving its OS disk detached (all of which stay, as in ARM).
func (d *Device) removeVM(v *vm) {
	if k, ok := d.w.Disks[key(v.DiskID)]; ok && strings.EqualFold(k.VMID, v.ID) {
		k.VMID = ""
	}
	d.detachDataDisks(v)
	for _, e := range d.extensionsOf(v) {
		delete(d.w.Extensions, key(e.ID))
	}
	for _, id := range v.NICIDs {
		if n, ok := d.w.NICs[key(id)]; ok && strings.EqualFold(n.VMID, v.ID) {
			n.VMID = ""
		}
	}
	delete(d.w.VMs, key(v.ID))
}
