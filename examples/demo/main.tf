# The demo (make demo): GPU VMs with their NVIDIA drivers, a data disk and
# cloud-init each, on a 2-GPU mock device, and the device's GPU and memory
# inventory. The demo script points the
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

variable "vm_count" {
  description = "How many 1-GPU VMs to run."
  type        = number
  default     = 2
}

# The image and the compute subnet are found on the device, not hard-coded.
data "azurestackedge_images" "rhel" {
  name    = "rhel-7-4"
  os_type = "Linux"
}

data "azurestackedge_virtual_networks" "compute" {}

locals {
  subnet_id = one(flatten(data.azurestackedge_virtual_networks.compute.virtual_networks[*].subnets)).id
}

resource "azurestackedge_gpu_vm" "demo" {
  count = var.vm_count

  name                = "demo-gpu-${count.index + 1}"
  resource_group_name = "ASERG"
  size                = "Standard_NC4as_T4_v3"
  os                  = "rhel_7_4"
  image_id            = one(data.azurestackedge_images.rhel.images).id
  subnet_id           = local.subnet_id
  admin_username      = "azureuser"
  ssh_public_key      = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB6rJ8mYxXbA5y4eM2bI9rH0mHk3S2d0i2nH3m9nqk0x demo@example"
  tags                = { demo = "true" }

  # cloud-init formats and mounts the data disk for models at first boot.
  custom_data = base64encode(<<-EOT
    #cloud-config
    disk_setup:
      /dev/disk/azure/scsi1/lun0: { table_type: gpt, layout: true }
    fs_setup:
      - { device: /dev/disk/azure/scsi1/lun0, partition: 1, filesystem: ext4 }
    mounts:
      - [/dev/disk/azure/scsi1/lun0-part1, /models]
  EOT
  )
  data_disks = [{ lun = 0, size_gb = 128 }]
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
      disks   = [for d in vm.data_disks : "${d.name}: ${d.size_gb} GB at LUN ${d.lun}"]
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

output "memory_gib" {
  value = {
    total   = data.azurestackedge_gpu_inventory.after.total_memory_gib
    for_vms = data.azurestackedge_gpu_inventory.after.memory_for_vms_gib
    free    = data.azurestackedge_gpu_inventory.after.free_memory_gib
  }
}
