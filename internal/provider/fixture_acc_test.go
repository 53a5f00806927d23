package provider_test

import (
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// A device started from a fixture: a Windows VM made outside Terraform
// holds one of two GPUs, and Kubernetes, configured after it, the other.
// One more 1-GPU VM is refused at plan, naming both holders.
func TestAccGPUVM_fixtureKubernetesAndExistingVM(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	f, err := mockdevice.ParseFixture(strings.NewReader(`{"release": "2309", "gpus": 2, "gpu_type": "T4", "memory_gib": 128, "kubernetes": true,
 "vms": [{"resource_group": "ASERG", "name": "existing", "size": "Standard_NC4as_T4_v3", "os_type": "Windows", "power_state": "running"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	d := acctest.StartDevice(t, mockdevice.Options{Fixture: f})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{{
			Config:      d.GPUVM("one_more", "one-more", "Standard_NC4as_T4_v3", "rhel_7_4", ""),
			PlanOnly:    true,
			ExpectError: acctest.Message(`existing (Standard_NC4as_T4_v3, running) holds 1; Kubernetes holds 1`),
		}},
	})
}
