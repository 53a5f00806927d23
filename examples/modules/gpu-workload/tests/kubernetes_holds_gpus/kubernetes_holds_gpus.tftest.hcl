# A device where a VM made outside Terraform holds one GPU and Kubernetes,
# configured after it, claimed the other: start the mock device from
# tests/kubernetes_holds_gpus/device.json, then
#   terraform test -test-directory=tests/kubernetes_holds_gpus

variables {
  name                = "tftest-k8s"
  resource_group_name = "ASERG"
  admin_password      = "Tftest-Passw0rd!"
}

# The device is the fixture's: without this run, a device that is full
# for another reason would pass the refusal below just as well.
run "kubernetes_holds_the_gpu_the_vm_left" {
  command = plan

  module {
    source = "./tests/kubernetes_holds_gpus/device"
  }

  assert {
    condition     = output.inventory.total_gpus == 2 && output.inventory.free_gpus == 0 && output.inventory.kubernetes_gpus == 1
    error_message = "Kubernetes should hold 1 of the device's 2 GPUs, and none be free"
  }
  assert {
    condition     = length(output.inventory.vm_claims) == 1 && output.inventory.vm_claims[0].name == "existing" && output.inventory.vm_claims[0].gpu_count == 1
    error_message = "the VM made outside Terraform, existing, should hold the other GPU"
  }
}

run "refuses_a_gpu_vm_when_kubernetes_holds_the_free_gpu" {
  command = plan

  # The module's precondition fails at plan, before anything is created:
  # its message says Kubernetes holds 1 of the 2 GPUs and the VM the other.
  expect_failures = [azurestackedge_gpu_vm.this]
}
