package provider_test

import (
	"context"
	"sort"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// listServer is a provider server that answers ListResource (the
// protocol's list calls, until tfprotov6.ProviderServer holds them).
type listServer interface {
	tfprotov6.ProviderServer
	ListResource(context.Context, *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error)
}

// configuredServer serves the provider for d, configured from its
// environment, as Terraform would before a query.
func configuredServer(t *testing.T, d *acctest.Device) (listServer, *tfprotov6.GetProviderSchemaResponse) {
	t.Helper()
	server, err := d.Factories()["azurestackedge"]()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	providerType := schemas.Provider.ValueType().(tftypes.Object)
	nulls := map[string]tftypes.Value{}
	for name, typ := range providerType.AttributeTypes {
		nulls[name] = tftypes.NewValue(typ, nil)
	}
	config, _ := tfprotov6.NewDynamicValue(providerType, tftypes.NewValue(providerType, nulls))
	if resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &config}); err != nil || hasError(resp.Diagnostics) {
		t.Fatalf("configure: %v %+v", err, resp.Diagnostics)
	}
	lister, ok := server.(listServer)
	if !ok {
		t.Fatal("the provider server does not serve list resources")
	}
	return lister, schemas
}

// list runs a ListResource call; filter holds the list configuration's
// values (nil: no list block body at all).
func list(t *testing.T, s listServer, schemas *tfprotov6.GetProviderSchemaResponse, typeName string,
	filter map[string]string, includeResource bool, limit int64) []tfprotov6.ListResourceResult {
	t.Helper()
	var config *tfprotov6.DynamicValue
	if filter != nil {
		typ := schemas.ListResourceSchemas[typeName].ValueType().(tftypes.Object)
		vals := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			if v, ok := filter[name]; ok {
				vals[name] = tftypes.NewValue(at, v)
			} else {
				vals[name] = tftypes.NewValue(at, nil)
			}
		}
		dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
		if err != nil {
			t.Fatal(err)
		}
		config = &dv
	}
	stream, err := s.ListResource(context.Background(), &tfprotov6.ListResourceRequest{
		TypeName: typeName, Config: config, IncludeResource: includeResource, Limit: limit})
	if err != nil {
		t.Fatal(err)
	}
	var out []tfprotov6.ListResourceResult
	for r := range stream.Results {
		if hasError(r.Diagnostics) {
			t.Fatalf("list %s: %+v", typeName, r.Diagnostics[0])
		}
		out = append(out, r)
	}
	return out
}

// `terraform query` through the plugin protocol (Terraform 1.14 drives the
// same calls): every GPU VM and driver extension of the device with no
// list configuration, filters by resource group and name prefix, a
// limit, identities, and full values when asked.
func TestListResources(t *testing.T) {
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2})
	alpha := createVMOutside(t, d, "alpha", "Standard_NC4as_T4_v3")
	beta := createVMOutside(t, d, "beta-1", "Standard_NC4as_T4_v3")
	createVMOutside(t, d, "plain", "Standard_D2_v2") // no GPU: not listed
	if _, err := device.Await(d.Client(t).BeginPutExtension(context.Background(), alpha+"/extensions/gpu-driver", device.Extension{Location: "dbelocal",
		Properties: device.ExtensionProperties{Publisher: "Microsoft.HpcCompute", Type: "NvidiaGpuDriverLinux", TypeHandlerVersion: "1.8", AutoUpgradeMinorVersion: true}})); err != nil {
		t.Fatal(err)
	}
	s, schemas := configuredServer(t, d)
	vmType := schemas.ResourceSchemas["azurestackedge_gpu_vm"].ValueType()
	identType := func(typeName string) tftypes.Type {
		idents, err := s.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
		if err != nil {
			t.Fatal(err)
		}
		return idents.IdentitySchemas[typeName].ValueType()
	}
	vmIdent := identType("azurestackedge_gpu_vm")
	names := func(results []tfprotov6.ListResourceResult) []string {
		var out []string
		for _, r := range results {
			out = append(out, attr(t, r.Identity.IdentityData, vmIdent, "resource_group_name")+"/"+attr(t, r.Identity.IdentityData, vmIdent, "name"))
		}
		sort.Strings(out)
		return out
	}
	all := list(t, s, schemas, "azurestackedge_gpu_vm", nil, false, 0)
	if got := names(all); len(got) != 2 || got[0] != "ASEImages/alpha" || got[1] != "ASEImages/beta-1" {
		t.Fatalf("listed %v, want the two GPU VMs", got)
	}
	if all[0].Resource != nil {
		t.Error("values listed without being asked for")
	}
	for _, tc := range []struct {
		filter map[string]string
		limit  int64
		want   int
	}{
		{map[string]string{}, 0, 2},
		{map[string]string{"name_prefix": "AL"}, 0, 1},
		{map[string]string{"resource_group_name": "aseimages", "name_prefix": "beta"}, 0, 1},
		{map[string]string{"resource_group_name": "other"}, 0, 0},
		{nil, 1, 1},
	} {
		if got := list(t, s, schemas, "azurestackedge_gpu_vm", tc.filter, false, tc.limit); len(got) != tc.want {
			t.Errorf("filter %v limit %d: %d results (%v), want %d", tc.filter, tc.limit, len(got), names(got), tc.want)
		}
	}

	// With values: what an import would give, os read back from the image
	// and the password as the import's placeholder.
	full := list(t, s, schemas, "azurestackedge_gpu_vm", map[string]string{"name_prefix": "beta"}, true, 0)
	if len(full) != 1 || full[0].Resource == nil {
		t.Fatalf("with values: %+v", full)
	}
	for name, want := range map[string]string{"id": beta, "os": "ubuntu_18_04", "size": "Standard_NC4as_T4_v3",
		"image_id": d.ImageID("ubuntu_18_04"), "subnet_id": d.SubnetID(), "admin_username": "azureuser", "admin_password": "", "power_state": "running"} {
		if got := attr(t, full[0].Resource, vmType, name); got != want {
			t.Errorf("listed %s = %q, want %q", name, got, want)
		}
	}

	// The driver extensions, filtered by their VM.
	extIdent := identType("azurestackedge_gpu_extension")
	exts := list(t, s, schemas, "azurestackedge_gpu_extension", nil, true, 0)
	if len(exts) != 1 || attr(t, exts[0].Identity.IdentityData, extIdent, "virtual_machine_name") != "alpha" ||
		attr(t, exts[0].Identity.IdentityData, extIdent, "name") != "gpu-driver" {
		t.Fatalf("extensions listed: %+v", exts)
	}
	extType := schemas.ResourceSchemas["azurestackedge_gpu_extension"].ValueType()
	if got := attr(t, exts[0].Resource, extType, "virtual_machine_id"); got != alpha {
		t.Errorf("listed extension's VM %q", got)
	}
	if got := list(t, s, schemas, "azurestackedge_gpu_extension", map[string]string{"name_prefix": "beta"}, false, 0); len(got) != 0 {
		t.Errorf("extensions of beta*: %d", len(got))
	}
}
