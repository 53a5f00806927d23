package provider_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// An extension given its VM's ID literally may be planned before the VM
// (Terraform orders only what refers to what). Through the plugin
// protocol, the extension is planned first, against a VM the device does
// not have yet; the VM's plan, made once the extension has looked for it
// on the device, is what the extension is checked against (planSession's
// ordering contract), not a "VM not found" from the device's view.
func TestExtensionPlannedBeforeItsVM(t *testing.T) {
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
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
	providerConfig := objectOf(t, providerType, nil)
	if resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: providerConfig}); err != nil || hasError(resp.Diagnostics) {
		t.Fatalf("configure: %v %+v", err, resp.Diagnostics)
	}

	vmID := d.VMID(acctest.VMGroup, "later")
	extType := schemas.ResourceSchemas["azurestackedge_gpu_extension"].ValueType().(tftypes.Object)
	extConfig := objectOf(t, extType, map[string]tftypes.Value{"virtual_machine_id": tftypes.NewValue(tftypes.String, vmID)})
	type answer struct {
		resp *tfprotov6.PlanResourceChangeResponse
		err  error
	}
	extPlanned := make(chan answer, 1)
	go func() {
		resp, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "azurestackedge_gpu_extension",
			PriorState: nullOf(t, extType), ProposedNewState: extConfig, Config: extConfig})
		extPlanned <- answer{resp, err}
	}()
	// The extension has looked for its VM on the device (and not found it)
	// before the VM is planned.
	for !askedFor(d, vmID) {
		select {
		case a := <-extPlanned:
			t.Fatalf("the extension's plan ended before its VM was planned: %v %+v", a.err, a.resp)
		case <-time.After(10 * time.Millisecond):
		}
	}

	vmType := schemas.ResourceSchemas["azurestackedge_gpu_vm"].ValueType().(tftypes.Object)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	vmConfig := objectOf(t, vmType, map[string]tftypes.Value{
		"name": str("later"), "resource_group_name": str(acctest.VMGroup), "size": str("Standard_NC4as_T4_v3"),
		"os": str("ubuntu_18_04"), "image_id": str(d.ImageID("ubuntu_18_04")), "subnet_id": str(d.SubnetID()),
		"admin_username": str("azureuser"), "admin_password": str("Secret-Passw0rd!"),
	})
	vmPlan, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "azurestackedge_gpu_vm",
		PriorState: nullOf(t, vmType), ProposedNewState: vmConfig, Config: vmConfig})
	if err != nil || hasError(vmPlan.Diagnostics) {
		t.Fatalf("the VM's plan: %v %+v", err, diagnosticsOf(vmPlan))
	}
	if id := attr(t, vmPlan.PlannedState, vmType, "id"); id != vmID {
		t.Fatalf("the VM's planned ID %q, want %q", id, vmID)
	}

	a := <-extPlanned
	if a.err != nil || hasError(a.resp.Diagnostics) {
		t.Fatalf("the extension planned before its VM: %v %s", a.err, diagnosticsOf(a.resp))
	}
	// The driver's defaults come from the VM's plan: its OS is Linux.
	if typ := attr(t, a.resp.PlannedState, extType, "type"); typ != "NvidiaGpuDriverLinux" {
		t.Fatalf("the extension's planned type %q, want the Linux driver's", typ)
	}
}

// askedFor reports whether the device was asked for the resource id.
func askedFor(d *acctest.Device, id string) bool {
	for _, r := range d.Requests() {
		if r.Method == "GET" && strings.EqualFold(r.Path, id) {
			return true
		}
	}
	return false
}

// objectOf is an object of typ: the given attributes, null elsewhere.
func objectOf(t *testing.T, typ tftypes.Object, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
		if v, ok := set[name]; ok {
			vals[name] = v
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func nullOf(t *testing.T, typ tftypes.Object) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func diagnosticsOf(resp *tfprotov6.PlanResourceChangeResponse) string {
	if resp == nil {
		return "no answer"
	}
	var b strings.Builder
	for _, d := range resp.Diagnostics {
		b.WriteString(d.Summary + ": " + d.Detail + "\n")
	}
	return b.String()
}
