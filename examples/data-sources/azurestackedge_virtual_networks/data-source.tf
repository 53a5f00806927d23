# The device's virtual networks; the compute network is created when
# compute is enabled on a port (ASEVNET on older releases, named after the
# virtual switch on newer ones).
data "azurestackedge_virtual_networks" "all" {}

output "subnets" {
  value = {
    for s in flatten([
      for v in data.azurestackedge_virtual_networks.all.virtual_networks : [
        for s in v.subnets : { network = v.name, name = s.name, id = s.id, prefix = s.address_prefix }
      ]
    ]) : "${s.network}/${s.name}" => s
  }
}

# The one subnet, when the device has one: a GPU VM's subnet_id.
output "subnet_id" {
  value = one(flatten(data.azurestackedge_virtual_networks.all.virtual_networks[*].subnets)).id
}
