package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// A Windows GPU VM with a static address, a computer name, the
// write-only password (in neither plan nor state), and tags changed in place.
func TestAccGPUVM_windowsWriteOnlyPassword(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	const password, newPassword = "WriteOnly-Passw0rd!", "WriteOnly-Passw0rd-2!"
	vmID := d.VMID(acctest.VMGroup, "windows-gpu-01")
	config := func(tags string) string {
		return strings.Replace(d.GPUVM("vm", "windows-gpu-01", "Standard_NC8as_T4_v3", "windows_server_2019", `
  computer_name             = "wingpu01"
  private_ip_address        = "10.57.50.61"
  admin_password_wo         = "`+password+`"
  admin_password_wo_version = 1
  tags                      = { `+tags+` }`), `  admin_password = "Secret-Passw0rd!"`, "", 1)
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				Config: config(`team = "ml"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`/virtualMachines/windows-gpu-01$`))),
					plancheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("admin_password_wo"), knownvalue.Null()),
					plancheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("gpu_count"), knownvalue.Int64Exact(1)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("admin_password_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("private_ip_address"), knownvalue.StringExact("10.57.50.61")),
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("computer_name"), knownvalue.StringExact("wingpu01")),
				},
				Check: resource.ComposeTestCheckFunc(stateLacks(password), deviceGotPassword(t, d, vmID, password, true)),
			},
			{
				Config: config(`team = "vision"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("vision")})),
				},
			},
			{
				// A new version replaces the VM with the new password.
				Config: strings.NewReplacer("admin_password_wo_version = 1", "admin_password_wo_version = 2", password, newPassword).Replace(config(`team = "vision"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeTestCheckFunc(stateLacks(newPassword),
					deviceGotPassword(t, d, vmID, newPassword, true), deviceGotPassword(t, d, vmID, password, false)),
			},
		},
	})
}

// deviceGotPassword fails unless the device holds the VM with, or (want
// false) without, the admin password given: a write-only password that
// reaches neither plan nor state must still reach the device. The mock
// compares it and never returns it.
func deviceGotPassword(t *testing.T, d *acctest.Device, vmID, password string, want bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := d.AdminPasswordMatches(t, vmID, password); got != want {
			return fmt.Errorf("the device's VM %s was created with the password given: %v, want %v", vmID, got, want)
		}
		return nil
	}
}

// stateLacks fails if a secret appears anywhere in the state.
func stateLacks(secret string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		b, _ := json.Marshal(s)
		if strings.Contains(string(b), secret) {
			return errSecretInState
		}
		return nil
	}
}

var errSecretInState = &stateError{"the secret is in the state"}

type stateError struct{ s string }

func (e *stateError) Error() string { return e.s }

// Drift: a VM resized outside Terraform is resized back; one deleted
// outside is created again.
func TestAccGPUVM_drift(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2})
	config := d.GPUVM("vm", "drifter", "Standard_NC4as_T4_v3", "rhel_7_4", "")
	id := d.VMID(acctest.VMGroup, "drifter")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() { resizeOutside(t, d, id, "Standard_NC8as_T4_v3") },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("size"), knownvalue.StringExact("Standard_NC4as_T4_v3")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("size"), knownvalue.StringExact("Standard_NC4as_T4_v3")),
				},
			},
			{
				PreConfig: func() { deleteOutside(t, d, id) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func resizeOutside(t *testing.T, d *acctest.Device, id, size string) {
	t.Helper()
	c, ctx := d.Client(t), context.Background()
	if _, err := device.Await(c.BeginDeallocateVM(ctx, id)); err != nil {
		t.Fatal(err)
	}
	if _, err := device.Await(c.BeginUpdateVM(ctx, id, device.VMChange{Size: &size})); err != nil {
		t.Fatal(err)
	}
	if _, err := device.Await(c.BeginStartVM(ctx, id)); err != nil {
		t.Fatal(err)
	}
}

// deleteOutside deletes a VM with its disk and NIC, as a user of the
// portal would.
func deleteOutside(t *testing.T, d *acctest.Device, id string) {
	t.Helper()
	c, ctx := d.Client(t), context.Background()
	vm, err := c.GetVM(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []func() error{
		func() error { _, err := device.Await(c.BeginDeleteVM(ctx, id)); return err },
		func() error { _, err := device.Await(c.BeginDeleteDisk(ctx, vm.OSDiskID())); return err },
		func() error { _, err := device.Await(c.BeginDeleteNIC(ctx, vm.NICIDs()[0])); return err },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
}

// A create that fails on the device (here: the device says so when its
// operation ends) leaves the VM in state as tainted, never orphaned; the
// next apply replaces it cleanly.
func TestAccGPUVM_failedCreateIsTainted(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	id := d.VMID(acctest.VMGroup, "flaky")
	config := d.GPUVM("vm", "flaky", "Standard_NC4as_T4_v3", "rhel_7_4", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					d.FailNextOperation(id, mockdevice.FailNext{Code: "VMProvisioningFailed", Message: "The VM agent did not report ready in time."})
				},
				Config:      config,
				ExpectError: acctest.Message(`The VM stays on the device and is recorded in Terraform state as tainted: the next apply deletes it and creates it again.`),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("id"), knownvalue.StringExact(id)),
				},
			},
		},
	})
}

// A create that outlives its timeout leaves the VM tainted too.
func TestAccGPUVM_createTimeout(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1, OpDelay: 4 * 1000 * 1000 * 1000})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{{
			Config:      d.GPUVM("vm", "slow", "Standard_NC4as_T4_v3", "rhel_7_4", "timeouts {\n    create = \"1s\"\n  }"),
			ExpectError: acctest.Message(`the create timeout ran out; raise timeouts.create if the device is slow`),
		}},
	})
}

// Import by identity needs Terraform 1.12; with an older Terraform the
// test skips, and TestIdentityImport checks the same code through the
// protocol.
func TestAccGPUVM_importByIdentity(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{
			{Config: d.GPUVM("vm", "ident", "Standard_NC4as_T4_v3", "rhel_7_4", "")},
			{
				ResourceName:    "azurestackedge_gpu_vm.vm",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

func TestAccGPUVM_importErrors(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	plain := createVMOutside(t, d, "plain", "Standard_D2_v2")
	dir := t.TempDir()
	_ = os.WriteFile(filepath.Join(dir, "x"), nil, 0o600)
	for _, tc := range []struct {
		name, id, want string
	}{
		{"malformed ID", "vm1", `"vm1" is not an ARM resource ID: it must start with /subscriptions/`},
		{"ID of another type", plain + "/extensions/x", `is not the ID of a Microsoft.Compute/virtualMachines`},
		{"not a GPU VM", plain, `has size Standard_D2_v2, which holds no GPU: azurestackedge_gpu_vm manages GPU VMs only`},
		{"missing VM", d.VMID(acctest.VMGroup, "nope"), `ResourceNotFound`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: d.Factories(),
				Steps: []resource.TestStep{{
					Config:        acctest.RequiredProviders() + d.GPUVM("vm", "x", "Standard_NC4as_T4_v3", "rhel_7_4", ""),
					ResourceName:  "azurestackedge_gpu_vm.vm",
					ImportState:   true,
					ImportStateId: tc.id,
					ExpectError:   acctest.Message(tc.want),
				}},
			})
		})
	}
}
