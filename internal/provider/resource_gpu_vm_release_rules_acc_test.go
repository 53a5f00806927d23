package provider_test

import (
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// On release 2205, whose release notes say "When the GPU VMs are stopped,
// Kubernetes will take over the GPUs", a deallocated GPU VM loses its GPU
// to Kubernetes: the inventory shows it, and the plan to start the VM again
// is refused before anything reaches the device.
func TestAccGPUVM_stoppedVMLosesItsGPUOn2205(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1, Release: catalog.MustRelease("2205")})
	running := d.GPUVM("vm", "gpu1", "Standard_NC4as_T4_v3", "rhel_7_4", "")
	stopped := d.GPUVM("vm", "gpu1", "Standard_NC4as_T4_v3", "rhel_7_4", `power_state = "deallocated"`)
	inventory := func(attr string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.azurestackedge_gpu_inventory.this", tfjsonpath.New(attr), v)
	}
	var writesBefore int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{
			{Config: running},
			{Config: stopped},
			{
				PreConfig: func() { configureKubernetes(t, d) },
				Config:    stopped + inventoryConfig,
				ConfigStateChecks: []statecheck.StateCheck{
					inventory("kubernetes_gpus", knownvalue.Int64Exact(1)),
					inventory("free_gpus", knownvalue.Int64Exact(0)),
					inventory("vm_claims", knownvalue.ListSizeExact(0)), // the stopped VM holds no GPU
				},
			},
			{
				PreConfig: func() { writesBefore = writes(d) },
				Config:    running + inventoryConfig,
				ExpectError: acctest.Message(`power_state = "running": VM ` + acctest.VMGroup + `/gpu1 is stopped, and on release 2205 a stopped GPU VM gives up its GPU; ` +
					`"When the GPU VMs are stopped, Kubernetes will take over the GPUs that were used originally by VMs" (source: Azure Stack Edge release notes 2103 to 2205 (GPU VMs known issue)).`),
			},
			{
				PreConfig: func() {
					if n := writes(d) - writesBefore; n != 0 {
						t.Errorf("the refused start wrote to the device (%d writes)", n)
					}
				},
				Config: stopped + inventoryConfig,
			},
		},
	})
}

// From 2207 on the release notes no longer say so: a deallocated GPU VM
// keeps its GPU, Kubernetes gets none, and the VM starts again.
func TestAccGPUVM_stoppedVMKeepsItsGPUOn2207(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1, Release: catalog.MustRelease("2207")})
	running := d.GPUVM("vm", "gpu1", "Standard_NC4as_T4_v3", "rhel_7_4", "")
	stopped := d.GPUVM("vm", "gpu1", "Standard_NC4as_T4_v3", "rhel_7_4", `power_state = "deallocated"`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{
			{Config: running},
			{Config: stopped},
			{
				PreConfig: func() { configureKubernetes(t, d) },
				Config:    stopped + inventoryConfig,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.azurestackedge_gpu_inventory.this", tfjsonpath.New("kubernetes_gpus"), knownvalue.Int64Exact(0)),
				},
			},
			{Config: running},
		},
	})
}

// An OS outside the tested list needs allow_untested_os; with it, the VM
// (with the vendor's sample password, a warning only) and its GPU driver
// extension deploy.
func TestAccGPUVM_untestedOS(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	ws2022 := strings.Replace(d.GPUVM("vm", "ws22", "Standard_NC4as_T4_v3", "windows_server_2022", ""),
		`admin_password = "Secret-Passw0rd!"`, `admin_password = "Password1"`, 1)
	allowed := strings.Replace(ws2022, `admin_username      = "azureuser"`, "admin_username      = \"azureuser\"\n  allow_untested_os   = true", 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{
			{
				Config: ws2022,
				ExpectError: acctest.Message(`os = "windows_server_2022": the NVIDIA GPU driver extension was tested on Windows Server 2019, Windows Server 2016, ` +
					`Ubuntu 18.04 LTS and Red Hat Enterprise Linux 7.4 only, not on Windows Server 2022`),
			},
			{Config: ws2022, ExpectError: acctest.Message(`or set allow_untested_os = true to run Windows Server 2022 untested`)},
			{
				Config: allowed + extension(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("allow_untested_os"), knownvalue.Bool(true)),
					expect("type", knownvalue.StringExact(catalog.DriverTypeWindows)),
					expect("type_handler_version", knownvalue.StringExact("1.5")),
					expect("provisioning_state", knownvalue.StringExact("Succeeded")),
				},
			},
		},
	})
}

// Ubuntu 18.04's driver is dropped from 2407 (its release notes): without
// the opt-in the plan is refused, with it the driver is planned.
func TestAccGPUVM_ubuntu1804DroppedFrom2407(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1, Release: catalog.MustRelease("2407")})
	vm := d.GPUVM("vm", "u1804", "Standard_NC4as_T4_v3", "ubuntu_18_04", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{
			{
				Config: vm,
				ExpectError: acctest.Message(`os = "ubuntu_18_04": the NVIDIA GPU driver extension is no longer supported on Ubuntu 18.04 LTS GPU VMs from release 2407 on ` +
					`(source: Azure Stack Edge 2407 release notes; Azure Stack Edge docs: GPU VMs overview (08/2024))`),
			},
			{
				Config: strings.Replace(vm, `admin_username      = "azureuser"`, "admin_username      = \"azureuser\"\n  allow_untested_os   = true", 1) + extension(""),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("type", knownvalue.StringExact(catalog.DriverTypeLinux)),
					expect("type_handler_version", knownvalue.StringExact("1.8")),
				},
			},
		},
	})
}

// allow_untested_os changes in place and asks nothing of the device.
func TestAccGPUVM_allowUntestedOSInPlace(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	vm := d.GPUVM("vm", "rhel1", "Standard_NC4as_T4_v3", "rhel_7_4", "")
	allowed := d.GPUVM("vm", "rhel1", "Standard_NC4as_T4_v3", "rhel_7_4", "  allow_untested_os = true")
	var before int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{
			{
				Config: vm,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("allow_untested_os"), knownvalue.Bool(false)),
				},
			},
			{
				PreConfig: func() { before = writes(d) },
				Config:    allowed,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("azurestackedge_gpu_vm.vm", plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("allow_untested_os"), knownvalue.Bool(true)),
				},
			},
			{
				PreConfig: func() {
					if n := writes(d) - before; n != 0 {
						t.Errorf("changing allow_untested_os wrote to the device (%d writes)", n)
					}
				},
				Config: vm,
			},
		},
	})
}

// On 2205 a VM that stays deallocated holds no GPU, so resizing it asks
// for none, even while Kubernetes holds every GPU.
func TestAccGPUVM_resizeStoppedVMOn2205(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1, Release: catalog.MustRelease("2205")})
	stopped := func(size string) string {
		return d.GPUVM("vm", "gpu1", size, "rhel_7_4", `power_state = "deallocated"`)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{
			{Config: d.GPUVM("vm", "gpu1", "Standard_NC4as_T4_v3", "rhel_7_4", "")},
			{Config: stopped("Standard_NC4as_T4_v3")},
			{
				PreConfig: func() { configureKubernetes(t, d) },
				Config:    stopped("Standard_NC8as_T4_v3"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("azurestackedge_gpu_vm.vm", tfjsonpath.New("size"), knownvalue.StringExact("Standard_NC8as_T4_v3")),
				},
			},
			{
				Config:      d.GPUVM("vm", "gpu1", "Standard_NC8as_T4_v3", "rhel_7_4", ""),
				ExpectError: acctest.Message(`Kubernetes took this stopped VM's GPU`),
			},
			{Config: stopped("Standard_NC8as_T4_v3")},
		},
	})
}
