# What the device holds, as the provider sees it: the suite checks the
# fixture made the device it describes before testing the module on it.

terraform {
  required_providers {
    azurestackedge = { source = "asegpu/azurestackedge" }
  }
}

data "azurestackedge_gpu_inventory" "device" {}

output "inventory" {
  value = data.azurestackedge_gpu_inventory.device
}
