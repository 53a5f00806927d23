# Terraform 1.8 or later.
output "gpus_of_2t4" {
  value = provider::azurestackedge::gpu_count("Standard_NC32as_2T4_v1") # 2
}

output "gpus_of_d2" {
  value = provider::azurestackedge::gpu_count("Standard_D2_v2") # 0
}
