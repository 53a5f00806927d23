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
  description = "ARM ID of the VM image (a generation 1 VHD) of that OS; null to find it on the device (by image_name and the OS type of os)."
  type        = string
  default     = null
}

variable "image_name" {
  description = "Name of the image to find when image_id is null; null when the device has one image of the OS type."
  type        = string
  default     = null
}

variable "subnet_id" {
  description = "ARM ID of the device's compute subnet; null to find it on the device (the one subnet of virtual_network_name, or of the device)."
  type        = string
  default     = null
}

variable "virtual_network_name" {
  description = "Name of the virtual network whose subnet to find when subnet_id is null."
  type        = string
  default     = null
}

variable "custom_data" {
  description = "Custom data, base64-encoded (base64encode() of a cloud-init file for Linux). Changing it replaces the VM."
  type        = string
  default     = null
  sensitive   = true
}

variable "data_disks" {
  description = "Empty data disks of the VM: lun, size_gb, and optionally caching (None, ReadOnly, ReadWrite) and name."
  type = list(object({
    lun     = number
    size_gb = number
    caching = optional(string, "None")
    name    = optional(string)
  }))
  default = []
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
