package mockdevice

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var azureOSDiskName = regexp.MustCompile(`^[A-Za-z0-9-]+_OsDisk_1_[0-9a-f]{32}$`)

// A VM made again under the name of a deleted one gets a new OS disk, named
// as Azure names them; the deleted VM's disk stays, detached, where an
// orphan check sees it.
func TestOSDiskNamesAreUnique(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{GPUs: 1})
	c := s.deviceClient(t)
	c.createRG("rg")
	path, _ := c.createVM("rg", "vm", "Standard_NC4as_T4_v3", "rhel_7_4")
	osDisk := func() (string, string) {
		b := c.do(http.MethodGet, path, nil).must(t, http.StatusOK).Body
		d := b["properties"].(map[string]any)["storageProfile"].(map[string]any)["osDisk"].(map[string]any)
		return str(d, "name"), str(d, "managedDisk", "id")
	}
	firstName, firstID := osDisk()
	if !azureOSDiskName.MatchString(firstName) || !strings.HasSuffix(firstID, "/disks/"+firstName) {
		t.Fatalf("OS disk %s (%s)", firstName, firstID)
	}
	c.wait(c.do(http.MethodDelete, path, nil))
	c.createVMWithNIC("rg", "vm", "Standard_NC4as_T4_v3", "rhel_7_4", s.rgPath("rg")+"/providers/Microsoft.Network/networkInterfaces/vm-nic")
	secondName, secondID := osDisk()
	if secondName == firstName || strings.EqualFold(secondID, firstID) || !azureOSDiskName.MatchString(secondName) {
		t.Fatalf("the VM made again took OS disk %s; the first was %s", secondName, firstName)
	}
	old := c.do(http.MethodGet, firstID+"?api-version=2019-07-01", nil).must(t, http.StatusOK)
	if mb := str(old.Body, "managedBy"); mb != "" || s.DiskAttached(firstID) {
		t.Fatalf("the deleted VM's OS disk is attached to %q", mb)
	}
	if !s.DiskAttached(secondID) {
		t.Fatal("the new VM's OS disk is not attached")
	}
	long := strings.Repeat("v", 64)
	if n := osDiskName(long); len(n) > 80 || !strings.HasPrefix(n, long[:38]) {
		t.Errorf("OS disk of a 64-character VM name: %s (%d characters)", n, len(n))
	}
}

// An OS disk named in the request as an existing disk (one a deleted VM
// left) is refused, not taken over; the disk stays as it was.
func TestNamedOSDiskDoesNotTakeOverADisk(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{GPUs: 1})
	c := s.deviceClient(t)
	c.createRG("rg")
	nic := c.createNIC("rg", "nic")
	vms := s.rgPath("rg") + "/providers/Microsoft.Compute/virtualMachines/"
	named := func() map[string]any {
		b := vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("rhel_7_4"), nic, "")
		sp := b["properties"].(map[string]any)["storageProfile"].(map[string]any)
		sp["osDisk"] = map[string]any{"name": "shared-os", "createOption": "FromImage"}
		return b
	}
	c.wait(c.do(http.MethodPut, vms+"a", named()).must(t, http.StatusCreated))
	c.wait(c.do(http.MethodDelete, vms+"a", nil))
	diskID := s.rgPath("rg") + "/providers/Microsoft.Compute/disks/shared-os"
	before := c.do(http.MethodGet, diskID+"?api-version=2019-07-01", nil).must(t, http.StatusOK).Raw
	r := c.do(http.MethodPut, vms+"b", named()).must(t, http.StatusConflict)
	if r.errorCode() != "ConflictingUserInput" || !strings.Contains(r.errorMessage(), "shared-os") {
		t.Fatalf("a named OS disk that exists: %s", r.Raw)
	}
	if after := c.do(http.MethodGet, diskID+"?api-version=2019-07-01", nil).must(t, http.StatusOK).Raw; after != before || s.DiskAttached(diskID) {
		t.Fatalf("the left disk changed: %s, then %s", before, after)
	}
}
