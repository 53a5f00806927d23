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

variable "admin_password" {
  type      = string
  sensitive = true
}

# The module finds each image by name and OS type, and the compute
# subnet, on the device.
module "inference" {
  source              = "../modules/gpu-workload"
  name                = "inference-01"
  resource_group_name = "ASERG"
  os                  = "ubuntu_18_04"
  image_name          = "ubuntu-18-04"
  admin_password      = var.admin_password
  custom_data         = base64encode("#cloud-config\npackages: [nvidia-container-toolkit]\n")
  data_disks          = [{ lun = 0, size_gb = 256, caching = "ReadOnly", name = "inference-01-models" }]
}

module "render" {
  source              = "../modules/gpu-workload"
  name                = "render-01"
  resource_group_name = "ASERG"
  os                  = "windows_server_2019"
  image_name          = "windows-server-2019"
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
