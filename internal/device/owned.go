package device

import (
	"context"
	"net/http"
)

// The requests below serve crash recovery: finding out what a request
// whose answer was lost left on the device, and what a resource owns
// when parts of it are already gone.

// ResourceGroup is a resource group of the device.
type ResourceGroup struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// GetResourceGroup reads a resource group of the device's subscription.
func (c *Client) GetResourceGroup(ctx context.Context, name string) (ResourceGroup, error) {
	var g ResourceGroup
	sub, err := c.Subscription(ctx)
	if err != nil {
		return g, err
	}
	err = getJSON(ctx, c.pl, c.url("/subscriptions/"+sub+"/resourceGroups/"+name, apiResources), &g)
	return g, c.explainSubscription(ctx, wrap("reading resource group "+name, err))
}

// Created reports whether the device answered the request that began op
// with 201 Created: this request made the resource, rather than updating
// one that existed (200), which is how ARM tells the two apart.
func (o *Operation[T]) Created() bool { return o.status == http.StatusCreated }
