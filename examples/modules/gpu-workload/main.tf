# A GPU VM with the NVIDIA driver, refused at plan time when the device
# has too few free GPUs for it.

data "azurestackedge_gpu_inventory" "device" {}

# The image and the subnet, found on the device when not given.
data "azurestackedge_images" "found" {
  count   = var.image_id == null ? 1 : 0
  name    = var.image_name
  os_type = startswith(var.os, "windows") ? "Windows" : "Linux"
}

data "azurestackedge_virtual_networks" "found" {
  count = var.subnet_id == null ? 1 : 0
  name  = var.virtual_network_name
}

locals {
  vm_suffix = lower("/resourceGroups/${var.resource_group_name}/providers/Microsoft.Compute/virtualMachines/${var.name}")
  # GPUs this VM holds already (planning it again, or resizing it).
  held = sum(concat([0], [
    for c in data.azurestackedge_gpu_inventory.device.vm_claims : c.gpu_count if endswith(lower(c.virtual_machine_id), local.vm_suffix)
  ]))
  gpus_needed    = provider::azurestackedge::gpu_count(var.size)
  gpus_available = data.azurestackedge_gpu_inventory.device.free_gpus + local.held

  found_images  = var.image_id == null ? data.azurestackedge_images.found[0].images : []
  found_subnets = var.subnet_id == null ? flatten(data.azurestackedge_virtual_networks.found[0].virtual_networks[*].subnets) : []
  image_id      = var.image_id != null ? var.image_id : try(local.found_images[0].id, null)
  subnet_id     = var.subnet_id != null ? var.subnet_id : try(local.found_subnets[0].id, null)
}

resource "azurestackedge_gpu_vm" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  size                = var.size
  os                  = var.os
  image_id            = local.image_id
  subnet_id           = local.subnet_id
  private_ip_address  = var.private_ip_address
  admin_username      = var.admin_username
  admin_password      = var.admin_password
  ssh_public_key      = var.ssh_public_key
  tags                = var.tags
  custom_data         = var.custom_data
  data_disks          = length(var.data_disks) > 0 ? var.data_disks : null

  lifecycle {
    precondition {
      condition     = var.image_id != null || length(local.found_images) == 1
      error_message = format("image_id is not set, and the device has %d images of this OS type%s: set image_name or image_id.", length(local.found_images), var.image_name == null ? "" : " named ${var.image_name}")
    }
    precondition {
      condition     = var.subnet_id != null || length(local.found_subnets) == 1
      error_message = format("subnet_id is not set, and the device has %d subnets%s: set virtual_network_name or subnet_id.", length(local.found_subnets), var.virtual_network_name == null ? "" : " in ${var.virtual_network_name}")
    }
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
