# Two GPU workloads fill a 2-GPU device: one Linux inference VM and one
# Windows VM with GRID drivers. A third would be refused at plan time.

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
  description = "The device's subscription."
  type        = string
}

variable "admin_password" {
  type      = string
  sensitive = true
}

locals {
  images    = "/subscriptions/${var.subscription_id}/resourceGroups/ASEImages/providers/Microsoft.Compute/images"
  subnet_id = "/subscriptions/${var.subscription_id}/resourceGroups/ASERG/providers/Microsoft.Network/virtualNetworks/ASEVNET/subnets/ASEVNETsubNet"
}

module "inference" {
  source              = "../modules/gpu-workload"
  name                = "inference-01"
  resource_group_name = "ASERG"
  os                  = "ubuntu_18_04"
  image_id            = "${local.images}/ubuntu-18-04"
  subnet_id           = local.subnet_id
  admin_password      = var.admin_password
}

module "render" {
  source              = "../modules/gpu-workload"
  name                = "render-01"
  resource_group_name = "ASERG"
  os                  = "windows_server_2019"
  image_id            = "${local.images}/windows-server-2019"
  subnet_id           = local.subnet_id
  admin_username      = "gpuadmin"
  admin_password      = var.admin_password
  driver_type         = "GRID"
}

output "vms" {
  value = {
    inference = module.inference.private_ip_address
    render    = module.render.private_ip_address
  }
}
