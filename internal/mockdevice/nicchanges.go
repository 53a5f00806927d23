package mockdevice

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// nicChange is a VM update's new list of network interfaces, checked.
type nicChange struct {
	ids     []string
	attach  []*nic
	detach  []*nic
	changed bool
}

// planNICChange checks an update's networkInterfaces against the VM: NICs
// can be added or detached only while the VM is stopped (deallocated)
// [NIC: azure-stack-edge-gpu-manage-virtual-machine-network-interfaces-portal],
// each one free or already the VM's, within the size's limit.
func (d *Device) planNICChange(v *vm, refs []string, size catalog.Size) (*nicChange, *statusError) {
	ch := &nicChange{ids: v.NICIDs}
	if len(refs) == 0 {
		return ch, nil // left out: the NICs stay
	}
	same := len(refs) == len(v.NICIDs)
	for i := 0; same && i < len(refs); i++ {
		same = strings.EqualFold(refs[i], v.NICIDs[i])
	}
	if same {
		if len(v.NICIDs) > size.MaxNICs {
			return nil, badRequest("InvalidParameter", fmt.Sprintf("The VM size %s takes at most %d network interfaces; the VM has %d. Detach network interfaces first.", size.Name, size.MaxNICs, len(v.NICIDs)))
		}
		return ch, nil
	}
	if v.PowerState != powerDeallocated {
		return nil, conflict("OperationNotAllowed", "Network interfaces of virtual machine '"+v.Name+
			"' can be added or detached only while it is stopped (deallocated); stop it, change its network interfaces, then start it.")
	}
	if max := size.MaxNICs; len(refs) > max {
		return nil, badRequest("InvalidParameter", fmt.Sprintf("The VM size %s takes at most %d network interfaces.", size.Name, max))
	}
	kept := map[string]bool{}
	ch.ids, ch.changed = nil, true
	for i, id := range refs {
		n, ok := d.w.NICs[key(id)]
		if !ok {
			return nil, newError(http.StatusNotFound, "NotFound", "Resource "+id+" not found.")
		}
		if kept[key(n.ID)] {
			return nil, badRequest("InvalidParameter", fmt.Sprintf("Network interface %s is listed twice (networkProfile.networkInterfaces[%d]).", n.ID, i))
		}
		if n.VMID != "" && !strings.EqualFold(n.VMID, v.ID) {
			return nil, badRequest("NicInUse", "Network interface "+n.ID+" is used by virtual machine "+n.VMID+".")
		}
		if n.VMID == "" {
			ch.attach = append(ch.attach, n)
		}
		kept[key(n.ID)] = true
		ch.ids = append(ch.ids, n.ID)
	}
	for _, id := range v.NICIDs {
		if n, ok := d.w.NICs[key(id)]; ok && !kept[key(id)] {
			ch.detach = append(ch.detach, n)
		}
	}
	return ch, nil
}

// apply attaches and detaches the NICs and sets the VM's list.
func (ch *nicChange) apply(v *vm) {
	for _, n := range ch.detach {
		n.VMID = ""
	}
	for _, n := range ch.attach {
		n.VMID = v.ID
	}
	v.NICIDs = ch.ids
}

// nicReference is an entry of a VM's networkProfile.networkInterfaces.
type nicReference struct {
	ID         string `json:"id"`
	Properties *struct {
		Primary *bool `json:"primary"`
	} `json:"properties"`
}

// checkPrimaryNIC refuses a primary flag the device would not honour: its
// first network interface is the primary one.
func checkPrimaryNIC(refs []nicReference) *statusError {
	for i, ref := range refs {
		if ref.Properties == nil || ref.Properties.Primary == nil {
			continue
		}
		if *ref.Properties.Primary != (i == 0) {
			return badRequest("InvalidParameter", fmt.Sprintf(
				"The value %v of property 'networkProfile.networkInterfaces[%d].properties.primary' is not supported by this device: its first network interface is the primary one; list the primary first.",
				*ref.Properties.Primary, i))
		}
	}
	return nil
}
