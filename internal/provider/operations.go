package provider

import (
	"context"
	"errors"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
)

// Device operations as both resources run them: waiting for one, the
// clean-up context after an interrupted one, and whether a failed one
// left anything in flight.

// wait waits for an operation that began, or returns why it did not.
func wait[T any](op *device.Operation[T], err error) error {
	_, err = device.Await(op, err)
	return err
}

// cleanupTimeout bounds the clean-up after a failed or interrupted
// operation: the requests that find out what exists and delete what
// this run made but does not keep.
const cleanupTimeout = 2 * time.Minute

// cleanupContext is a context for clean-up that the cancellation of ctx
// (Ctrl-C, timeouts.create running out) does not end, bounded on its own.
func cleanupContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
}

// answered reports whether a failed request is known to have left nothing
// in flight: the device answered it (a refusal), and the run was not
// interrupted. A request with no answer may still land on the device.
func answered(ctx context.Context, err error) bool {
	var e *device.Error
	return ctx.Err() == nil && errors.As(err, &e) && e.StatusCode != 0
}
