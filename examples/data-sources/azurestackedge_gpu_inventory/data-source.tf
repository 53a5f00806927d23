data "azurestackedge_gpu_inventory" "device" {}

output "free_gpus" {
  value = data.azurestackedge_gpu_inventory.device.free_gpus
}

# Who holds the GPUs: the GPU VMs, and Kubernetes.
output "gpu_holders" {
  value = merge(
    { for c in data.azurestackedge_gpu_inventory.device.vm_claims : c.name => c.gpu_count },
    { kubernetes = data.azurestackedge_gpu_inventory.device.kubernetes_gpus },
  )
}
