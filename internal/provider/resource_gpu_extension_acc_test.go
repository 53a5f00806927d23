package provider_test

import (
	"context"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func extension(extra string) string {
	return `
resource "azurestackedge_gpu_extension" "driver" {
  virtual_machine_id = azurestackedge_gpu_vm.vm.id
` + extra + `
}
`
}

func expect(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue("azurestackedge_gpu_extension.driver", tfjsonpath.New(attr), v)
}

// A Linux GPU VM and its driver: defaults of release 2309 (1.8, {}),
// installed; settings written in any key order or spacing make no diff;
// import by ID; destroy leaves nothing.
func TestAccGPUExtension_linux(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1, Release: catalog.MustRelease("2309")})
	env := d.Env()
	env["AZURESTACKEDGE_DEVICE_RELEASE"] = "2309"
	vm := d.GPUVM("vm", "lin", "Standard_NC4as_T4_v3", "rhel_7_4", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(env),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				Config: vm + extension(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					// Known at plan time, from the planned VM.
					plancheck.ExpectKnownValue("azurestackedge_gpu_extension.driver", tfjsonpath.New("type_handler_version"), knownvalue.StringExact("1.8")),
					plancheck.ExpectKnownValue("azurestackedge_gpu_extension.driver", tfjsonpath.New("type"), knownvalue.StringExact("NvidiaGpuDriverLinux")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expect("publisher", knownvalue.StringExact("Microsoft.HpcCompute")),
					expect("type", knownvalue.StringExact("NvidiaGpuDriverLinux")),
					expect("type_handler_version", knownvalue.StringExact("1.8")),
					expect("settings", knownvalue.StringExact("{}")),
					expect("name", knownvalue.StringExact("gpu-driver")),
					expect("provisioning_state", knownvalue.StringExact("Succeeded")),
					expect("status_message", knownvalue.StringExact("Enable Extension")),
					expect("id", knownvalue.StringExact(d.VMID(acctest.VMGroup, "lin")+"/extensions/gpu-driver")),
				},
			},
			{
				// Same JSON, other spelling: nothing to do.
				Config: vm + extension(`settings = "{ \"InstallCUDA\" : \"true\",  \"CUDA_ver\": \"10.0.130\" }"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_extension.driver", plancheck.ResourceActionUpdate),
				}},
			},
			{
				Config: vm + extension(`settings = jsonencode({ CUDA_ver = "10.0.130", InstallCUDA = "true" })`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{
				ResourceName:      "azurestackedge_gpu_extension.driver",
				ImportState:       true,
				ImportStateVerify: true,
				// Import reads settings as the device spells them; the
				// check below compares them as JSON.
				ImportStateVerifyIgnore: []string{"timeouts", "settings"},
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if got := states[0].Attributes["settings"]; !catalog.SameSettings(got, `{"CUDA_ver":"10.0.130","InstallCUDA":"true"}`) {
						return &stateError{"imported settings " + got}
					}
					return nil
				},
			},
		},
	})
}

// Windows: CUDA by default before 2205 (1.3, the 442.50 driver); GRID on a
// later release (1.5, the 511.65 driver), changed in place.
func TestAccGPUExtension_windows(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	for _, tc := range []struct {
		release, version, url string
	}{
		{"2203", "1.3", "442.50-tesla-desktop-winserver-2019-2016-international.exe"},
		{"2309", "1.5", "511.65-data-center-tesla-desktop-winserver-2016-2019-2022-dch-international.exe"},
	} {
		t.Run(tc.release, func(t *testing.T) {
			t.Parallel()
			d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1, Release: catalog.MustRelease(tc.release)})
			env := d.Env()
			env["AZURESTACKEDGE_DEVICE_RELEASE"] = tc.release
			vm := d.GPUVM("vm", "win", "Standard_NC4as_T4_v3", "windows_server_2016", "")
			settingsHave := func(parts ...string) statecheck.StateCheck {
				return expect("settings", knownvalue.StringFunc(func(v string) error {
					for _, p := range parts {
						if !strings.Contains(v, p) {
							return &stateError{"settings " + v + " lack " + p}
						}
					}
					return nil
				}))
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(env),
				CheckDestroy:             d.CheckNothingLeft,
				Steps: []resource.TestStep{
					{
						Config: vm + extension(""),
						ConfigStateChecks: []statecheck.StateCheck{
							expect("type", knownvalue.StringExact("NvidiaGpuDriverWindows")),
							expect("type_handler_version", knownvalue.StringExact(tc.version)),
							settingsHave(tc.url, `"DriverType":"CUDA"`, `"DriverCertificateUrl":"https://go.microsoft.com/fwlink/?linkid=871664"`),
						},
					},
					{
						Config: vm + extension(`driver_type = "GRID"`),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction("azurestackedge_gpu_extension.driver", plancheck.ResourceActionUpdate),
						}},
						ConfigStateChecks: []statecheck.StateCheck{settingsHave(`"DriverType":"GRID"`, tc.url)},
					},
				},
			})
		})
	}
}

// A failed install (the compute port has no internet) stays in state as
// tainted, with the device's message and what to do; the next apply
// installs it again.
func TestAccGPUExtension_failedInstall(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	config := d.GPUVM("vm", "nonet", "Standard_NC4as_T4_v3", "ubuntu_18_04", "") + extension("")
	extID := d.VMID(acctest.VMGroup, "nonet") + "/extensions/gpu-driver"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				PreConfig: func() { d.FailNextOperation(extID, mockdevice.FailNext{NoInternet: true}) },
				Config:    config,
				ExpectError: acctest.Message(`the NVIDIA driver download failed because the VM's compute network port has no internet access'. ` +
					`The extension downloads the NVIDIA driver during the install, so the port the device's compute network uses must reach the internet.`),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_extension.driver", plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{expect("provisioning_state", knownvalue.StringExact("Succeeded"))},
			},
		},
	})
}

// An extension removed outside Terraform is installed again; one whose VM
// was replaced is installed again on the new VM.
func TestAccGPUExtension_drift(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	vm := d.GPUVM("vm", "drift", "Standard_NC4as_T4_v3", "rhel_7_4", "")
	extID := d.VMID(acctest.VMGroup, "drift") + "/extensions/gpu-driver"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: vm + extension("")},
			{
				PreConfig: func() {
					if _, err := device.Await(d.Client(t).BeginDeleteExtension(context.Background(), extID)); err != nil {
						t.Fatal(err)
					}
				},
				Config: vm + extension(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_extension.driver", plancheck.ResourceActionCreate),
				}},
			},
			{
				Config: strings.Replace(vm, `admin_username      = "azureuser"`, `admin_username      = "operator"`, 1) + extension(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectResourceAction("azurestackedge_gpu_extension.driver", plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{expect("provisioning_state", knownvalue.StringExact("Succeeded"))},
			},
		},
	})
}

func TestAccGPUExtension_planTimeRejections(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2, Release: catalog.MustRelease("2309")})
	env := d.Env()
	env["AZURESTACKEDGE_DEVICE_RELEASE"] = "2309"
	plain := createVMOutside(t, d, "plain", "Standard_D2_v2")
	withDriver := createVMOutside(t, d, "hasdriver", "Standard_NC4as_T4_v3")
	if _, err := device.Await(d.Client(t).BeginPutExtension(context.Background(), withDriver+"/extensions/old-driver", device.Extension{
		Location: "dbelocal", Properties: device.ExtensionProperties{Publisher: "Microsoft.HpcCompute", Type: "NvidiaGpuDriverLinux", TypeHandlerVersion: "1.8"},
	})); err != nil {
		t.Fatal(err)
	}
	linux := d.GPUVM("vm", "lin", "Standard_NC4as_T4_v3", "rhel_7_4", "")
	byID := func(id, extra string) string {
		return `
resource "azurestackedge_gpu_extension" "driver" {
  virtual_machine_id = "` + id + `"
` + extra + `
}
`
	}
	for _, tc := range []struct {
		name, config, want string
	}{
		{"VM without a GPU", byID(plain, ""), `the VM's size = "Standard_D2_v2": Standard_D2_v2 is a general-purpose size with no GPU`},
		{"missing VM", byID(d.VMID(acctest.VMGroup, "nope"), ""), `the device has no such VM`},
		{"driver type on Linux", linux + extension(`driver_type = "GRID"`), `driver_type = "GRID": the Linux extension installs CUDA drivers and takes no driver type (source: Azure Stack Edge docs: install the GPU extension)`},
		{"version the release lacks", linux + extension(`type_handler_version = "1.3"`), `type_handler_version = "1.3": release 2309 has version 1.8 of NvidiaGpuDriverLinux (source: Azure Stack Edge docs: install the GPU extension)`},
		{"settings not an object", linux + extension(`settings = "[1, 2]"`), `settings must be a JSON object, not an array`},
		{"settings not JSON", linux + extension(`settings = "{"`), `Invalid JSON String Value`},
		{"driver type against settings", d.GPUVM("vm", "win", "Standard_NC4as_T4_v3", "windows_server_2019", "") +
			extension(`driver_type = "GRID"
  settings = jsonencode({ DriverType = "CUDA" })`), `settings give DriverType CUDA but driver_type is "GRID"; set the driver kind in one place`},
		{"second driver in the plan", linux + extension("") + `
resource "azurestackedge_gpu_extension" "again" {
  virtual_machine_id = azurestackedge_gpu_vm.vm.id
  name               = "another-driver"
}
`, `a VM takes one GPU driver extension (the device refuses a second: "Multiple VMExtensions per handler not supported")`},
		{"second driver on the device", byID(withDriver, ""), `already has GPU driver extension old-driver (NvidiaGpuDriverLinux 1.8)`},
		{"VM deallocated", d.GPUVM("vm", "lin", "Standard_NC4as_T4_v3", "rhel_7_4", `power_state = "deallocated"`) + extension(""),
			`the VM is deallocated, and the device refuses to install or change extensions on a VM that is not running`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := writes(d)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(env),
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: reportedAt(extensionRejectionsAt, tc.name, tc.want)}},
			})
			if writes(d) != before {
				t.Error("the refused plan wrote to the device")
			}
		})
	}
}

// extensionRejectionsAt: see vmRejectionsAt. The extension's name is left
// out of these configurations, so its errors show the resource block.
var extensionRejectionsAt = map[string]where{
	"second driver on the device": {"VM already has a GPU driver extension", ""},
	"missing VM":                  {"VM not found", "virtual_machine_id"},
	"VM without a GPU":            {"VM cannot take the GPU driver", "virtual_machine_id"},
}

func TestAccGPUExtension_importErrors(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	vm := createVMOutside(t, d, "other", "Standard_NC4as_T4_v3")
	if _, err := device.Await(d.Client(t).BeginPutExtension(context.Background(), vm+"/extensions/script", device.Extension{
		Location: "dbelocal", Properties: device.ExtensionProperties{Publisher: "Microsoft.Azure.Extensions", Type: "CustomScript", TypeHandlerVersion: "2.1"},
	})); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, id, want string }{
		{"VM ID", vm, `is not the ID of a Microsoft.Compute/virtualMachines/extensions`},
		{"not a driver", vm + "/extensions/script", `is Microsoft.Azure.Extensions.CustomScript; azurestackedge_gpu_extension manages the NVIDIA GPU driver extension`},
		{"missing", vm + "/extensions/nope", `ResourceNotFound`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: d.Factories(),
				Steps: []resource.TestStep{{
					Config:        acctest.RequiredProviders() + `resource "azurestackedge_gpu_extension" "driver" { virtual_machine_id = "` + vm + `" }`,
					ResourceName:  "azurestackedge_gpu_extension.driver",
					ImportState:   true,
					ImportStateId: tc.id,
					ExpectError:   acctest.Message(tc.want),
				}},
			})
		})
	}
}
