package provider

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
)

// The device client speaks of the device only; the provider names the
// argument to change.
func TestProviderArgumentOf(t *testing.T) {
	for _, tc := range []struct {
		err    error
		attr   string
		advice string
	}{
		{&device.Error{Kind: device.ErrAuthentication, Action: "signing in to the device at https://d", Code: "MSIS9622"}, "password", envPassword},
		{&device.Error{Kind: device.ErrTLS, Action: "connecting to the device at https://d: its certificate is not trusted"}, "ca_certificate", envCACertificate},
		{&device.Error{Kind: device.ErrUnreachable, Action: "cannot reach the device at https://d"}, "arm_endpoint", envARMEndpoint},
		{&device.Error{Kind: device.ErrAmbiguousSubscription, Action: "the device at https://d has several subscriptions"}, "subscription_id", envSubscription},
		{&device.Error{Kind: device.ErrNotFound, Action: "subscription s is not on the device at https://d; it has t"}, "subscription_id", envSubscription},
		{fmt.Errorf("%w for device /subscriptions/x: no credential", device.ErrAzureSignIn), "device_id", "AZURE_"},
		{errors.New("something else"), "arm_endpoint", ""},
	} {
		attr, advice := providerArgumentOf(tc.err)
		if attr != tc.attr || !strings.Contains(advice, tc.advice) {
			t.Errorf("%v: got %q, %q; want %q and advice naming %q", tc.err, attr, advice, tc.attr, tc.advice)
		}
		if detail := connectionDetail(tc.err); !strings.HasPrefix(detail, tc.err.Error()) || !strings.Contains(detail, advice) {
			t.Errorf("detail %q lacks the error or the advice", detail)
		}
	}
}
