# The NVIDIA driver of a Linux GPU VM: type, version and settings follow the
# VM's OS and the device release.
resource "azurestackedge_gpu_extension" "inference" {
  virtual_machine_id = azurestackedge_gpu_vm.inference.id
}

# GRID drivers on a Windows GPU VM.
resource "azurestackedge_gpu_extension" "render" {
  virtual_machine_id = azurestackedge_gpu_vm.render.id
  driver_type        = "GRID"

  timeouts {
    create = "45m"
  }
}
