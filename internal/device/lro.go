package device

import (
	"context"
	"net/http"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Operation is a long-running device operation that the device has
// accepted. Initial is what the device answered at once (a PUT's body
// carries the resource's ID), so callers can record the resource before
// waiting.
type Operation[T any] struct {
	Initial T
	poller  *runtime.Poller[T]
	action  string
	freq    time.Duration
	ctx     context.Context // the context it began with, which Await waits with
	status  int             // the status of the answer that began it
}

// Wait polls until the operation ends, at the pace the device's
// Retry-After asks (the configured frequency when it gives none).
func (o *Operation[T]) Wait(ctx context.Context) (T, error) {
	res, err := o.poller.PollUntilDone(ctx, &runtime.PollUntilDoneOptions{Frequency: o.freq})
	return res, wrap(o.action, err)
}

// Await waits for an operation that began, with the context it began
// with; when it did not begin, it returns why:
//
//	err := device.Await(c.BeginDeleteVM(ctx, id))
func Await[T any](op *Operation[T], err error) (T, error) {
	if err != nil {
		var zero T
		return zero, err
	}
	return op.Wait(op.ctx)
}

// begin sends a request that starts a long-running operation and returns
// its poller. 404 on DELETE means already gone: an operation that is done.
func begin[T any](ctx context.Context, c *Client, method, url string, body any, action string) (*Operation[T], error) {
	return beginReadingAt[T](ctx, c, method, url, body, action, "")
}

// beginReadingAt is begin for a PUT whose operation, once it succeeded,
// reads its result at resultURL ("": the URL the PUT went to); see
// readResultAt.
func beginReadingAt[T any](ctx context.Context, c *Client, method, url string, body any, action, resultURL string) (*Operation[T], error) {
	req, err := runtime.NewRequest(ctx, method, url)
	if err != nil {
		return nil, err
	}
	if body != nil {
		if err := runtime.MarshalAsJSON(req, body); err != nil {
			return nil, err
		}
	}
	pl, err := c.session.pipeline(ctx)
	if err != nil {
		return nil, err
	}
	resp, err := pl.Do(req)
	if err != nil {
		return nil, wrap(action, err)
	}
	if method == http.MethodDelete && resp.StatusCode == http.StatusNotFound {
		resp.StatusCode = http.StatusNoContent
	}
	if !runtime.HasStatusCode(resp, http.StatusOK, http.StatusCreated, http.StatusAccepted, http.StatusNoContent) {
		return nil, wrap(action, runtime.NewResponseError(resp))
	}
	op := &Operation[T]{action: action, freq: c.cfg.PollFrequency, ctx: ctx, status: resp.StatusCode}
	if resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusCreated {
		if b, _ := runtime.Payload(resp); len(b) > 0 {
			_ = runtime.UnmarshalAsJSON(resp, &op.Initial)
		}
	}
	polled, err := readResultAt(resp, resultURL)
	if err != nil {
		return nil, wrap(action, err)
	}
	op.poller, err = runtime.NewPoller[T](polled, pl, nil)
	if err != nil {
		return nil, wrap(action, err)
	}
	return op, nil
}

// Created reports whether the device answered the request that began op
// with 201 Created: this request made the resource, rather than updating
// one that existed (200), which is how ARM tells the two apart.
func (o *Operation[T]) Created() bool { return o.status == http.StatusCreated }
