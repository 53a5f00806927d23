// Package acctest runs acceptance tests of the provider against an
// in-process mock device: the real provider, served over protocol 6 to the
// real Terraform CLI by terraform-plugin-testing, talking HTTPS to a real
// mock device with a real token service.
package acctest

import (
	"context"
	"fmt"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// DefaultOpDelay is how long the test device's operations take: long
// enough that pollers wait, short enough for many tests.
const DefaultOpDelay = 150 * time.Millisecond

// Device is a mock device started for one test.
type Device struct {
	*mockdevice.Server
	// CAFile holds the device's root certificate.
	CAFile string
}

// StartDevice starts a mock device that stops when the test ends.
func StartDevice(t testing.TB, opts mockdevice.Options) *Device {
	t.Helper()
	if opts.OpDelay == 0 {
		opts.OpDelay = DefaultOpDelay
	}
	s, err := mockdevice.Start(opts)
	if err != nil {
		t.Fatalf("starting the mock device: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	ca := filepath.Join(t.TempDir(), "device-ca.pem")
	if err := os.WriteFile(ca, s.CAPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	return &Device{Server: s, CAFile: ca}
}

// Env is what the mockdevice command prints: every setting the provider
// needs, the Azure side included.
func (d *Device) Env() map[string]string {
	env := map[string]string{}
	for _, kv := range d.Server.Env(d.CAFile) {
		env[kv[0]] = kv[1]
	}
	return env
}

// EnvWithout is Env without the Azure side: no device_id, so capacity must
// be declared with gpu_count.
func (d *Device) EnvWithout(keys ...string) map[string]string {
	env := d.Env()
	for _, k := range keys {
		delete(env, k)
	}
	return env
}

// ProviderFactories serve the provider reading env instead of the process
// environment, so tests with different devices run in parallel.
func ProviderFactories(env map[string]string) map[string]func() (tfprotov6.ProviderServer, error) {
	getenv := func(k string) string { return env[k] }
	return map[string]func() (tfprotov6.ProviderServer, error){
		"azurestackedge": providerserver.NewProtocol6WithError(provider.NewWithEnv("test", getenv)()),
	}
}

// Factories serve the provider with the device's environment.
func (d *Device) Factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return ProviderFactories(d.Env())
}

// Client is a device client for acting on the device outside Terraform
// (drift, Kubernetes, other users' VMs).
func (d *Device) Client(t testing.TB) *device.Client {
	t.Helper()
	c, err := device.New(context.Background(), device.Config{
		ARMEndpoint: d.URL(), Password: d.Credentials().Password, CACertificatePEM: d.CAPEM(),
		PollFrequency: 20 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// PreCheck skips unless TF_ACC is set, saying how to run acceptance tests.
func PreCheck(t testing.TB) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (the README's test command does) to run it against the mock device with the Terraform CLI")
	}
}

// HCLString quotes s as an HCL heredoc-free string.
func HCLString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "${", "$${", "%{", "%%{")
	return `"` + r.Replace(s) + `"`
}

// SubnetID is the device's seeded compute subnet.
func (d *Device) SubnetID() string {
	return "/subscriptions/" + d.Credentials().SubscriptionID + "/resourceGroups/ASERG/providers/Microsoft.Network/virtualNetworks/ASEVNET/subnets/ASEVNETsubNet"
}

// ImageID is the device's seeded image of an OS key.
func (d *Device) ImageID(osKey string) string {
	return "/subscriptions/" + d.Credentials().SubscriptionID + "/resourceGroups/" + mockdevice.ImageResourceGroup +
		"/providers/Microsoft.Compute/images/" + mockdevice.ImageName(osKey)
}

// VMID is the ID a VM gets in resource group rg.
func (d *Device) VMID(rg, name string) string {
	return device.VMID(d.Credentials().SubscriptionID, rg, name)
}

// VMGroup is the resource group test VMs are made in.
const VMGroup = "ASERG"

// GPUVM is an azurestackedge_gpu_vm block for the device's seeded subnet
// and the image of osKey; extra lines go inside the block.
func (d *Device) GPUVM(resourceName, vmName, size, osKey, extra string) string {
	creds := `  admin_password = "Secret-Passw0rd!"`
	return `
resource "azurestackedge_gpu_vm" "` + resourceName + `" {
  name                = "` + vmName + `"
  resource_group_name = "` + VMGroup + `"
  size                = "` + size + `"
  os                  = "` + osKey + `"
  image_id            = "` + d.ImageID(osKey) + `"
  subnet_id           = "` + d.SubnetID() + `"
  admin_username      = "azureuser"
` + creds + `
` + extra + `
}
`
}

// Message matches a diagnostic's text however Terraform wraps its lines:
// the words of text, separated by any white space.
func Message(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}

// CheckNothingLeft is a CheckDestroy that fails if any VM, extension, NIC
// or disk is left on the device.
func (d *Device) CheckNothingLeft(*terraform.State) error {
	if left := d.Resources(); len(left) > 0 {
		return fmt.Errorf("left on the device after destroy: %s", strings.Join(left, ", "))
	}
	return nil
}
