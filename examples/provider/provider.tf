# Settings left out come from the environment: AZURESTACKEDGE_ARM_ENDPOINT,
# AZURESTACKEDGE_ARM_PASSWORD, AZURESTACKEDGE_CA_CERTIFICATE (PEM or a file
# path), AZURESTACKEDGE_DEVICE_RELEASE, AZURESTACKEDGE_DEVICE_ID ...
provider "azurestackedge" {
  arm_endpoint   = "https://management.dbe-1d6phq2.microsoftdatabox.com/"
  password       = var.arm_password
  ca_certificate = var.device_root_certificate
  device_release = "2309"

  # With the device's Azure resource, the provider reads its GPU capacity
  # and Kubernetes role (Azure credentials from the usual AZURE_* variables).
  device_id = "/subscriptions/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b/resourceGroups/ase-rg/providers/Microsoft.DataBoxEdge/dataBoxEdgeDevices/dbe-1d6phq2"
}

variable "arm_password" {
  description = "The device's Azure Resource Manager password."
  type        = string
  sensitive   = true
}

variable "device_root_certificate" {
  description = "PEM of the device's root certificate (download it from the device's local web UI)."
  type        = string
}
