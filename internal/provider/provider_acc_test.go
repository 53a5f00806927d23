package provider_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

const inventoryConfig = `data "azurestackedge_gpu_inventory" "this" {}`

// With the settings the mock device prints (CA file path in the
// environment, device_id and AZURE_* for its Azure side) the provider signs
// in and reads the inventory.
func TestAccProvider_signsInFromEnvironment(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{{
			Config: inventoryConfig,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.azurestackedge_gpu_inventory.this", "total_gpus", "2"),
				resource.TestCheckResourceAttr("data.azurestackedge_gpu_inventory.this", "free_gpus", "2"),
				resource.TestCheckResourceAttr("data.azurestackedge_gpu_inventory.this", "gpu_type", "T4"),
				resource.TestCheckResourceAttr("data.azurestackedge_gpu_inventory.this", "source", "capacity_api"),
			),
		}},
	})
}

// Everything in the provider block instead: the CA as PEM text, the
// EdgeArmUser sign-in, the subscription discovered (a VM made outside
// Terraform shows under it).
func TestAccProvider_providerBlock(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	vmID := createVMOutside(t, d, "outside", "Standard_NC4as_T4_v3")
	config := `
provider "azurestackedge" {
  arm_endpoint   = "` + d.URL() + `"
  password       = ` + acctest.HCLString(d.Credentials().Password) + `
  username       = "EdgeArmUser"
  ca_certificate = ` + acctest.HCLString(string(d.CAPEM())) + `
  gpu_count      = 1
  gpu_type       = "T4"
}
` + inventoryConfig
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config: config,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.azurestackedge_gpu_inventory.this", "source", "declared"),
				resource.TestCheckResourceAttr("data.azurestackedge_gpu_inventory.this", "free_gpus", "0"),
				resource.TestCheckResourceAttr("data.azurestackedge_gpu_inventory.this", "vm_claims.0.virtual_machine_id", vmID),
				resource.TestCheckResourceAttr("data.azurestackedge_gpu_inventory.this", "vm_claims.0.gpu_count", "1"),
			),
		}},
	})
}

func TestAccProvider_signInFailures(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{})
	other := acctest.StartDevice(t, mockdevice.Options{})
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"wrong password", map[string]string{"AZURESTACKEDGE_ARM_PASSWORD": "not-the-password"},
			`(?s)Cannot connect to the Azure Stack Edge device.*signing in to the device at\s+` + regexp.QuoteMeta(d.URL()) + `.*MSIS9622`},
		{"wrong CA", map[string]string{"AZURESTACKEDGE_CA_CERTIFICATE": other.CAFile},
			`(?s)certificate is not\s+trusted.*unknown\s+authority.*ca_certificate`},
		{"unknown subscription", map[string]string{"AZURESTACKEDGE_SUBSCRIPTION_ID": "00000000-0000-0000-0000-000000000000"},
			`(?s)00000000-0000-0000-0000-000000000000\s+is\s+not\s+on\s+the\s+device`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := d.Env()
			for k, v := range tc.env {
				env[k] = v
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(env),
				Steps:                    []resource.TestStep{{Config: inventoryConfig, ExpectError: regexp.MustCompile(tc.want)}},
			})
		})
	}
}

// A token that expires while a request is on its way is refused by the
// device; the provider signs in again and the run goes on unnoticed.
func TestAccProvider_expiredTokenRenewed(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	// The renewed token must outlive the retried request even on a loaded
	// machine (a 1-second token once expired again before the retry was
	// answered, in CI): 3 seconds, and a request held for 3.5.
	d := acctest.StartDevice(t, mockdevice.Options{TokenLifetime: 3 * time.Second})
	if err := d.AddFault(mockdevice.Fault{Kind: mockdevice.FaultSlow, Delay: 3500 * time.Millisecond, Count: 1,
		Path: "*/providers/Microsoft.Compute/virtualMachines"}); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		Steps: []resource.TestStep{{
			Config: inventoryConfig,
			Check:  resource.TestCheckResourceAttr("data.azurestackedge_gpu_inventory.this", "total_gpus", "2"),
		}},
	})
	refused := false
	for _, r := range d.Requests() {
		if strings.HasSuffix(r.Path, "/virtualMachines") && r.Status == 401 {
			refused = true
		}
	}
	if !refused {
		t.Error("the device never refused an expired token, so renewal was not exercised")
	}
}

func TestAccProvider_invalidSettings(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{})
	block := func(body string) string { return "provider \"azurestackedge\" {\n" + body + "\n}\n" + inventoryConfig }
	for _, tc := range []struct {
		name   string
		env    map[string]string
		config string
		want   string
	}{
		{"http endpoint", nil, block(`arm_endpoint = "http://device.local"`), `arm_endpoint = "http://device.local": must be an https URL`},
		{"http endpoint in the environment", map[string]string{"AZURESTACKEDGE_ARM_ENDPOINT": "http://device.local"}, inventoryConfig,
			`AZURESTACKEDGE_ARM_ENDPOINT = "http://device.local" must be an https URL`},
		{"no endpoint", map[string]string{"AZURESTACKEDGE_ARM_ENDPOINT": ""}, inventoryConfig, `(?s)Missing arm_endpoint.*AZURESTACKEDGE_ARM_ENDPOINT`},
		{"no password", map[string]string{"AZURESTACKEDGE_ARM_PASSWORD": ""}, inventoryConfig, `(?s)Missing password.*AZURESTACKEDGE_ARM_PASSWORD`},
		{"CA not PEM", nil, block(`ca_certificate = "hello"`), `(?s)ca_certificate = "hello": holds no PEM\s+certificate`},
		{"CA file missing", map[string]string{"AZURESTACKEDGE_CA_CERTIFICATE": "/nonexistent/ca.pem"}, inventoryConfig,
			`(?s)AZURESTACKEDGE_CA_CERTIFICATE = "/nonexistent/ca.pem" is neither PEM nor a\s+readable file`},
		{"insecure with a CA", nil, block(`insecure_skip_verify = true
ca_certificate = ` + acctest.HCLString(string(d.CAPEM()))), `(?s)Conflicting TLS settings.*insecure_skip_verify = true and ca_certificate`},
		{"bad release", nil, block(`device_release = "23.09"`), `device_release = "23.09": device release "23.09" is not of the form YYMM`},
		{"bad subscription", nil, block(`subscription_id = "default"`), `subscription_id = "default": is not a GUID`},
		{"gpu_count and device_id", nil, block(`gpu_count = 1`), `(?s)Conflicting GPU settings.*AZURESTACKEDGE_DEVICE_ID`},
		{"gpu_count out of range", nil, block(`gpu_count = 3`), `(?s)gpu_count.*value must be one of`},
		{"device_id of another type", nil, block(`device_id = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/v"`),
			`(?s)device_id.*not the ID of a\s+Microsoft.DataBoxEdge/dataBoxEdgeDevices`},
		{"Azure secret without a tenant", map[string]string{"AZURE_TENANT_ID": ""}, block(`device_id = ` + acctest.HCLString(d.Credentials().DeviceID)),
			`(?s)Cannot connect to the Azure Stack Edge device.*device_id = .*cannot sign in to Azure for device`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := d.Env()
			for k, v := range tc.env {
				env[k] = v
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(env),
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: regexp.MustCompile(tc.want)}},
			})
		})
	}
}
