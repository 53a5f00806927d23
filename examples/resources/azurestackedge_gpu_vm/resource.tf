locals {
  subscription = "a3f0b6c2-5d1e-4c7a-9e2b-7f3d8c1a6b40"
  # The compute network, created when compute is enabled on a port.
  subnet_id = "/subscriptions/${local.subscription}/resourceGroups/ASERG/providers/Microsoft.Network/virtualNetworks/ASEVNET/subnets/ASEVNETsubNet"
}

# A Linux GPU VM signed in to with an SSH key, its address from DHCP.
resource "azurestackedge_gpu_vm" "inference" {
  name                = "inference-01"
  resource_group_name = "myasegpurg"
  size                = "Standard_NC4as_T4_v3"
  os                  = "ubuntu_18_04"
  image_id            = "/subscriptions/${local.subscription}/resourceGroups/myasegpurg/providers/Microsoft.Compute/images/ubuntu-18-04"
  subnet_id           = local.subnet_id
  admin_username      = "azureuser"
  ssh_public_key      = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB6rJ8mYxXbA5y4eM2bI9rH0mHk3S2d0i2nH3m9nqk0x ops@example"

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
  image_id                  = "/subscriptions/${local.subscription}/resourceGroups/myasegpurg/providers/Microsoft.Compute/images/windows-server-2019"
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
