# Every Linux image on the device.
data "azurestackedge_images" "linux" {
  os_type = "Linux"
}

# One image by name: its ID is a GPU VM's image_id.
data "azurestackedge_images" "rhel" {
  name = "rhel-7-4"
}

output "linux_images" {
  value = [for i in data.azurestackedge_images.linux.images : "${i.resource_group_name}/${i.name} (${i.hyper_v_generation})"]
}

output "rhel_image_id" {
  value = one(data.azurestackedge_images.rhel.images).id
}
