variable "name" {
  description = "Name of the GPU VM (and of its NIC, with -nic)."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the VM on the device."
  type        = string
}

variable "size" {
  description = "GPU VM size."
  type        = string
  default     = "Standard_NC4as_T4_v3"
}

variable "os" {
  description = "OS of the image: windows_server_2019, windows_server_2016, ubuntu_18_04 or rhel_7_4."
  type        = string
  default     = "rhel_7_4"
}

variable "image_id" {
  description = "ARM ID of the VM image (a generation 1 VHD) of that OS."
  type        = string
}

variable "subnet_id" {
  description = "ARM ID of the device's compute subnet."
  type        = string
}

variable "private_ip_address" {
  description = "Static address; null for DHCP."
  type        = string
  default     = null
}

variable "admin_username" {
  description = "Administrator user name."
  type        = string
  default     = "azureuser"
}

variable "admin_password" {
  description = "Administrator password (Windows; or Linux without an SSH key)."
  type        = string
  default     = null
  sensitive   = true
}

variable "ssh_public_key" {
  description = "SSH public key of the administrator (Linux)."
  type        = string
  default     = null
}

variable "driver_type" {
  description = "CUDA or GRID (Windows only); null for the default."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags of the VM."
  type        = map(string)
  default     = {}
}
