# Data disks and cloud-init custom data, with the image and the subnet
# found on the device (the harness's TF_VAR_image_id and TF_VAR_subnet_id
# are overridden with null).

variables {
  name                = "tftest-disks"
  resource_group_name = "ASERG"
  admin_password      = "Tftest-Passw0rd!"
  image_id            = null
  image_name          = "rhel-7-4"
  subnet_id           = null
  custom_data         = "I2Nsb3VkLWNvbmZpZwpydW5jbWQ6IFtta2ZzLmV4dDQgL2Rldi9zZGNdCg==" # #cloud-config, runcmd: [mkfs.ext4 /dev/sdc]
  data_disks = [
    { lun = 0, size_gb = 64 },
    { lun = 1, size_gb = 128, caching = "ReadOnly", name = "tftest-models" },
  ]
}

run "creates_a_gpu_vm_with_data_disks_and_custom_data" {
  command = apply

  assert {
    condition     = length(output.data_disks) == 2 && output.data_disks[0].name == "tftest-disks_DataDisk_0" && output.data_disks[1].size_gb == 128
    error_message = "the VM should have its two data disks, the first named after the VM and its LUN"
  }
  assert {
    condition     = endswith(output.image_id, "/images/rhel-7-4") && endswith(output.subnet_id, "/subnets/ASEVNETsubNet")
    error_message = "the image and the subnet should be found on the device"
  }
}

run "grows_a_data_disk_in_place" {
  command = apply

  variables {
    data_disks = [
      { lun = 0, size_gb = 64 },
      { lun = 1, size_gb = 256, caching = "ReadOnly", name = "tftest-models" },
    ]
  }

  assert {
    condition     = output.data_disks[1].size_gb == 256 && output.vm_id == run.creates_a_gpu_vm_with_data_disks_and_custom_data.vm_id
    error_message = "the disk should grow on the same VM"
  }
}
