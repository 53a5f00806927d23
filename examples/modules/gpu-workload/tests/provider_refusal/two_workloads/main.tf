# Two instances of the gpu-workload module in one plan.

terraform {
  required_providers {
    azurestackedge = {
      source = "asegpu/azurestackedge"
    }
  }
}

variable "image_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

module "workload" {
  source   = "../../.."
  for_each = toset(["tftest-one", "tftest-two"])

  name                = each.key
  resource_group_name = "ASERG"
  image_id            = var.image_id
  subnet_id           = var.subnet_id
  admin_password      = "Tftest-Passw0rd!"
}
