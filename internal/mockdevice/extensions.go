package mockdevice

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

func init() {
	register("Microsoft.Compute/virtualMachines/extensions", (*Device).serveExtensions)
}

// Status messages of the GPU driver extension [EXT, EXT-TS].
const (
	extensionSucceeded = "Enable Extension"
	noInternetDetail   = "Extension provisioning failed during extension installation or while in the Enable state: " +
		"the NVIDIA driver download failed because the VM's compute network port has no internet access"
)

// extensionFailure is how the device reports a failed extension, as Azure
// does: VMExtensionProvisioningError with this message [EXT-TS; Assumed].
func extensionFailure(e *extension, detail string) string {
	return fmt.Sprintf("VM has reported a failure when processing extension '%s' (publisher '%s' and type '%s'). Error message: '%s'.",
		e.Name, e.Publisher, e.Type, detail)
}

func (d *Device) extensionsOf(v *vm) []*extension {
	var out []*extension
	for _, e := range sortedByID(d.w.Extensions) {
		if strings.EqualFold(e.VMID, v.ID) {
			out = append(out, e)
		}
	}
	return out
}

func (e *extension) instanceView() map[string]any {
	status := map[string]any{
		"code":          "ProvisioningState/" + strings.ToLower(e.ProvisioningState),
		"level":         "Info",
		"displayStatus": "Provisioning " + strings.ToLower(e.ProvisioningState),
	}
	if e.StatusMessage != "" {
		status["message"] = e.StatusMessage
	}
	if e.ProvisioningState == stateFailed {
		status["level"] = "Error"
	}
	return map[string]any{"name": e.Name, "type": e.Publisher + "." + e.Type, "typeHandlerVersion": e.HandlerVersion, "statuses": []any{status}}
}

func (e *extension) body(withInstanceView bool) map[string]any {
	props := map[string]any{
		"publisher": e.Publisher, "type": e.Type, "typeHandlerVersion": e.HandlerVersion,
		"autoUpgradeMinorVersion": e.AutoUpgrade, "provisioningState": e.ProvisioningState,
	}
	if len(e.Settings) > 0 {
		props["settings"] = e.Settings
	}
	if withInstanceView {
		props["instanceView"] = e.instanceView()
	}
	return map[string]any{
		"id": e.ID, "name": e.Name, "type": "Microsoft.Compute/virtualMachines/extensions", "location": location,
		"tags": tagsOrEmpty(e.Tags), "properties": props,
	}
}

type extensionRequest struct {
	Location   string            `json:"location"`
	Tags       map[string]string `json:"tags"`
	Properties struct {
		Publisher          string          `json:"publisher"`
		Type               string          `json:"type"`
		TypeHandlerVersion string          `json:"typeHandlerVersion"`
		AutoUpgrade        *bool           `json:"autoUpgradeMinorVersion"`
		Settings           json.RawMessage `json:"settings"`
		ProtectedSettings  json.RawMessage `json:"protectedSettings"`
	} `json:"properties"`
}

func (d *Device) serveExtensions(w http.ResponseWriter, r *http.Request, p armPath) {
	v, ok := d.w.VMs[key(d.vmID(p.ResourceGroup, p.Names[0]))]
	if !ok {
		writeError(w, newError(http.StatusNotFound, "ParentResourceNotFound",
			"Can not perform requested operation on nested resource. Parent resource '"+p.Names[0]+"' not found."))
		return
	}
	if p.isCollection() {
		if r.Method != http.MethodGet {
			methodNotAllowed(w, r)
			return
		}
		list := []any{}
		for _, e := range d.extensionsOf(v) {
			list = append(list, e.body(wantsInstanceView(r)))
		}
		writeJSON(w, http.StatusOK, map[string]any{"value": list})
		return
	}
	id := v.ID + "/extensions/" + p.name()
	e, exists := d.w.Extensions[key(id)]
	switch r.Method {
	case http.MethodGet:
		if !exists {
			writeError(w, notFound("Microsoft.Compute/virtualMachines/extensions", p.name()))
			return
		}
		writeJSON(w, http.StatusOK, e.body(wantsInstanceView(r)))
	case http.MethodPut:
		var body extensionRequest
		if se := decodeModelled(r, &body, extensionShape); se != nil {
			writeError(w, se)
			return
		}
		if se := d.putExtension(w, r, p, v, id, e, body); se != nil {
			writeError(w, se)
		}
	case http.MethodDelete:
		if !exists {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if e.ProvisioningState == stateDeleting {
			d.acceptOperation(w, r, p.Subscription, d.w.Operations[e.Operation])
			w.WriteHeader(http.StatusAccepted)
			return
		}
		d.cancel(d.running(e.Operation))
		op := d.startOperation(opExtensionDelete, "Microsoft.Compute", e.ID, d.opts.OpDelay)
		e.Operation, e.ProvisioningState = op.Name, stateDeleting
		d.acceptOperation(w, r, p.Subscription, op)
		w.WriteHeader(http.StatusAccepted)
	default:
		methodNotAllowed(w, r)
	}
}

func (d *Device) putExtension(w http.ResponseWriter, r *http.Request, p armPath, v *vm, id string, prev *extension, body extensionRequest) *statusError {
	props := body.Properties
	if prev != nil {
		if op := d.running(prev.Operation); op != nil {
			if strings.EqualFold(props.TypeHandlerVersion, prev.HandlerVersion) {
				d.acceptOperation(w, r, p.Subscription, op)
				writeJSON(w, http.StatusOK, prev.body(false))
				return nil
			}
			return conflict("OperationNotAllowed", "An operation on extension '"+prev.Name+"' is in progress; retry when it ends.")
		}
	}
	if e := checkLocation(body.Location); e != nil {
		return e
	}
	if props.Publisher == "" || props.Type == "" || props.TypeHandlerVersion == "" {
		return badRequest("InvalidParameter", "Required parameters 'publisher', 'type' and 'typeHandlerVersion' must all be set.")
	}
	if prev != nil && (!strings.EqualFold(prev.Publisher, props.Publisher) || !strings.EqualFold(prev.Type, props.Type)) {
		return conflict("PropertyChangeNotAllowed", "Changing property 'publisher' or 'type' of an extension is not allowed.")
	}
	if d.running(v.Operation) != nil || v.ProvisioningState != stateSucceeded || v.PowerState != powerRunning {
		return conflict("OperationNotAllowed", "Cannot modify extensions in the VM when the VM is not running.")
	}
	driverOS, isDriver := catalog.DriverOSType(props.Type)
	isDriver = isDriver && strings.EqualFold(props.Publisher, catalog.DriverPublisher)
	if isDriver {
		release := d.w.Hardware.Release
		if !catalog.IsDriverHandlerVersion(driverOS, release, props.TypeHandlerVersion) {
			return badRequest("ArtifactNotFound", fmt.Sprintf(
				"Extension with publisher '%s', type '%s', and type handler version '%s' could not be found in the extension repository. Versions on this device (release %s): %s.",
				props.Publisher, props.Type, props.TypeHandlerVersion, release, strings.Join(catalog.DriverHandlerVersions(driverOS, release), ", ")))
		}
		for _, other := range d.extensionsOf(v) {
			if !strings.EqualFold(other.ID, id) && catalog.IsDriverExtensionType(other.Type) {
				return badRequest("BadRequest", fmt.Sprintf(
					"Multiple VMExtensions per handler not supported for OS type '%s'. VMExtension '%s' with handler '%s.%s' already added or specified in input.",
					v.OSType, other.Name, other.Publisher, other.Type))
			}
		}
	}
	if len(props.Settings) > 0 && string(props.Settings) != "null" && !isJSONObject(props.Settings) {
		return badRequest("InvalidParameter", "The value of parameter 'settings' is invalid: it must be a JSON object.")
	}
	e := &extension{ID: id, Name: p.name(), VMID: v.ID, Tags: body.Tags, Publisher: props.Publisher, Type: props.Type,
		HandlerVersion: props.TypeHandlerVersion, AutoUpgrade: props.AutoUpgrade == nil || *props.AutoUpgrade,
		Settings: props.Settings, HasProtected: len(props.ProtectedSettings) > 0, ProvisioningState: stateCreating}
	status := http.StatusCreated
	if prev != nil {
		e.ID, e.Name, e.ProvisioningState, status = prev.ID, prev.Name, stateUpdating, http.StatusOK
	}
	d.w.Extensions[key(e.ID)] = e
	op := d.startOperation(opExtensionPut, "Microsoft.Compute", e.ID, d.opts.OpDelay)
	e.Operation = op.Name
	if isDriver && op.Error == nil {
		if detail := d.driverInstallProblem(v, driverOS); detail != "" {
			op.fail(http.StatusBadRequest, "VMExtensionProvisioningError", extensionFailure(e, detail))
		} else if d.takeNoInternet(e.ID) {
			op.fail(http.StatusBadRequest, "VMExtensionProvisioningError", extensionFailure(e, noInternetDetail))
		}
	}
	d.acceptOperation(w, r, p.Subscription, op)
	writeJSON(w, status, e.body(false))
	return nil
}

// driverInstallProblem is why the GPU driver could not install on v, or ""
// [EXT-TS]: the size has no GPU, or the extension is for the other OS. An
// OS outside the tested list installs: other versions "may work but
// haven't been tested" [SEED]; refusing them is the provider's plan's job
// (allow_untested_os; assumptions.go in internal/catalog).
func (d *Device) driverInstallProblem(v *vm, driverOS catalog.OSType) string {
	if size, _ := catalog.LookupSize(v.Size); !size.IsGPU() {
		return "No NVIDIA GPU was found on this VM: size " + v.Size + " is not a GPU VM size"
	}
	if driverOS != v.OSType {
		return "The " + catalog.DriverExtensionType(driverOS) + " extension is for " + string(driverOS) + " VMs; this VM runs " + string(v.OSType)
	}
	return ""
}

// takeNoInternet consumes an injected driver-download failure for an extension.
func (d *Device) takeNoInternet(extensionID string) bool {
	f, ok := d.w.FailNext[key(extensionID)]
	if ok && f.NoInternet {
		delete(d.w.FailNext, key(extensionID))
		return true
	}
	return false
}

func isJSONObject(b json.RawMessage) bool {
	var m map[string]any
	return json.Unmarshal(b, &m) == nil && m != nil
}

// finishExtension applies an ended extension operation.
func (d *Device) finishExtension(op *operation) {
	e, ok := d.w.Extensions[key(op.ResourceID)]
	if !ok {
		return
	}
	e.Operation = ""
	switch {
	case op.Kind == opExtensionDelete && op.Status == opSucceeded:
		delete(d.w.Extensions, key(e.ID))
	case op.Status == opSucceeded:
		e.ProvisioningState, e.StatusMessage = stateSucceeded, extensionSucceeded
	default:
		e.ProvisioningState = stateFailed
		if op.Error != nil {
			e.StatusMessage = op.Error.Message
		}
	}
}
