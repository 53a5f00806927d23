# Runs against the mock device started from tests/device.json (a fresh
# device with 1 T4 GPU):
#   mockdevice -fixture tests/device.json -env-out mock.env &
# then, with mock.env sourced, TF_VAR_image_id (a RHEL 7.4 image) and
# TF_VAR_subnet_id exported: terraform test. The guide "Testing your modules
# against the mock device" has the whole recipe.

variables {
  name                = "tftest-gpu"
  resource_group_name = "ASERG"
  admin_password      = "Tftest-Passw0rd!"
}

run "creates_a_gpu_vm_with_its_driver" {
  command = apply

  assert {
    condition     = output.gpu_count == 1 && output.gpu_type == "T4"
    error_message = "the VM should hold one T4 GPU"
  }
  assert {
    condition     = output.driver.state == "Succeeded" && output.driver.type == "NvidiaGpuDriverLinux"
    error_message = "the Linux GPU driver should be installed"
  }
  assert {
    condition     = can(regex("^10\\.57\\.", output.private_ip_address))
    error_message = "the VM should have a DHCP address on the compute subnet"
  }
}

run "planning_it_again_counts_its_own_gpu" {
  command = plan

  assert {
    condition     = local.gpus_available == 1
    error_message = "the VM's own GPU should count as available to it"
  }
}

run "refuses_a_size_the_free_gpus_cannot_hold" {
  command = plan

  variables {
    name = "tftest-gpu-big"
    size = "Standard_NC32as_2T4_v1"
  }

  expect_failures = [azurestackedge_gpu_vm.this]
}
