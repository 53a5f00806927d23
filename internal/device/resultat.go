package device

import (
	"net/http"
	"net/url"
)

// A PUT's long-running operation ends, once it succeeded, with a GET of
// the resource at the URL the PUT went to: ARM's contract (Track
// asynchronous Azure operations,
// https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/async-operations),
// which azcore's poller keeps, taking that URL from the initial answer's
// request (runtime.Poller.Result: "for PATCH and PUT, the final GET is on
// the original resource URL"). A caller that needs what only another
// read of the resource gives, such as an extension's instance view
// ($expand=instanceView: Virtual Machine Extensions - Get,
// https://learn.microsoft.com/en-us/rest/api/compute/virtual-machine-extensions/get),
// would read the resource once more. readResultAt makes that final GET
// the read the caller needs instead, and leaves the rest to azcore: the
// polling and its pace, and a failed operation's error, which azcore
// takes from the operation's status without reading the resource.

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
