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
	err := getJSON(ctx, c.pl, c.url("/subscriptions/"+c.subscription+"/resourceGroups/"+name, apiResources), &g)
	return g, wrap("reading resource group "+name, err)
}

// Disk is a managed disk.
type Disk struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	ManagedBy string `json:"managedBy,omitempty"`
}

// GetDisk reads a managed disk by ID.
func (c *Client) GetDisk(ctx context.Context, id string) (Disk, error) {
	var k Disk
	err := getJSON(ctx, c.pl, c.url(id, apiCompute), &k)
	return k, wrap("reading disk "+id, err)
}

// Created reports whether the device answered the request that began op
// with 201 Created: this request made the resource, rather than updating
// one that existed (200), which is how ARM tells the two apart.
func (o *Operation[T]) Created() bool { return o.status == http.StatusCreated }
