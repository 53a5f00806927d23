# The GPU sizes of the provider's device release.
data "azurestackedge_vm_sizes" "gpu" {
  gpu_only = true
}

# The A2 sizes of release 2309.
data "azurestackedge_vm_sizes" "a2" {
  release  = "2309"
  gpu_type = "A2"
}

output "gpu_sizes" {
  value = [for s in data.azurestackedge_vm_sizes.gpu.sizes : "${s.name} (${s.vcpus} vCPU, ${s.memory_gib} GiB, ${s.gpu_count} GPU)"]
}
