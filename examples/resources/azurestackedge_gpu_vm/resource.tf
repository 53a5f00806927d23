# The images and the compute network (created when compute is enabled on
# a port) are found on the device rather than hard-coded.
data "azurestackedge_images" "ubuntu" {
  name = "ubuntu-18-04"
}

data "azurestackedge_images" "windows" {
  name = "windows-server-2019"
}

data "azurestackedge_virtual_networks" "compute" {}

locals {
  subnet_id = one(flatten(data.azurestackedge_virtual_networks.compute.virtual_networks[*].subnets)).id
}

# A Linux GPU VM signed in to with an SSH key, its address from DHCP, with a
# data disk for models that cloud-init formats and mounts at first boot.
resource "azurestackedge_gpu_vm" "inference" {
  name                = "inference-01"
  resource_group_name = "myasegpurg"
  size                = "Standard_NC4as_T4_v3"
  os                  = "ubuntu_18_04"
  image_id            = one(data.azurestackedge_images.ubuntu.images).id
  subnet_id           = local.subnet_id
  admin_username      = "azureuser"
  ssh_public_key      = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB6rJ8mYxXbA5y4eM2bI9rH0mHk3S2d0i2nH3m9nqk0x ops@example"
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

  data_disks = [
    { lun = 0, size_gb = 512, caching = "ReadOnly", name = "inference-01-models" },
    { lun = 1, size_gb = 128 }, # named inference-01_DataDisk_1
  ]

  tags = {
    workload = "inference"
  }
}

# A Windows GPU VM with a static address and a write-only password
# (Terraform 1.11 or later: the password is in neither plan nor state).
resource "azurestackedge_gpu_vm" "render" {
  name                      = "render-01"
  resource_group_name       = "myasegpurg"
  size                      = "Standard_NC8as_T4_v3"
  os                        = "windows_server_2019"
  image_id                  = one(data.azurestackedge_images.windows.images).id
  subnet_id                 = local.subnet_id
  private_ip_address        = "10.57.50.61"
  admin_username            = "gpuadmin"
  admin_password_wo         = var.render_admin_password
  admin_password_wo_version = 1
  power_state               = "running"

  timeouts {
    create = "60m"
  }
}

variable "render_admin_password" {
  type      = string
  sensitive = true
  ephemeral = true
}
