# An extension is imported by its ARM ID.
terraform import azurestackedge_gpu_extension.inference /subscriptions/a3f0b6c2-5d1e-4c7a-9e2b-7f3d8c1a6b40/resourceGroups/myasegpurg/providers/Microsoft.Compute/virtualMachines/inference-01/extensions/gpu-driver
