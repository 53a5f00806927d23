package provider_test

import (
	"context"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// memoryFor2GPUSize is the memory of a mock device whose VMs can take the
// 224 GiB 2-GPU sizes: more than a real 128 GiB device, for tests of the
// GPU arithmetic alone.
const memoryFor2GPUSize = 512

// On a 128 GiB device (96 GiB for VMs), two 56 GiB GPU VMs are refused at
// plan time naming memory, with the GPUs to spare; two 28 GiB ones plan and
// apply. The capacity API (device_id) and a declared memory_gib agree.
func TestAccGPUVM_memoryAcrossThePlan(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2, MemoryGiB: 128})
	tooBig := vms(d, 2, "Standard_NC8as_T4_v3")
	refusal := acctest.Message(`Not enough free memory on the device`)
	detail := acctest.Message(`This plan asks the device for 112 GiB of memory: ASERG/gpu1 (new, Standard_NC8as_T4_v3: 56 GiB), ` +
		`ASERG/gpu2 (new, Standard_NC8as_T4_v3: 56 GiB). The device has 128 GiB, gives VMs 96 GiB of it, and 96 GiB is free (no VM holds any).`)
	inv := "data.azurestackedge_gpu_inventory.this"
	resize := func(size1, size2 string) string {
		return d.GPUVM("vm1", "gpu1", size1, "rhel_7_4", "") + d.GPUVM("vm2", "gpu2", size2, "rhel_7_4", "")
	}
	declared := "provider \"azurestackedge\" {\n  gpu_count  = 2\n  memory_gib = 128\n}\n"
	// Without device_id, the declared memory_gib gives the same answer.
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(d.EnvWithout("AZURESTACKEDGE_DEVICE_ID")),
		Steps:                    []resource.TestStep{{Config: declared + tooBig, ExpectError: detail}},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: tooBig, ExpectError: refusal},
			{Config: tooBig, ExpectError: detail},
			{Config: vms(d, 2, "Standard_NC4as_T4_v3")},
			{
				// The inventory reads the device as the VMs left it.
				Config: vms(d, 2, "Standard_NC4as_T4_v3") + inventoryConfig,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(inv, "total_memory_gib", "128"),
					resource.TestCheckResourceAttr(inv, "memory_for_vms_gib", "96"),
					resource.TestCheckResourceAttr(inv, "free_memory_gib", "40"),
					resource.TestCheckResourceAttr(inv, "vm_memory_gib", "56"),
					resource.TestCheckResourceAttr(inv, "kubernetes_memory_gib", "0"),
					resource.TestCheckResourceAttr(inv, "memory_claims.#", "2"),
					resource.TestCheckResourceAttr(inv, "memory_claims.0.memory_gib", "28"),
				),
			},
			{
				Config:      resize("Standard_NC16as_T4_v3", "Standard_NC4as_T4_v3"),
				ExpectError: acctest.Message(`a VM of this size takes 110 GiB of memory, and the device gives VMs 96 GiB of its 128 GiB in all`),
			},
			// Growing one VM takes 28 GiB more of the 40 free ...
			{Config: resize("Standard_NC8as_T4_v3", "Standard_NC4as_T4_v3")},
			// ... and growing the other would take 28 more of the 12 left.
			{
				Config: resize("Standard_NC8as_T4_v3", "Standard_NC8as_T4_v3"),
				ExpectError: acctest.Message(`This plan asks the device for 28 GiB of memory: ASERG/gpu2 (resize, Standard_NC8as_T4_v3: needs 28 GiB more). ` +
					`The device has 128 GiB, gives VMs 96 GiB of it, and 12 GiB is free (gpu1 (Standard_NC8as_T4_v3, running) holds 56 GiB; gpu2 (Standard_NC4as_T4_v3, running) holds 28 GiB).`),
			},
		},
	})
}

// The Kubernetes role's memory shows in the inventory, as the capacity API
// reports it: held by a VM the device's ARM does not list.
func TestAccGPUInventory_kubernetesMemory(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	createVMOutside(t, d, "before", "Standard_NC4as_T4_v3")
	if err := d.ConfigureKubernetes(context.Background()); err != nil {
		t.Fatal(err)
	}
	inv := "data.azurestackedge_gpu_inventory.this"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{{
			Config: inventoryConfig,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(inv, "total_memory_gib", "128"),
				resource.TestCheckResourceAttr(inv, "kubernetes_memory_gib", "28"),
				resource.TestCheckResourceAttr(inv, "memory_for_vms_gib", "68"),
				resource.TestCheckResourceAttr(inv, "vm_memory_gib", "28"),
				resource.TestCheckResourceAttr(inv, "free_memory_gib", "40"),
				resource.TestCheckResourceAttr(inv, "memory_claims.0.name", "before"),
			),
		}},
	})
}

// Without device_id or memory_gib the provider cannot check memory: the
// device fails the VM that does not fit, after the apply, as the real one
// does, and the VM is recorded tainted.
func TestAccGPUVM_memoryUncheckedFailsOnTheDevice(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(d.EnvWithout("AZURESTACKEDGE_DEVICE_ID")),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{{
			Config:      "provider \"azurestackedge\" {\n  gpu_count = 2\n}\n" + vms(d, 2, "Standard_NC8as_T4_v3"),
			ExpectError: acctest.Message(`Not enough memory to create the VM: the size Standard_NC8as_T4_v3 needs 56 GiB of memory; 40 GiB of the 96 GiB the device gives VMs are free.`),
		}},
	})
}
