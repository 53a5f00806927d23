# A device where a VM made outside Terraform holds one GPU and Kubernetes,
# configured after it, claimed the other: start the mock device from
# tests/kubernetes_holds_gpus/device.json, then
#   terraform test -test-directory=tests/kubernetes_holds_gpus

variables {
  name                = "tftest-k8s"
  resource_group_name = "ASERG"
  admin_password      = "Tftest-Passw0rd!"
}

run "refuses_a_gpu_vm_when_kubernetes_holds_the_free_gpu" {
  command = plan

  # The module's precondition fails at plan, before anything is created:
  # its message says Kubernetes holds 1 of the 2 GPUs and the VM the other.
  expect_failures = [azurestackedge_gpu_vm.this]
}
