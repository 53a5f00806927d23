package device

import "context"

// VirtualNetwork is a virtual network with its subnets.
type VirtualNetwork struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Properties struct {
		AddressSpace struct {
			AddressPrefixes []string `json:"addressPrefixes"`
		} `json:"addressSpace"`
		Subnets []Subnet `json:"subnets"`
	} `json:"properties"`
}

// ListAllImages lists every image of the subscription, in one request.
func (c *Client) ListAllImages(ctx context.Context) ([]Image, error) {
	sub, err := c.Subscription(ctx)
	if err != nil {
		return nil, err
	}
	path := "/subscriptions/" + sub + "/providers/Microsoft.Compute/images"
	imgs, err := listJSON[Image](ctx, c.session, c.url(path, apiImages))
	return imgs, c.explainSubscription(ctx, wrap("listing the images of the device at "+c.endpoint, err))
}

// ListVirtualNetworks lists every virtual network of the subscription with
// its subnets, in one request.
func (c *Client) ListVirtualNetworks(ctx context.Context) ([]VirtualNetwork, error) {
	sub, err := c.Subscription(ctx)
	if err != nil {
		return nil, err
	}
	path := "/subscriptions/" + sub + "/providers/Microsoft.Network/virtualNetworks"
	vnets, err := listJSON[VirtualNetwork](ctx, c.session, c.url(path, apiNetwork))
	return vnets, c.explainSubscription(ctx, wrap("listing the virtual networks of the device at "+c.endpoint, err))
}
