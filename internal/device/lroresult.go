package device

import (
	"context"
	"net/http"
	"net/url"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// A PUT's long-running operation ([ARM] Track asynchronous Azure
// operations,
// https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/async-operations)
// yields the resource the PUT made: once the operation succeeded, azcore's
// poller reads it with a GET of the URL the PUT went to, which it takes
// from the initial answer's request ("for PATCH and PUT, the final GET is
// on the original resource URL", azcore's Azure-AsyncOperation poller).
// That read lacks what only a read that asks for it gives, such as an
// extension's instance view ($expand=instanceView: Virtual Machine
// Extensions - Get,
// https://learn.microsoft.com/en-us/rest/api/compute/virtual-machine-extensions/get),
// and a caller that needs it would read the resource once more.
// readResultAt makes the operation's final GET the read the caller needs
// instead, and leaves the rest to azcore: the polling and its pace, and a
// failed operation's error, which azcore takes from the operation's status
// without reading the resource. (A poller that polls the resource itself,
// for a PUT answered without an operation's URL, polls resultURL.)

// readResultAt is the initial answer as the poller is to see it: its
// request's URL is resultURL, where the operation's result is read. ""
// keeps the answer as it is.
func readResultAt(resp *http.Response, resultURL string) (*http.Response, error) {
	if resultURL == "" {
		return resp, nil
	}
	u, err := url.Parse(resultURL)
	if err != nil {
		return nil, err
	}
	polled := *resp
	polled.Request = resp.Request.Clone(resp.Request.Context())
	polled.Request.URL = u
	return &polled, nil
}

// AwaitVMProvisioned waits until VM id ends its provisioning and returns it
// as it ended; one that ended Failed is an error. It is for a PUT the
// device accepted whose answer was lost, and with it the operation's URL:
// what is left to poll is the VM itself. azcore's poller does that for a
// PUT answered without an operation to follow (it reads the resource until
// its provisioningState is terminal), so it is given the VM's read as such
// an answer; it polls at the client's pace.
func (c *Client) AwaitVMProvisioned(ctx context.Context, id string) (VirtualMachine, error) {
	action := "waiting for virtual machine " + id + " to be provisioned"
	req, err := runtime.NewRequest(ctx, http.MethodGet, c.url(id+"?$expand=instanceView", apiCompute))
	if err != nil {
		return VirtualMachine{}, err
	}
	pl, err := c.session.pipeline(ctx)
	if err != nil {
		return VirtualMachine{}, err
	}
	resp, err := pl.Do(req)
	if err != nil {
		return VirtualMachine{}, wrap(action, err)
	}
	if !runtime.HasStatusCode(resp, http.StatusOK) {
		return VirtualMachine{}, wrap(action, runtime.NewResponseError(resp))
	}
	asPut := *resp
	asPut.Request = resp.Request.Clone(ctx)
	asPut.Request.Method = http.MethodPut
	poller, err := runtime.NewPoller[VirtualMachine](&asPut, pl, nil)
	if err != nil {
		return VirtualMachine{}, wrap(action, err)
	}
	vm, err := poller.PollUntilDone(ctx, &runtime.PollUntilDoneOptions{Frequency: c.cfg.PollFrequency})
	return vm, wrap(action, err)
}
