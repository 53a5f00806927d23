package device

import "context"

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
	err = getJSON(ctx, c.session, c.url("/subscriptions/"+sub+"/resourceGroups/"+name, apiResources), &g)
	return g, c.explainSubscription(ctx, wrap("reading resource group "+name, err))
}
