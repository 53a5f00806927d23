# A GPU VM with the NVIDIA driver, refused at plan time when the device
# has too few free GPUs for it.

data "azurestackedge_gpu_inventory" "device" {}

locals {
  vm_suffix = lower("/resourceGroups/${var.resource_group_name}/providers/Microsoft.Compute/virtualMachines/${var.name}")
  # GPUs this VM holds already (planning it again, or resizing it).
  held = sum(concat([0], [
    for c in data.azurestackedge_gpu_inventory.device.vm_claims : c.gpu_count if endswith(lower(c.virtual_machine_id), local.vm_suffix)
  ]))
  gpus_needed    = provider::azurestackedge::gpu_count(var.size)
  gpus_available = data.azurestackedge_gpu_inventory.device.free_gpus + local.held
}

resource "azurestackedge_gpu_vm" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  size                = var.size
  os                  = var.os
  image_id            = var.image_id
  subnet_id           = var.subnet_id
  private_ip_address  = var.private_ip_address
  admin_username      = var.admin_username
  admin_password      = var.admin_password
  ssh_public_key      = var.ssh_public_key
  tags                = var.tags

  lifecycle {
    precondition {
      condition = local.gpus_available >= local.gpus_needed
      error_message = format(
        "%s needs %d GPU(s) but the device has %d free (%d %s GPUs; Kubernetes holds %d). Free GPUs or pick a smaller size.",
        var.size, local.gpus_needed, data.azurestackedge_gpu_inventory.device.free_gpus,
        data.azurestackedge_gpu_inventory.device.total_gpus, data.azurestackedge_gpu_inventory.device.gpu_type,
        data.azurestackedge_gpu_inventory.device.kubernetes_gpus,
      )
    }
  }
}

resource "azurestackedge_gpu_extension" "driver" {
  virtual_machine_id = azurestackedge_gpu_vm.this.id
  driver_type        = var.driver_type
}
