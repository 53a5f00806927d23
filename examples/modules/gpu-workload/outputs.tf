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

output "data_disks" {
  description = "The VM's data disks: name, LUN, size in GB and ARM ID."
  value       = [for d in coalesce(azurestackedge_gpu_vm.this.data_disks, []) : { name = d.name, lun = d.lun, size_gb = d.size_gb, id = d.id }]
}

output "image_id" {
  description = "The image the VM was made from: given, or found on the device."
  value       = azurestackedge_gpu_vm.this.image_id
}

output "subnet_id" {
  description = "The subnet of the VM's NIC: given, or found on the device."
  value       = azurestackedge_gpu_vm.this.subnet_id
}
