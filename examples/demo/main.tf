# The demo (make demo): GPU VMs with their NVIDIA drivers on a 2-GPU mock
# device, and the device's GPU inventory. The demo script points the
# provider at the mock device through the environment the device prints.

terraform {
  required_version = ">= 1.8.0"
  required_providers {
    azurestackedge = {
      source = "asegpu/azurestackedge"
    }
  }
}

provider "azurestackedge" {}

variable "subscription_id" {
  description = "The device's subscription (the demo passes the mock's)."
  type        = string
}

variable "vm_count" {
  description = "How many 1-GPU VMs to run."
  type        = number
  default     = 2
}

locals {
  images    = "/subscriptions/${var.subscription_id}/resourceGroups/ASEImages/providers/Microsoft.Compute/images"
  subnet_id = "/subscriptions/${var.subscription_id}/resourceGroups/ASERG/providers/Microsoft.Network/virtualNetworks/ASEVNET/subnets/ASEVNETsubNet"
}

resource "azurestackedge_gpu_vm" "demo" {
  count = var.vm_count

  name                = "demo-gpu-${count.index + 1}"
  resource_group_name = "ASERG"
  size                = "Standard_NC4as_T4_v3"
  os                  = "rhel_7_4"
  image_id            = "${local.images}/rhel-7-4"
  subnet_id           = local.subnet_id
  admin_username      = "azureuser"
  ssh_public_key      = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB6rJ8mYxXbA5y4eM2bI9rH0mHk3S2d0i2nH3m9nqk0x demo@example"
  tags                = { demo = "true" }
}

resource "azurestackedge_gpu_extension" "driver" {
  count              = var.vm_count
  virtual_machine_id = azurestackedge_gpu_vm.demo[count.index].id
}

# Read after the VMs exist, so it shows who holds the GPUs now.
data "azurestackedge_gpu_inventory" "after" {
  depends_on = [azurestackedge_gpu_extension.driver]
}

output "vms" {
  value = {
    for i, vm in azurestackedge_gpu_vm.demo : vm.name => {
      address = vm.private_ip_address
      gpus    = vm.gpu_count
      driver  = "${azurestackedge_gpu_extension.driver[i].type} ${azurestackedge_gpu_extension.driver[i].type_handler_version}: ${azurestackedge_gpu_extension.driver[i].provisioning_state}"
    }
  }
}

output "gpu_inventory" {
  value = {
    total      = data.azurestackedge_gpu_inventory.after.total_gpus
    free       = data.azurestackedge_gpu_inventory.after.free_gpus
    kubernetes = data.azurestackedge_gpu_inventory.after.kubernetes_gpus
    held_by    = { for c in data.azurestackedge_gpu_inventory.after.vm_claims : c.name => c.gpu_count }
    source     = data.azurestackedge_gpu_inventory.after.source
  }
}
