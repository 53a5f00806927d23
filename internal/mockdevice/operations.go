package mockdevice

import (
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Operation statuses, as ARM's operation-status resource reports them.
const (
	opInProgress = "InProgress"
	opSucceeded  = "Succeeded"
	opFailed     = "Failed"
	opCanceled   = "Canceled"
)

// Operation kinds: what finishing an operation does to its resource.
const (
	opVMCreate        = "vm.create"
	opVMUpdate        = "vm.update"
	opVMDelete        = "vm.delete"
	opVMStart         = "vm.start"
	opVMDeallocate    = "vm.deallocate"
	opVMPowerOff      = "vm.powerOff"
	opVMRestart       = "vm.restart"
	opExtensionPut    = "extension.put"
	opExtensionDelete = "extension.delete"
	opNetworkPut      = "network.put"
	opNICDelete       = "nic.delete"
	opVNetDelete      = "vnet.delete"
	opGroupDelete     = "group.delete"
	opDiskDelete      = "disk.delete"
)

// operation is one long-running operation. It ends when Due passes: the
// device settles due operations before it answers any request.
type operation struct {
	Name       string    `json:"name"`
	Namespace  string    `json:"namespace"`
	ResourceID string    `json:"resourceId"`
	Kind       string    `json:"kind"`
	Started    time.Time `json:"started"`
	Due        time.Time `json:"due"`
	Ended      time.Time `json:"ended,omitempty"`
	Status     string    `json:"status"`
	// Error, when set at the start, makes the operation end Failed (or
	// Canceled) with it; HTTPStatus is what its Location URL then answers.
	Error      *armError `json:"error,omitempty"`
	HTTPStatus int       `json:"httpStatus,omitempty"`
	EndStatus  string    `json:"endStatus,omitempty"`
	// Size is the size a vm.update applies.
	Size string `json:"size,omitempty"`
	// Claimed is how many GPUs the operation took when it started; they go
	// back if it fails.
	Claimed int `json:"claimed,omitempty"`
	// PowerBefore is the VM's power state before the operation.
	PowerBefore string `json:"powerBefore,omitempty"`
}

// startOperation begins an operation on a resource that ends after delay.
// A failure injected for the resource is taken now and ends the operation.
func (d *Device) startOperation(kind, namespace, resourceID string, delay time.Duration) *operation {
	now := d.now()
	op := &operation{
		Name:       uuid.NewString(),
		Namespace:  namespace,
		ResourceID: resourceID,
		Kind:       kind,
		Started:    now,
		Due:        now.Add(delay),
		Status:     opInProgress,
	}
	// A driver-download failure is taken by the extension install itself
	// (takeNoInternet); every other injected failure ends this operation.
	if f, ok := d.w.FailNext[key(resourceID)]; ok && !f.NoInternet {
		delete(d.w.FailNext, key(resourceID))
		d.taken = append(d.taken, TakenFailure{ResourceID: resourceID, Operation: op.Name})
		op.fail(http.StatusInternalServerError, f.Code, f.Message)
		if f.Status == opCanceled {
			op.EndStatus = opCanceled
		}
	}
	d.w.Operations[op.Name] = op
	return op
}

// fail makes the operation end Failed with this error.
func (op *operation) fail(httpStatus int, code, message string) {
	op.Error = &armError{Code: code, Message: message}
	op.HTTPStatus = httpStatus
	op.EndStatus = opFailed
}

// cancel ends an operation at once, as when a delete preempts a create,
// and undoes what it had begun.
func (d *Device) cancel(op *operation) {
	if op == nil || op.Status != opInProgress {
		return
	}
	op.Status = opCanceled
	op.Ended = d.now()
	op.Error = &armError{Code: "OperationPreempted", Message: "Operation execution has been preempted by a more recent operation."}
	op.HTTPStatus = http.StatusConflict
	d.finish(op)
}

// running returns the operation in progress by name, if any.
func (d *Device) running(name string) *operation {
	if op, ok := d.w.Operations[name]; ok && op.Status == opInProgress {
		return op
	}
	return nil
}

// settle ends every operation whose time has come, oldest first.
func (d *Device) settle() {
	now := d.now()
	var due []*operation
	for _, op := range d.w.Operations {
		if op.Status == opInProgress && !op.Due.After(now) {
			due = append(due, op)
		}
	}
	sort.Slice(due, func(i, j int) bool { return due[i].Due.Before(due[j].Due) })
	for _, op := range due {
		op.Status = opSucceeded
		if op.EndStatus != "" {
			op.Status = op.EndStatus
		}
		op.Ended = op.Due
		d.finish(op)
	}
	d.forgetOldOperations(now)
}

// finish applies an ended operation to its resource.
func (d *Device) finish(op *operation) {
	switch {
	case strings.HasPrefix(op.Kind, "vm."):
		d.finishVM(op)
	case strings.HasPrefix(op.Kind, "extension."):
		d.finishExtension(op)
	case op.Kind == opDiskDelete:
		d.finishDisk(op)
	default:
		d.finishNetworkOrGroup(op)
	}
}

// operationRetention is how long ended operations stay readable.
const operationRetention = 24 * time.Hour

func (d *Device) forgetOldOperations(now time.Time) {
	for name, op := range d.w.Operations {
		if op.Status != opInProgress && now.Sub(op.Ended) > operationRetention {
			delete(d.w.Operations, name)
		}
	}
}

// operationURL is where an operation's status (kind "operations") or result
// (kind "operationResults") is read.
func operationURL(r *http.Request, sub string, op *operation, kind string) string {
	return baseURL(r) + "/subscriptions/" + sub + "/providers/" + op.Namespace + "/locations/" + location +
		"/" + kind + "/" + op.Name + "?api-version=" + r.URL.Query().Get("api-version")
}

// acceptOperation writes the headers of an accepted long-running operation:
// Azure-AsyncOperation always, Location for DELETE and POST, Retry-After.
func (d *Device) acceptOperation(w http.ResponseWriter, r *http.Request, sub string, op *operation) {
	w.Header().Set("Azure-AsyncOperation", operationURL(r, sub, op, "operations"))
	if r.Method == http.MethodDelete || r.Method == http.MethodPost {
		w.Header().Set("Location", operationURL(r, sub, op, "operationResults"))
	}
	d.setRetryAfter(w, op)
}

// setRetryAfter tells the client when the operation will have ended:
// Retry-After in whole seconds as ARM sends it, and retry-after-ms, which
// azcore prefers, so short operations in tests are not stretched to a second.
func (d *Device) setRetryAfter(w http.ResponseWriter, op *operation) {
	if op.Status != opInProgress {
		return
	}
	left := op.Due.Sub(d.now())
	if left <= 0 {
		left = time.Millisecond
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(left.Seconds()))))
	if !d.opts.WholeSecondRetryAfter {
		w.Header().Set("retry-after-ms", strconv.FormatInt(int64(math.Ceil(float64(left)/float64(time.Millisecond))), 10))
	}
}

// serveOperation answers an operation-status URL (Azure-AsyncOperation) or an
// operation-result URL (Location).
func (d *Device) serveOperation(w http.ResponseWriter, r *http.Request, p armPath) {
	op, ok := d.w.Operations[p.name()]
	if !ok || !strings.EqualFold(op.Namespace, p.Namespace) {
		writeError(w, notFound("operations", p.name()))
		return
	}
	resultURL := strings.EqualFold(p.Types[len(p.Types)-1], "operationResults")
	if resultURL {
		switch op.Status {
		case opInProgress:
			w.Header().Set("Location", operationURL(r, p.Subscription, op, "operationResults"))
			d.setRetryAfter(w, op)
			w.WriteHeader(http.StatusAccepted)
		case opSucceeded:
			w.WriteHeader(http.StatusNoContent)
		default:
			writeError(w, &statusError{Status: op.HTTPStatus, armError: *op.Error})
		}
		return
	}
	body := map[string]any{
		"id":        strings.SplitN(operationURL(r, p.Subscription, op, "operations"), "?", 2)[0][len(baseURL(r)):],
		"name":      op.Name,
		"status":    op.Status,
		"startTime": op.Started.UTC().Format(time.RFC3339Nano),
	}
	if op.Status != opInProgress {
		body["endTime"] = op.Ended.UTC().Format(time.RFC3339Nano)
	}
	if op.Error != nil && op.Status != opSucceeded {
		body["error"] = op.Error
	}
	d.setRetryAfter(w, op)
	writeJSON(w, http.StatusOK, body)
}

// baseURL is the origin the client reached the device at: the device
// answers with URLs on the host the client used, as a device behind its own
// DNS name does.
func baseURL(r *http.Request) string {
	return fmt.Sprintf("https://%s", r.Host)
}
