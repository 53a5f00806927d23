package device

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// A device has one subscription [CONN, CLI]. The client uses the one
// configured, or takes it from the first resource ID it is given, or finds
// it in the device's list; a wrong one is explained at the first
// SubscriptionNotFound.

// Subscription is the device's subscription in use: the configured one,
// or the device's only one, found on first use, once. A configured one is
// taken as it is, without a request: were it wrong, the device answers
// SubscriptionNotFound to the first request that names it.
func (c *Client) Subscription(ctx context.Context) (string, error) {
	c.subMu.Lock()
	defer c.subMu.Unlock()
	if !c.subDone {
		c.subscription = c.cfg.SubscriptionID
		if c.subscription == "" {
			c.subscription, c.subErr = c.findSubscription(ctx, "")
		}
		c.subDone = true
	}
	return c.subscription, c.subErr
}

// SubscriptionID is the subscription Subscription found (New finds it),
// or "" before.
func (c *Client) SubscriptionID() string {
	c.subMu.Lock()
	defer c.subMu.Unlock()
	return c.subscription
}

// SubscriptionOf is the subscription of the device's resources named by
// ids (ARM IDs such as an image's or a subnet's): a device has one
// subscription [CONN, CLI], so the first ID that names one names it, no
// request is needed, and Subscription answers it from then on. A
// configured subscription is used as Subscription does; without one or an
// ID, Subscription finds it.
func (c *Client) SubscriptionOf(ctx context.Context, ids ...string) (string, error) {
	if c.cfg.SubscriptionID == "" {
		// A device has one subscription, which its resources' IDs name.
		for _, id := range ids {
			if parsed, err := ParseResourceID(id); err == nil && parsed.SubscriptionID != "" {
				c.subMu.Lock()
				defer c.subMu.Unlock()
				if !c.subDone {
					c.subscription, c.subDone, c.fromID = parsed.SubscriptionID, true, true
				}
				if c.subErr == nil && c.subscription != "" {
					return c.subscription, nil
				}
				return parsed.SubscriptionID, nil
			}
		}
	}
	return c.Subscription(ctx)
}

// explainSubscription turns the device's SubscriptionNotFound for the
// configured subscription into the error CheckSubscription gives, which
// lists the device's subscriptions: the check costs a request only when
// the subscription is wrong. One taken from a resource ID (SubscriptionOf)
// that the device lacks is given up for the device's own, found by one
// request, and the error says which it was and which is the device's.
func (c *Client) explainSubscription(ctx context.Context, err error) error {
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeSubscriptionNotFound {
		return err
	}
	if c.cfg.SubscriptionID != "" {
		if checkErr := c.CheckSubscription(ctx); checkErr != nil {
			return checkErr
		}
		return err
	}
	c.subMu.Lock()
	defer c.subMu.Unlock()
	if !c.fromID {
		return err
	}
	named := c.subscription
	c.subscription, c.subErr = c.findSubscription(ctx, "")
	c.fromID = false
	if c.subErr != nil {
		return c.subErr
	}
	return &Error{Kind: ErrNotFound, Action: e.Action, Code: CodeSubscriptionNotFound, Err: err,
		Message: fmt.Sprintf("subscription %s, which a resource ID given to this client names, is not the device's; the device's is %s", named, c.subscription)}
}

// CheckSubscription checks that the configured subscription is the
// device's, or finds the device's only one: one request.
func (c *Client) CheckSubscription(ctx context.Context) error {
	sub, err := c.findSubscription(ctx, c.cfg.SubscriptionID)
	c.subMu.Lock()
	defer c.subMu.Unlock()
	c.subscription, c.subErr, c.subDone = sub, err, true
	return err
}

// findSubscription checks the configured subscription, or discovers the
// device's one subscription when none was configured.
func (c *Client) findSubscription(ctx context.Context, want string) (string, error) {
	subs, err := listJSON[Subscription](ctx, c.session, c.url("/subscriptions", apiSubscriptions))
	if err != nil {
		return "", wrap("listing the subscriptions of the device at "+c.endpoint, err)
	}
	var names []string
	for _, s := range subs {
		if want != "" && strings.EqualFold(s.SubscriptionID, want) {
			return s.SubscriptionID, nil
		}
		names = append(names, fmt.Sprintf("%s (%s)", s.SubscriptionID, s.DisplayName))
	}
	action := "finding the subscription of the device at " + c.endpoint
	switch {
	case want != "":
		return "", &Error{Kind: ErrNotFound, Action: action, Code: CodeSubscriptionNotFound,
			Message: fmt.Sprintf("subscription %s is not on the device; it has %s", want, strings.Join(names, ", "))}
	case len(subs) == 1:
		return subs[0].SubscriptionID, nil
	case len(subs) == 0:
		return "", &Error{Kind: ErrNotFound, Action: action, Code: CodeSubscriptionNotFound,
			Message: "the device shows no subscription to its signed-in user"}
	}
	return "", &Error{Kind: ErrAmbiguousSubscription, Action: "the device at " + c.endpoint + " has several subscriptions (" + strings.Join(names, ", ") + ")"}
}
