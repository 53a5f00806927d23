package provider_test

import (
	"context"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Import by resource identity, through the plugin protocol as Terraform
// 1.12 and later drive it: the identity names the VM (or extension); the
// provider finds it, fills the state, and answers with the complete identity.
func TestIdentityImport(t *testing.T) {
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	vmID := createVMOutside(t, d, "byident", "Standard_NC4as_T4_v3")
	server, err := acctest.ProviderFactories(d.Env())["azurestackedge"]()
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
	idents, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	identType := idents.IdentitySchemas["azurestackedge_gpu_vm"].ValueType()
	identity, _ := tfprotov6.NewDynamicValue(identType, tftypes.NewValue(identType, map[string]tftypes.Value{
		"subscription_id":     tftypes.NewValue(tftypes.String, nil),
		"resource_group_name": tftypes.NewValue(tftypes.String, mockdevice.ImageResourceGroup),
		"name":                tftypes.NewValue(tftypes.String, "byident"),
	}))
	imported, err := server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{
		TypeName: "azurestackedge_gpu_vm",
		Identity: &tfprotov6.ResourceIdentityData{IdentityData: &identity},
	})
	if err != nil || hasError(imported.Diagnostics) || len(imported.ImportedResources) != 1 {
		t.Fatalf("import: %v %+v", err, imported)
	}
	got := imported.ImportedResources[0]
	resourceType := schemas.ResourceSchemas["azurestackedge_gpu_vm"].ValueType()
	if id := attr(t, got.State, resourceType, "id"); id != vmID {
		t.Fatalf("imported id %q, want %q", id, vmID)
	}
	if sub := attr(t, got.Identity.IdentityData, identType, "subscription_id"); sub != d.Credentials().SubscriptionID {
		t.Fatalf("identity subscription %q", sub)
	}
	read, err := server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "azurestackedge_gpu_vm",
		CurrentState: got.State, CurrentIdentity: got.Identity, Private: got.Private})
	if err != nil || hasError(read.Diagnostics) {
		t.Fatalf("read after import: %v %+v", err, read)
	}
	if size := attr(t, read.NewState, resourceType, "size"); size != "Standard_NC4as_T4_v3" {
		t.Fatalf("size after import %q", size)
	}

	// The VM's driver extension, by identity too.
	if _, err := device.Await(d.Client(t).BeginPutExtension(ctx, vmID+"/extensions/gpu-driver", device.Extension{Location: "dbelocal",
		Properties: device.ExtensionProperties{Publisher: "Microsoft.HpcCompute", Type: "NvidiaGpuDriverLinux", TypeHandlerVersion: "1.8"}})); err != nil {
		t.Fatal(err)
	}
	extIdentType := idents.IdentitySchemas["azurestackedge_gpu_extension"].ValueType()
	extIdentity, _ := tfprotov6.NewDynamicValue(extIdentType, tftypes.NewValue(extIdentType, map[string]tftypes.Value{
		"subscription_id":      tftypes.NewValue(tftypes.String, nil),
		"resource_group_name":  tftypes.NewValue(tftypes.String, mockdevice.ImageResourceGroup),
		"virtual_machine_name": tftypes.NewValue(tftypes.String, "byident"),
		"name":                 tftypes.NewValue(tftypes.String, "gpu-driver"),
	}))
	extImported, err := server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{
		TypeName: "azurestackedge_gpu_extension", Identity: &tfprotov6.ResourceIdentityData{IdentityData: &extIdentity}})
	if err != nil || hasError(extImported.Diagnostics) || len(extImported.ImportedResources) != 1 {
		t.Fatalf("extension import: %v %+v", err, extImported)
	}
	extType := schemas.ResourceSchemas["azurestackedge_gpu_extension"].ValueType()
	if got := attr(t, extImported.ImportedResources[0].State, extType, "virtual_machine_id"); got != vmID {
		t.Fatalf("imported extension's VM %q", got)
	}

	// An identity naming no VM is an error.
	missing, _ := tfprotov6.NewDynamicValue(identType, tftypes.NewValue(identType, map[string]tftypes.Value{
		"subscription_id":     tftypes.NewValue(tftypes.String, nil),
		"resource_group_name": tftypes.NewValue(tftypes.String, mockdevice.ImageResourceGroup),
		"name":                tftypes.NewValue(tftypes.String, "nope"),
	}))
	bad, err := server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{
		TypeName: "azurestackedge_gpu_vm", Identity: &tfprotov6.ResourceIdentityData{IdentityData: &missing}})
	if err != nil || !hasError(bad.Diagnostics) {
		t.Fatalf("importing a missing VM: %v %+v", err, bad)
	}
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func attr(t *testing.T, dv *tfprotov6.DynamicValue, typ tftypes.Type, name string) string {
	t.Helper()
	v, err := dv.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]tftypes.Value
	if err := v.As(&m); err != nil {
		t.Fatal(err)
	}
	var s string
	if err := m[name].As(&s); err != nil {
		t.Fatal(err)
	}
	return s
}
