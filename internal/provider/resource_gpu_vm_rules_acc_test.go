package provider_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// Every plan-time rejection of azurestackedge_gpu_vm: each names the
// attribute and value, the rule, and what would work. None reaches the
// device with a write: plans only read.
func TestAccGPUVM_planTimeRejections(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 2, GPUType: catalog.GPUTypeT4})
	old := acctest.StartDevice(t, mockdevice.Options{GPUs: 2, Release: catalog.MustRelease("2110")})
	gen2 := d.AddImage("ASEImages", "ubuntu-gen2", catalog.Linux, "V2")
	busyIP := "10.57.50.60"
	createVMOutsideWithIP(t, d, "holder", busyIP)
	vm := func(size, os, extra string) string { return d.GPUVM("vm", "vm1", size, os, extra) }
	win := func(extra string) string {
		return strings.Replace(d.GPUVM("vm", "winvm", "Standard_NC4as_T4_v3", "windows_server_2019", extra), `  admin_password = "Secret-Passw0rd!"`, "", 1)
	}
	for _, tc := range []struct {
		name   string
		device *acctest.Device
		config string
		want   string
	}{
		{"unknown size", d, vm("Standard_NC6", "ubuntu_18_04", ""), `size = "Standard_NC6": not a VM size of Azure Stack Edge devices (source: Azure Stack Edge docs: supported VM sizes). GPU sizes on release 2403`},
		{"general-purpose size", d, vm("Standard_F4s", "ubuntu_18_04", ""), `size = "Standard_F4s": Standard_F4s is a general-purpose size with no GPU`},
		{"size the release lacks", old, old.GPUVM("vm", "vm1", "Standard_NC16as_T4_v3", "ubuntu_18_04", ""),
			`release 2110 does not offer Standard_NC16as_T4_v3 (it came with release 2303); before the 2023 size list only Standard_NC4as_T4_v3 and Standard_NC8as_T4_v3 were GPU sizes (source: Azure Stack Edge docs: supported VM sizes; Azure Stack Edge docs: troubleshoot GPU extension installation). GPU sizes on release 2110`},
		{"size of the other GPU type", d, vm("Standard_NC4as_A2", "ubuntu_18_04", ""),
			`Standard_NC4as_A2 needs an NVIDIA A2 GPU but the device has T4 GPUs; a GPU VM's size must match the device's GPU type (source: Azure Stack Edge docs: supported VM sizes). GPU sizes on release 2403 for T4 devices`},
		{"OS the driver does not support", d, vm("Standard_NC4as_T4_v3", "ubuntu_22_04", ""), `os = "ubuntu_22_04": the NVIDIA GPU driver extension was tested on Windows Server 2019, Windows Server 2016, Ubuntu 18.04 LTS and Red Hat Enterprise Linux 7.4 only, not on Ubuntu 22.04 LTS`},
		{"unknown OS", d, vm("Standard_NC4as_T4_v3", "windows_10", ""), `value must be one of`},
		{"bad VM name", d, d.GPUVM("vm", "-vm", "Standard_NC4as_T4_v3", "ubuntu_18_04", ""), `name = "-vm": a VM name has 1 to 64 letters`},
		{"Windows name too long for a computer name", d, strings.Replace(win(`admin_password = "Secret-Passw0rd!"`), `"winvm"`, `"windows-gpu-vm-01"`, 1),
			`name = "windows-gpu-vm-01": a Windows computer name has at most 15 characters, and this one has 17 (computer_name defaults to name). Set computer_name`},
		{"Windows without a password", d, win(""), `os = "windows_server_2019" is Windows: set admin_password, or admin_password_wo`},
		{"SSH key on Windows", d, win(`admin_password = "Secret-Passw0rd!"
  ssh_public_key = "ssh-rsa AAAAB3NzaC1yc2E test"`), `ssh_public_key is set, but os = "windows_server_2019" is Windows`},
		{"Linux without credentials", d, strings.Replace(vm("Standard_NC4as_T4_v3", "ubuntu_18_04", ""), `admin_password = "Secret-Passw0rd!"`, "", 1),
			`os = "ubuntu_18_04" is Linux: set ssh_public_key, admin_password, or admin_password_wo`},
		{"weak password", d, strings.Replace(vm("Standard_NC4as_T4_v3", "ubuntu_18_04", ""), "Secret-Passw0rd!", "password", 1),
			`admin_password = "(sensitive value)": an admin password has three of`},
		{"password and write-only password", d, vm("Standard_NC4as_T4_v3", "ubuntu_18_04", `admin_password_wo = "Other-Passw0rd!"
  admin_password_wo_version = 1`), `Attribute "admin_password_wo" cannot be specified when "admin_password" is specified`},
		{"write-only password without version", d, strings.Replace(vm("Standard_NC4as_T4_v3", "ubuntu_18_04", `admin_password_wo = "Other-Passw0rd!"`), `admin_password = "Secret-Passw0rd!"`, "", 1),
			`Attribute "admin_password_wo_version" must be specified when "admin_password_wo" is specified`},
		{"bad SSH key", d, vm("Standard_NC4as_T4_v3", "ubuntu_18_04", `ssh_public_key = "not a key"`), `ssh_public_key = "not a key": is not an OpenSSH public key`},
		{"image ID of another type", d, strings.Replace(vm("Standard_NC4as_T4_v3", "ubuntu_18_04", ""), "/images/ubuntu-18-04", "/disks/ubuntu-18-04", 1),
			`is not the ID of a Microsoft.Compute/images; it names a Microsoft.Compute/disks`},
		{"missing image", d, strings.Replace(vm("Standard_NC4as_T4_v3", "ubuntu_18_04", ""), "/images/ubuntu-18-04", "/images/ubuntu-18-10", 1),
			`the device has no such image; a VM needs an image made from a generation 1 VHD in a local storage account (source: Azure-Samples/azure-stack-edge-deploy-vms templates). Images in resource group ASEImages: rhel-7-4 (Linux)`},
		{"image of another OS type", d, strings.Replace(vm("Standard_NC4as_T4_v3", "ubuntu_18_04", ""), "/images/ubuntu-18-04", "/images/windows-server-2019", 1),
			`os = "ubuntu_18_04" is Linux, but image windows-server-2019 has osType Windows`},
		{"generation 2 image", d, strings.Replace(vm("Standard_NC4as_T4_v3", "ubuntu_18_04", ""), d.ImageID("ubuntu_18_04"), gen2, 1),
			`is a generation 2 image; GPU VMs on the device take generation 1 images only`},
		{"missing subnet", d, strings.Replace(vm("Standard_NC4as_T4_v3", "ubuntu_18_04", ""), "ASEVNETsubNet", "other", 1),
			`the device has no such subnet`},
		{"static address in use", d, vm("Standard_NC4as_T4_v3", "ubuntu_18_04", `private_ip_address = "`+busyIP+`"`),
			`private_ip_address = "10.57.50.60" is held by network interface`},
		{"static address outside the subnet", d, vm("Standard_NC4as_T4_v3", "ubuntu_18_04", `private_ip_address = "192.168.1.5"`),
			`private_ip_address = "192.168.1.5" is not in subnet`},
		{"not an address", d, vm("Standard_NC4as_T4_v3", "ubuntu_18_04", `private_ip_address = "10.57.300.1"`), `is not an IPv4 address`},
		{"power state", d, vm("Standard_NC4as_T4_v3", "ubuntu_18_04", `power_state = "stopped"`), `value must be one of`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := writes(tc.device)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: tc.device.Factories(),
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: reportedAt(vmRejectionsAt, tc.name, tc.want)}},
			})
			if after := writes(tc.device); after != before {
				t.Errorf("the refused plan wrote to the device (%d writes)", after-before)
			}
		})
	}
}

// vmRejectionsAt gives, for the rejections the device's state decides
// (which the bad-input corpus cannot set up), the summary and the attribute
// each must be reported with: matching the detail alone would pass an
// error blamed on the wrong attribute.
var vmRejectionsAt = map[string]where{
	"generation 2 image":       {"Generation 2 image for a GPU VM", "image_id"},
	"static address in use":    {"Address in use", "private_ip_address"},
	"missing image":            {"Image not found", "image_id"},
	"image of another OS type": {"Image of another OS type", "os"},
	"missing subnet":           {"Subnet not found", "subnet_id"},
}

// where is a diagnostic's summary and the attribute its source snippet
// shows ("" for the resource block: an attribute the configuration leaves
// out).
type where struct{ summary, attribute string }

// reportedAt matches want as acctest.Message does, and also the summary
// and attribute at[name] gives, when it gives them.
func reportedAt(at map[string]where, name, want string) *regexp.Regexp {
	if w, ok := at[name]; ok {
		return acctest.ErrorAt(w.summary, w.attribute, want)
	}
	return acctest.Message(want)
}

// writes counts the requests that changed something on the device.
func writes(d *acctest.Device) int {
	n := 0
	for _, r := range d.Requests() {
		if r.Method != "GET" && r.Method != "HEAD" && !strings.Contains(r.Path, "/oauth2/") {
			n++
		}
	}
	return n
}
