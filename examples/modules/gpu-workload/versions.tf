terraform {
  # provider::azurestackedge::gpu_count needs Terraform 1.8.
  required_version = ">= 1.8.0"
  required_providers {
    azurestackedge = {
      source = "asegpu/azurestackedge"
    }
  }
}
