package e2e

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// block renders an HCL block from a base and overrides: a key with value
// "-" is left out; raw values (lists, numbers, blocks) are written as given.
func block(header string, base, over map[string]string) string {
	attrs := map[string]string{}
	for k, v := range base {
		attrs[k] = v
	}
	for k, v := range over {
		attrs[k] = v
	}
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(header + " {\n")
	for _, k := range keys {
		switch v := attrs[k]; {
		case v == "-":
		case strings.HasPrefix(k, "block:"):
			fmt.Fprintf(&b, "  %s %s\n", strings.TrimPrefix(k, "block:"), v)
		default:
			fmt.Fprintf(&b, "  %s = %s\n", k, v)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

func q(s string) string { return fmt.Sprintf("%q", s) }

// secretAttributes are reported on their block, never on their line.
var secretAttributes = map[string]bool{"admin_password": true, "admin_password_wo": true, "custom_data": true}

type badInput struct {
	name string
	hcl  string
	// attr is the attribute at fault: every error diagnostic's range must
	// start on its line. When the configuration leaves it out, Terraform
	// can only point at the block, and the detail must name it.
	attr string
	// summary is the summary every error diagnostic must have; a|b when
	// the input breaks two rules, each reported once.
	summary string
	// plan marks input only the device can judge: it is refused by
	// terraform plan; everything else by terraform validate, before the
	// provider talks to any device.
	plan bool
}

func badInputs(d *acctest.Device) []badInput {
	sub := d.Credentials().SubscriptionID
	image := func(os string) string { return q(d.ImageID(os)) }
	vm := map[string]string{
		"name": q("vm1"), "resource_group_name": q(acctest.VMGroup), "size": q("Standard_NC4as_T4_v3"), "os": q("rhel_7_4"),
		"image_id": image("rhel_7_4"), "subnet_id": q(d.SubnetID()), "admin_username": q("azureuser"), "admin_password": q("Secret-Passw0rd!"),
	}
	win := map[string]string{"os": q("windows_server_2019"), "image_id": image("windows_server_2019"), "name": q("win1")}
	gpuVM := func(over ...map[string]string) string {
		all := map[string]string{}
		for _, o := range over {
			for k, v := range o {
				all[k] = v
			}
		}
		return block(`resource "azurestackedge_gpu_vm" "vm"`, vm, all)
	}
	ext := func(over map[string]string) string {
		return gpuVM() + block(`resource "azurestackedge_gpu_extension" "ext"`, map[string]string{"virtual_machine_id": "azurestackedge_gpu_vm.vm.id"}, over)
	}
	prov := func(over map[string]string) string {
		return block(`provider "azurestackedge"`, nil, over) + `data "azurestackedge_vm_sizes" "all" {}` + "\n"
	}
	vmID := "/subscriptions/" + sub + "/resourceGroups/ASERG/providers/Microsoft.Compute/virtualMachines/vm1"
	return []badInput{
		// The provider block.
		{"http endpoint", prov(map[string]string{"arm_endpoint": q("http://device.local")}), "arm_endpoint", "Invalid arm_endpoint", false},
		{"endpoint without a host", prov(map[string]string{"arm_endpoint": q("https://")}), "arm_endpoint", "Invalid arm_endpoint", false},
		{"endpoint not a URL", prov(map[string]string{"arm_endpoint": q("::not a url")}), "arm_endpoint", "Invalid arm_endpoint", false},
		{"CA not PEM", prov(map[string]string{"ca_certificate": q("not a certificate")}), "ca_certificate", "Invalid ca_certificate", false},
		{"CA with no certificate block", prov(map[string]string{"ca_certificate": q("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")}), "ca_certificate", "Invalid ca_certificate", false},
		{"insecure with a CA", prov(map[string]string{"insecure_skip_verify": "true", "ca_certificate": q(string(d.CAPEM()))}), "insecure_skip_verify", "Conflicting TLS settings", false},
		{"release not YYMM", prov(map[string]string{"device_release": q("23.09")}), "device_release", "Invalid device_release", false},
		{"release month 13", prov(map[string]string{"device_release": q("2313")}), "device_release", "Invalid device_release", false},
		{"release before GPU VMs", prov(map[string]string{"device_release": q("1901")}), "device_release", "Invalid device_release", false},
		{"subscription not a GUID", prov(map[string]string{"subscription_id": q("default")}), "subscription_id", "Invalid subscription_id", false},
		{"device ID of another type", prov(map[string]string{"device_id": q(vmID)}), "device_id", "Invalid device_id", false},
		{"device ID malformed", prov(map[string]string{"device_id": q("mydevice")}), "device_id", "Invalid device_id", false},
		{"http Azure endpoint", prov(map[string]string{"azure_endpoint": q("http://management.azure.com")}), "azure_endpoint", "Invalid azure_endpoint", false},
		{"three GPUs", prov(map[string]string{"gpu_count": "3"}), "gpu_count", "Invalid Attribute Value Match", false},
		{"GPU type V100", prov(map[string]string{"gpu_type": q("V100")}), "gpu_type", "Invalid Attribute Value Match", false},
		{"declared GPUs and a device ID", prov(map[string]string{"gpu_count": "1", "device_id": q(d.Credentials().DeviceID)}), "gpu_count", "Invalid Attribute Combination", false},
		// azurestackedge_gpu_vm.
		{"unknown size", gpuVM(map[string]string{"size": q("Standard_NC6")}), "size", "Not a GPU VM size", false},
		{"general-purpose size", gpuVM(map[string]string{"size": q("Standard_D2_v2")}), "size", "Not a GPU VM size", false},
		{"HPN size without a GPU", gpuVM(map[string]string{"size": q("Standard_F4s_HPN")}), "size", "Not a GPU VM size", false},
		{"unknown OS", gpuVM(map[string]string{"os": q("windows_10")}), "os", "Invalid Attribute Value Match", false},
		{"OS without the GPU driver", gpuVM(map[string]string{"os": q("ubuntu_22_04"), "image_id": image("ubuntu_22_04")}), "os", "OS not supported for GPU VMs", false},
		{"name starting with a hyphen", gpuVM(map[string]string{"name": q("-vm")}), "name", "Invalid VM name|Invalid computer name", false},
		{"name of 65 characters", gpuVM(map[string]string{"name": q(strings.Repeat("v", 65))}), "name", "Invalid VM name|Invalid computer name", false},
		{"Windows name too long for a computer name", gpuVM(win, map[string]string{"name": q("windows-gpu-vm-01")}), "name", "Invalid computer name", false},
		{"computer name with underscores", gpuVM(map[string]string{"computer_name": q("gpu_vm")}), "computer_name", "Invalid computer name", false},
		{"computer name all digits", gpuVM(win, map[string]string{"computer_name": q("12345")}), "computer_name", "Invalid computer name", false},
		{"image ID malformed", gpuVM(map[string]string{"image_id": q("rhel-7-4")}), "image_id", "Invalid image_id", false},
		{"image ID of a disk", gpuVM(map[string]string{"image_id": q(strings.Replace(d.ImageID("rhel_7_4"), "/images/", "/disks/", 1))}), "image_id", "Invalid image_id", false},
		{"subnet ID of a virtual network", gpuVM(map[string]string{"subnet_id": q(strings.TrimSuffix(d.SubnetID(), "/subnets/ASEVNETsubNet"))}), "subnet_id", "Invalid subnet_id", false},
		{"address not IPv4", gpuVM(map[string]string{"private_ip_address": q("fe80::1")}), "private_ip_address", "Invalid private_ip_address", false},
		{"address not an address", gpuVM(map[string]string{"private_ip_address": q("10.57.300.1")}), "private_ip_address", "Invalid private_ip_address", false},
		{"empty user name", gpuVM(map[string]string{"admin_username": q("")}), "admin_username", "Invalid Attribute Value Length", false},
		{"empty resource group", gpuVM(map[string]string{"resource_group_name": q("")}), "resource_group_name", "Invalid Attribute Value Length", false},
		{"Windows without a password", gpuVM(win, map[string]string{"admin_password": "-"}), "admin_password", "Missing administrator password", false},
		{"SSH key on Windows", gpuVM(win, map[string]string{"ssh_public_key": q("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA x")}), "ssh_public_key", "SSH key on a Windows VM", false},
		{"Linux without credentials", gpuVM(map[string]string{"admin_password": "-"}), "ssh_public_key", "Missing administrator credentials", false},
		{"short password", gpuVM(map[string]string{"admin_password": q("Ab1!")}), "admin_password", "Password the device would refuse", false},
		{"simple password", gpuVM(win, map[string]string{"admin_password": q("passwordpassword")}), "admin_password", "Password the device would refuse", false},
		{"password and write-only password", gpuVM(map[string]string{"admin_password_wo": q("Other-Passw0rd!"), "admin_password_wo_version": "1"}), "admin_password", "Invalid Attribute Combination", false},
		{"write-only password without version", gpuVM(map[string]string{"admin_password": "-", "admin_password_wo": q("Other-Passw0rd!")}), "admin_password_wo", "Invalid Attribute Combination", false},
		{"version without write-only password", gpuVM(map[string]string{"admin_password_wo_version": "1"}), "admin_password_wo_version", "Missing admin_password_wo", false},
		{"SSH key not OpenSSH", gpuVM(map[string]string{"ssh_public_key": q("-----BEGIN PUBLIC KEY-----")}), "ssh_public_key", "Invalid ssh_public_key", false},
		{"power state stopped", gpuVM(map[string]string{"power_state": q("stopped")}), "power_state", "Invalid Attribute Value Match", false},
		{"timeout not a duration", gpuVM(map[string]string{"block:timeouts": "{\n    create = \"forever\"\n  }"}), "create", "Invalid Attribute Value Time Duration", false},
		// azurestackedge_gpu_extension.
		{"extension on a malformed VM ID", block(`resource "azurestackedge_gpu_extension" "ext"`, map[string]string{"virtual_machine_id": q("vm1")}, nil), "virtual_machine_id", "Invalid virtual_machine_id", false},
		{"extension on a NIC ID", block(`resource "azurestackedge_gpu_extension" "ext"`, map[string]string{
			"virtual_machine_id": q(strings.Replace(vmID, "Microsoft.Compute/virtualMachines", "Microsoft.Network/networkInterfaces", 1))}, nil), "virtual_machine_id", "Invalid virtual_machine_id", false},
		{"driver type OpenCL", ext(map[string]string{"driver_type": q("OPENCL")}), "driver_type", "Invalid Attribute Value Match", false},
		{"settings not JSON", ext(map[string]string{"settings": q("{")}), "settings", "Invalid JSON String Value", false},
		{"settings an array", ext(map[string]string{"settings": q("[1]")}), "settings", "Invalid settings", false},
		{"driver type against settings", ext(map[string]string{"driver_type": q("GRID"), "settings": `jsonencode({ DriverType = "CUDA" })`}), "driver_type", "Conflicting driver type", false},
		{"empty extension name", ext(map[string]string{"name": q("")}), "name", "Invalid Attribute Value Length", false},
		// Data sources.
		{"sizes of a release that is not one", "data \"azurestackedge_vm_sizes\" \"x\" {\n  release = \"2x09\"\n}\n", "release", "Invalid release", false},
		{"sizes of GPU type V100", "data \"azurestackedge_vm_sizes\" \"x\" {\n  gpu_type = \"V100\"\n}\n", "gpu_type", "Invalid Attribute Value Match", false},
		// What only the device can judge.
		{"missing image", gpuVM(map[string]string{"image_id": q(strings.Replace(d.ImageID("rhel_7_4"), "rhel-7-4", "rhel-9", 1))}), "image_id", "Image not found", true},
		{"image of another OS", gpuVM(map[string]string{"image_id": image("windows_server_2019")}), "os", "Image of another OS type", true},
		{"missing subnet", gpuVM(map[string]string{"subnet_id": q(strings.Replace(d.SubnetID(), "ASEVNETsubNet", "nope", 1))}), "subnet_id", "Subnet not found", true},
		{"address outside the subnet", gpuVM(map[string]string{"private_ip_address": q("192.168.1.10")}), "private_ip_address", "Address outside the subnet", true},
		{"a 2-GPU size on a 1-GPU device", gpuVM(map[string]string{"size": q("Standard_NC32as_2T4_v1")}), "size", "VM size needs more GPUs than the device has", true},
		{"an A2 size on a T4 device", gpuVM(map[string]string{"size": q("Standard_NC4as_A2")}), "size", "VM size of another GPU type", true},
		{"extension version the release lacks", ext(map[string]string{"type_handler_version": q("1.3")}), "type_handler_version", "Extension version not on this release", true},
		{"driver type on Linux", ext(map[string]string{"driver_type": q("GRID")}), "driver_type", "driver_type on a Linux VM", true},
		{"unknown size for gpu_count", "output \"n\" {\n  value = provider::azurestackedge::gpu_count(\"Standard_X\")\n}\n", "value", "Invalid function argument", true},
	}
}

// A corpus of invalid configurations: each is refused at validate or plan
// time, and Terraform's machine-readable diagnostics (-json) show the
// refusal pointing at the attribute at fault with the summary that names
// the problem; the ones that need no device are refused by terraform
// validate before any request reaches it.
func TestBadInputCorpus(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	corpus := badInputs(d)
	if len(corpus) < 40 {
		t.Fatalf("the corpus has %d configurations, fewer than 40", len(corpus))
	}
	c := ctx(t)
	var atValidate, atPlan int
	for _, tc := range corpus {
		t.Run(tc.name, func(t *testing.T) {
			w := acctest.NewWorkspace(t, d.Env())
			w.Write(tc.hcl)
			d.ResetRequests()
			var diags []acctest.Diagnostic
			var err error
			if tc.plan {
				diags, err = w.PlanDiagnostics(c)
				atPlan++
			} else {
				diags, err = w.ValidateDiagnostics(c)
				atValidate++
				if reqs := d.Requests(); len(reqs) > 0 {
					t.Errorf("terraform validate reached the device: %+v", reqs[0])
				}
			}
			checkRefusal(t, tc, diags, err)
		})
	}
	t.Logf("%d bad inputs: %d refused by terraform validate with no device request, %d by terraform plan", len(corpus), atValidate, atPlan)
}

// checkRefusal fails unless diags refuse tc's input with errors that all
// point at tc.attr (or, for an attribute the input leaves out, name it on
// the block) and carry tc's summaries, each once.
func checkRefusal(t *testing.T, tc badInput, diags []acctest.Diagnostic, err error) {
	t.Helper()
	errs := acctest.Errors(diags)
	if len(errs) == 0 {
		t.Fatalf("not refused (%v):\n%s", err, tc.hcl)
	}
	summaries := map[string]bool{}
	for _, s := range strings.Split(tc.summary, "|") {
		summaries[s] = false
	}
	absent := !regexp.MustCompile(`(?m)^\s*` + tc.attr + `\s*=`).MatchString(tc.hcl)
	for _, e := range errs {
		seen, want := summaries[e.Summary]
		switch {
		case !want || seen:
			t.Errorf("want the summaries %q, each once; got %s", tc.summary, e)
		case absent && (e.Attribute != "" || !strings.Contains(e.Detail, tc.attr)):
			t.Errorf("want an error on the block naming the missing %s; got %s", tc.attr, e)
		case !absent && secretAttributes[tc.attr] && e.Attribute == "" && strings.Contains(e.Detail, tc.attr):
			// The provider reports a secret's errors on the block,
			// naming the attribute: on the attribute, Terraform
			// would print the source line, literal secret and all.
		case !absent && e.Attribute != tc.attr:
			t.Errorf("want the error at %s; got %s", tc.attr, e)
		}
		summaries[e.Summary] = true
	}
	for s, seen := range summaries {
		if !seen {
			t.Errorf("no error with the summary %q among %v", s, errs)
		}
	}
}
