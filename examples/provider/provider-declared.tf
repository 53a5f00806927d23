# Without Azure credentials for the device's Azure resource, declare its
# GPUs: plans asking for more than are free are still refused (the GPUs the
# Kubernetes role holds cannot be seen this way).
provider "azurestackedge" {
  alias     = "declared"
  gpu_count = 2
  gpu_type  = "T4"
}
