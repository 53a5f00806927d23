output "vm_id" {
  description = "ARM ID of the GPU VM."
  value       = azurestackedge_gpu_vm.this.id
}

output "private_ip_address" {
  description = "The VM's address."
  value       = azurestackedge_gpu_vm.this.private_ip_address
}

output "gpu_count" {
  description = "GPUs the VM holds."
  value       = azurestackedge_gpu_vm.this.gpu_count
}

output "gpu_type" {
  description = "GPU type of the VM's size."
  value       = azurestackedge_gpu_vm.this.gpu_type
}

output "driver" {
  description = "The GPU driver extension: type, version and state."
  value = {
    type    = azurestackedge_gpu_extension.driver.type
    version = azurestackedge_gpu_extension.driver.type_handler_version
    state   = azurestackedge_gpu_extension.driver.provisioning_state
  }
}
