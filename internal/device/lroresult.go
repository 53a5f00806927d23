package device

import (
	"net/http"
	"net/url"
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
