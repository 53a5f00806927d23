package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The timeouts block of both resources: applying it to an operation, and
// refusing durations that would cancel it before the device answers.

// withTimeout bounds ctx by an operation's timeout from the timeouts
// block, or def when it sets none.
func withTimeout(ctx context.Context, timeout func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	def time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	d, ds := timeout(ctx, def)
	diags.Append(ds...)
	return context.WithTimeout(ctx, d)
}

// checkTimeouts refuses a timeouts block whose durations are zero or
// negative: the operation would be cancelled before the device answered
// its first request, leaving what it began to the next run.
func checkTimeouts(t timeouts.Value, diags *diag.Diagnostics) {
	if t.IsNull() || t.IsUnknown() {
		return
	}
	for name, v := range t.Attributes() {
		s, ok := v.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		d, err := time.ParseDuration(s.ValueString())
		if err != nil {
			continue // the timeouts block reports that itself
		}
		if d <= 0 {
			diags.AddAttributeError(path.Root("timeouts").AtName(name), "Invalid timeouts."+name,
				fmt.Sprintf("timeouts.%s = %q: a timeout must be longer than zero, or the operation is cancelled before the device answers. "+
					"Leave it unset for the default, or give a duration such as \"30m\".", name, s.ValueString()))
		}
	}
}
