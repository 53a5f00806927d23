package provider_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// A Linux GPU VM made with an SSH public key and the plain admin_password:
// the device holds exactly the key and the password the configuration
// gives (the key read back from the VM's osProfile, the password compared
// by the mock's control endpoint, which never returns it). Checking plan and
// state alone would pass a provider that sent neither.
func TestAccGPUVM_linuxCredentialsReachDevice(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	d := acctest.StartDevice(t, mockdevice.Options{GPUs: 1})
	const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICS3YnOJ1Z+/5FPagEqSla9TrW1PZ/t/8GIlOlILxYrK test@example"
	const password = "Secret-Passw0rd!" // acctest.Device.GPUVM's plain admin_password
	vmID := d.VMID(acctest.VMGroup, "keyed")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: d.Factories(),
		CheckDestroy:             d.CheckNothingLeft,
		Steps: []resource.TestStep{{
			Config: d.GPUVM("vm", "keyed", "Standard_NC4as_T4_v3", "ubuntu_18_04", `  ssh_public_key = "`+key+`"`),
			Check: resource.ComposeTestCheckFunc(
				deviceGotSSHKey(t, d, vmID, "/home/azureuser/.ssh/authorized_keys", key),
				deviceGotPassword(t, d, vmID, password, true),
				deviceGotPassword(t, d, vmID, password+"x", false),
			),
		}},
	})
}

// deviceGotSSHKey fails unless the device's VM vmID has exactly one SSH
// public key, key, at path.
func deviceGotSSHKey(t *testing.T, d *acctest.Device, vmID, path, key string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		vm, err := d.Client(t).GetVM(context.Background(), vmID)
		if err != nil {
			return err
		}
		var got []string
		if p := vm.Properties.OSProfile; p != nil && p.LinuxConfiguration != nil && p.LinuxConfiguration.SSH != nil {
			for _, k := range p.LinuxConfiguration.SSH.PublicKeys {
				got = append(got, k.Path+" "+k.KeyData)
			}
		}
		if want := path + " " + key; len(got) != 1 || got[0] != want {
			return fmt.Errorf("the device's VM %s has the SSH keys [%s], want [%s]", vmID, strings.Join(got, "; "), want)
		}
		return nil
	}
}
