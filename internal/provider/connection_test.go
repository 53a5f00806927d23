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
		{&device.Error{Kind: device.ErrNotFound, Action: "finding the subscription of the device at https://d", Code: device.CodeSubscriptionNotFound,
			Message: "subscription s is not on the device; it has t"}, "subscription_id", envSubscription},
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

// A resource the device lacks is not a subscription problem, though its ID
// names a subscription (as every ARM ID does).
func TestMissingResourceIsNotASubscriptionProblem(t *testing.T) {
	err := &device.Error{Kind: device.ErrNotFound, Code: "ResourceNotFound", Message: "The Resource 'd' was not found.",
		Action: "reading the capacity of device /subscriptions/x/resourceGroups/rg/providers/Microsoft.DataBoxEdge/dataBoxEdgeDevices/d"}
	if attr, advice := providerArgumentOf(err); attr == "subscription_id" {
		t.Errorf("a missing device's error blames subscription_id: %q", advice)
	}
}
