# A refusal only the provider can make, so this suite FAILS on purpose.
#
# On a 2-GPU device where a VM made outside Terraform holds one GPU
# (tests/provider_refusal/device.json), two instances of the module each
# see one free GPU and pass their own precondition; the provider, which
# checks every GPU VM of the plan together, refuses the pair at plan time.
# terraform test's expect_failures catches only a module's own conditions,
# never a provider's error, so the project's Go test (internal/examples,
# TestModuleProviderRefusal) runs
#   terraform test -test-directory=tests/provider_refusal
# and asserts the provider's diagnostic.

run "provider_refuses_two_vms_for_one_free_gpu" {
  command = plan

  module {
    source = "./tests/provider_refusal/two_workloads"
  }
}
