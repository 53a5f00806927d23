package mockdevice

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func (s *Server) diskPath(rg, name string) string {
	return s.rgPath(rg) + "/providers/Microsoft.Compute/disks/" + name
}

func emptyDiskBody(gb int) map[string]any {
	return map[string]any{"location": "dbelocal", "sku": map[string]any{"name": "Standard_LRS"},
		"properties": map[string]any{"creationData": map[string]any{"createOption": "Empty"}, "diskSizeGB": gb}}
}

func dataDisk(lun int, create, name string, gb int, id string) map[string]any {
	dd := map[string]any{"lun": lun, "createOption": create, "caching": "ReadOnly"}
	if name != "" {
		dd["name"] = name
	}
	if gb > 0 {
		dd["diskSizeGB"] = gb
	}
	if id != "" {
		dd["managedDisk"] = map[string]any{"id": id}
	}
	return dd
}

func setDataDisks(b map[string]any, disks ...map[string]any) {
	sp := b["properties"].(map[string]any)["storageProfile"].(map[string]any)
	list := []any{}
	for _, d := range disks {
		list = append(list, d)
	}
	sp["dataDisks"] = list
}

// Managed disks: create empty, read, list by group and subscription, grow,
// never shrink, delete; the shape follows the api-version.
func TestDisks(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("dk")
	c.createRG("other")
	path := s.diskPath("dk", "data1")

	r := c.do(http.MethodPut, path, emptyDiskBody(64)).must(t, http.StatusOK)
	if str(r.Body, "properties", "creationData", "createOption") != "Empty" || r.Body["properties"].(map[string]any)["diskSizeGB"] != 64.0 ||
		str(r.Body, "properties", "diskState") != "Unattached" {
		t.Fatalf("created disk: %s", r.Raw)
	}
	c.do(http.MethodPut, s.diskPath("other", "data2"), emptyDiskBody(8)).must(t, http.StatusOK)
	if got := c.do(http.MethodGet, path+"?api-version=2017-03-30", nil).must(t, http.StatusOK); strings.Contains(got.Raw, "diskState") {
		t.Fatalf("2017-03-30 has no diskState: %s", got.Raw)
	}
	list := c.do(http.MethodGet, s.rgPath("dk")+"/providers/Microsoft.Compute/disks", nil).must(t, http.StatusOK)
	if n := len(list.Body["value"].([]any)); n != 1 {
		t.Fatalf("group list has %d disks: %s", n, list.Raw)
	}
	all := c.do(http.MethodGet, "/subscriptions/"+s.Credentials().SubscriptionID+"/providers/Microsoft.Compute/disks", nil).must(t, http.StatusOK)
	if n := len(all.Body["value"].([]any)); n != 2 {
		t.Fatalf("subscription list has %d disks: %s", n, all.Raw)
	}

	c.do(http.MethodPut, path, emptyDiskBody(128)).must(t, http.StatusOK)
	for _, tc := range []struct {
		name   string
		body   map[string]any
		status int
		code   string
		says   string
	}{
		{"shrink", emptyDiskBody(32), 400, "BadRequest", "cannot be shrunk"},
		{"too big", emptyDiskBody(40000), 400, "InvalidParameter", "diskSizeGB"},
		{"change createOption", map[string]any{"location": "dbelocal", "properties": map[string]any{"creationData": map[string]any{"createOption": "Copy"}}}, 409, "PropertyChangeNotAllowed", "createOption"},
		{"unmodelled property", map[string]any{"location": "dbelocal", "properties": map[string]any{"creationData": map[string]any{"createOption": "Empty"}, "diskSizeGB": 128, "encryptionSettings": map[string]any{"enabled": true}}}, 400, "InvalidParameter", "properties.encryptionSettings"},
		{"unmodelled zones", map[string]any{"location": "dbelocal", "zones": []string{"1"}, "properties": map[string]any{"creationData": map[string]any{"createOption": "Empty"}, "diskSizeGB": 128}}, 400, "InvalidParameter", "'zones'"},
		{"bad sku", map[string]any{"location": "dbelocal", "sku": map[string]any{"name": "UltraSSD_LRS"}, "properties": map[string]any{"creationData": map[string]any{"createOption": "Empty"}, "diskSizeGB": 128}}, 400, "InvalidParameter", "sku.name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.do(http.MethodPut, path, tc.body)
			if r.Status != tc.status || r.errorCode() != tc.code || !strings.Contains(r.errorMessage(), tc.says) {
				t.Fatalf("%d %s, want %d %s saying %q", r.Status, r.Raw, tc.status, tc.code, tc.says)
			}
		})
	}
	for _, tc := range []struct {
		name string
		body map[string]any
		says string
	}{
		{"import", map[string]any{"location": "dbelocal", "properties": map[string]any{"creationData": map[string]any{"createOption": "Import"}, "diskSizeGB": 8}}, "creationData.createOption"},
		{"no size", map[string]any{"location": "dbelocal", "properties": map[string]any{"creationData": map[string]any{"createOption": "Empty"}}}, "diskSizeGB"},
		{"no createOption", map[string]any{"location": "dbelocal", "properties": map[string]any{"diskSizeGB": 8}}, "createOption"},
	} {
		t.Run("create "+tc.name, func(t *testing.T) {
			r := c.do(http.MethodPut, s.diskPath("dk", "new"+strings.ReplaceAll(tc.name, " ", "")), tc.body)
			if r.Status != 400 || !strings.Contains(r.errorMessage(), tc.says) {
				t.Fatalf("%d %s, want 400 naming %s", r.Status, r.Raw, tc.says)
			}
		})
	}
	if got := c.do(http.MethodGet, path, nil).must(t, http.StatusOK); got.Body["properties"].(map[string]any)["diskSizeGB"] != 128.0 {
		t.Fatalf("refused updates changed the disk: %s", got.Raw)
	}
	c.wait(c.do(http.MethodDelete, path, nil).must(t, http.StatusAccepted))
	c.do(http.MethodGet, path, nil).must(t, http.StatusNotFound)
}

// A VM created with an empty data disk and an existing one keeps and
// returns both; its data disks count against the size; they grow only while
// it is deallocated; an attached disk cannot be deleted; deleting the VM
// leaves them.
func TestVMDataDisks(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("vd")
	existing := s.diskPath("vd", "existing")
	c.do(http.MethodPut, existing, emptyDiskBody(16)).must(t, http.StatusOK)
	nic := c.createNIC("vd", "vm-nic")
	vmPath := s.rgPath("vd") + "/providers/Microsoft.Compute/virtualMachines/vm"
	body := vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("ubuntu_18_04"), nic, "")
	setDataDisks(body, dataDisk(0, "Empty", "scratch", 32, ""), dataDisk(1, "Attach", "", 0, existing))
	c.wait(c.do(http.MethodPut, vmPath, body).must(t, http.StatusCreated))

	vm := c.do(http.MethodGet, vmPath, nil).must(t, http.StatusOK)
	dds := vm.Body["properties"].(map[string]any)["storageProfile"].(map[string]any)["dataDisks"].([]any)
	if len(dds) != 2 {
		t.Fatalf("data disks: %s", vm.Raw)
	}
	first, second := dds[0].(map[string]any), dds[1].(map[string]any)
	if first["lun"] != 0.0 || first["name"] != "scratch" || first["createOption"] != "Empty" || first["caching"] != "ReadOnly" || first["diskSizeGB"] != 32.0 ||
		!strings.EqualFold(str(first, "managedDisk", "id"), s.diskPath("vd", "scratch")) {
		t.Fatalf("empty data disk: %v", first)
	}
	if second["lun"] != 1.0 || second["createOption"] != "Attach" || second["diskSizeGB"] != 16.0 || !strings.EqualFold(str(second, "managedDisk", "id"), existing) {
		t.Fatalf("attached data disk: %v", second)
	}
	scratch := c.do(http.MethodGet, s.diskPath("vd", "scratch"), nil).must(t, http.StatusOK)
	if str(scratch.Body, "properties", "diskState") != "Attached" || !strings.EqualFold(str(scratch.Body, "managedBy"), str(vm.Body, "id")) {
		t.Fatalf("scratch disk: %s", scratch.Raw)
	}
	if r := c.do(http.MethodDelete, existing, nil); r.Status != http.StatusConflict || r.errorCode() != "OperationNotAllowed" {
		t.Fatalf("deleting an attached disk: %d %s", r.Status, r.Raw)
	}

	// Sending the VM back as read keeps its disks (a GET-modify-PUT client).
	again := c.do(http.MethodGet, vmPath, nil).Body
	again["tags"] = map[string]any{"k": "v"}
	c.wait(c.do(http.MethodPut, vmPath, again).must(t, http.StatusOK))

	grow := func(gb int) response {
		b := vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("ubuntu_18_04"), nic, "")
		setDataDisks(b, dataDisk(0, "Empty", "scratch", gb, ""), dataDisk(1, "Attach", "", 0, existing))
		return c.do(http.MethodPut, vmPath, b)
	}
	if r := grow(64); r.Status != http.StatusConflict || !strings.Contains(r.errorMessage(), "deallocated") {
		t.Fatalf("growing on a running VM: %d %s", r.Status, r.Raw)
	}
	if r := c.do(http.MethodPut, s.diskPath("vd", "scratch"), emptyDiskBody(64)); r.Status != http.StatusConflict {
		t.Fatalf("growing an attached disk of a running VM: %d %s", r.Status, r.Raw)
	}
	c.wait(c.do(http.MethodPost, vmPath+"/deallocate", nil).must(t, http.StatusAccepted))
	c.wait(grow(64).must(t, http.StatusOK))
	if r := grow(48); r.Status != http.StatusBadRequest || !strings.Contains(r.errorMessage(), "shrunk") {
		t.Fatalf("shrinking: %d %s", r.Status, r.Raw)
	}
	c.do(http.MethodPut, existing, emptyDiskBody(20)).must(t, http.StatusOK)
	if got := c.do(http.MethodGet, s.diskPath("vd", "scratch"), nil).Body["properties"].(map[string]any)["diskSizeGB"]; got != 64.0 {
		t.Fatalf("scratch is %v GB after growing", got)
	}

	// NC4as_T4_v3 takes 16 data disks (assumed: 4 per vCPU; [SIZES] gives none).
	var many []map[string]any
	for lun := 0; lun < 17; lun++ {
		many = append(many, dataDisk(lun, "Empty", fmt.Sprintf("d%d", lun), 1, ""))
	}
	b := vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("ubuntu_18_04"), nic, "")
	setDataDisks(b, many...)
	if r := c.do(http.MethodPut, vmPath, b); r.Status != http.StatusConflict || !strings.Contains(r.errorMessage(), "maximum number of data disks") {
		t.Fatalf("17 data disks: %d %s", r.Status, r.Raw)
	}
	c.do(http.MethodGet, s.diskPath("vd", "d0"), nil).must(t, http.StatusNotFound)

	// Detaching one leaves it, unattached.
	b = vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("ubuntu_18_04"), nic, "")
	setDataDisks(b, dataDisk(0, "Empty", "scratch", 0, ""))
	c.wait(c.do(http.MethodPut, vmPath, b).must(t, http.StatusOK))
	if st := str(c.do(http.MethodGet, existing, nil).Body, "properties", "diskState"); st != "Unattached" {
		t.Fatalf("detached disk is %s", st)
	}

	c.wait(c.do(http.MethodDelete, vmPath, nil).must(t, http.StatusAccepted))
	for _, d := range []string{s.diskPath("vd", "scratch"), existing} {
		if st := str(c.do(http.MethodGet, d, nil).must(t, http.StatusOK).Body, "properties", "diskState"); st != "Unattached" {
			t.Fatalf("%s after VM delete: %s", d, st)
		}
	}
}

// What the device does not model in a VM's data disks is refused, naming
// the property, and the request changes nothing.
func TestVMDataDiskRefusals(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("vr")
	taken := s.diskPath("vr", "taken")
	c.do(http.MethodPut, taken, emptyDiskBody(8)).must(t, http.StatusOK)
	nic0 := c.createNIC("vr", "holder-nic")
	holder := vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("ubuntu_18_04"), nic0, "")
	setDataDisks(holder, dataDisk(0, "Attach", "", 0, taken))
	c.wait(c.do(http.MethodPut, s.rgPath("vr")+"/providers/Microsoft.Compute/virtualMachines/holder", holder).must(t, http.StatusCreated))
	nic := c.createNIC("vr", "vm-nic")
	for _, tc := range []struct {
		name   string
		edit   func(b map[string]any)
		status int
		says   string
	}{
		{"FromImage data disk", func(b map[string]any) { setDataDisks(b, dataDisk(0, "FromImage", "x", 8, "")) }, 400, "storageProfile.dataDisks[0].createOption"},
		{"no lun", func(b map[string]any) {
			setDataDisks(b, map[string]any{"createOption": "Empty", "diskSizeGB": 8})
		}, 400, "storageProfile.dataDisks[0].lun"},
		{"same lun twice", func(b map[string]any) {
			setDataDisks(b, dataDisk(0, "Empty", "a", 8, ""), dataDisk(0, "Empty", "b", 8, ""))
		}, 400, "LUN 0"},
		{"empty without size", func(b map[string]any) { setDataDisks(b, dataDisk(0, "Empty", "a", 0, "")) }, 400, "storageProfile.dataDisks[0].diskSizeGB"},
		{"attach missing", func(b map[string]any) { setDataDisks(b, dataDisk(0, "Attach", "", 0, s.diskPath("vr", "nope"))) }, 404, "managedDisk.id"},
		{"attach another VM's", func(b map[string]any) { setDataDisks(b, dataDisk(0, "Attach", "", 0, taken)) }, 409, "is attached to VM"},
		{"bad caching", func(b map[string]any) {
			dd := dataDisk(0, "Empty", "a", 8, "")
			dd["caching"] = "WriteBack"
			setDataDisks(b, dd)
		}, 400, "storageProfile.dataDisks[0].caching"},
		{"write accelerator", func(b map[string]any) {
			dd := dataDisk(0, "Empty", "a", 8, "")
			dd["writeAcceleratorEnabled"] = true
			setDataDisks(b, dd)
		}, 400, "properties.storageProfile.dataDisks[0].writeAcceleratorEnabled"},
		{"diagnostics", func(b map[string]any) {
			b["properties"].(map[string]any)["diagnosticsProfile"] = map[string]any{"bootDiagnostics": map[string]any{"enabled": true}}
		}, 400, "properties.diagnosticsProfile"},
		{"plan", func(b map[string]any) { b["plan"] = map[string]any{"name": "x"} }, 400, "'plan'"},
		{"custom data not in base64", func(b map[string]any) { osProfile(b)["customData"] = "#cloud-config" }, 400, "Custom data in OSProfile must be in Base64 encoding"},
		{"os disk from attach", func(b map[string]any) {
			b["properties"].(map[string]any)["storageProfile"].(map[string]any)["osDisk"] = map[string]any{"createOption": "Attach"}
		}, 400, "storageProfile.osDisk.createOption"},
		{"invalid disk name", func(b map[string]any) { setDataDisks(b, dataDisk(0, "Empty", "bad name", 8, "")) }, 400, "bad name"},
		{"invalid OS disk name", func(b map[string]any) {
			b["properties"].(map[string]any)["storageProfile"].(map[string]any)["osDisk"] = map[string]any{"name": "os-"}
		}, 400, "storageProfile.osDisk.name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := vmBodyFor("Standard_NC4as_T4_v3", s.imageIDFor("ubuntu_18_04"), nic, "")
			tc.edit(b)
			path := s.rgPath("vr") + "/providers/Microsoft.Compute/virtualMachines/v" + strings.ReplaceAll(strings.ReplaceAll(tc.name, " ", ""), "'", "")
			r := c.do(http.MethodPut, path, b)
			if r.Status != tc.status || !strings.Contains(r.errorMessage(), tc.says) {
				t.Fatalf("%d %s, want %d naming %q", r.Status, r.Raw, tc.status, tc.says)
			}
			c.do(http.MethodGet, path, nil).must(t, http.StatusNotFound)
		})
	}
	if n := len(c.do(http.MethodGet, s.rgPath("vr")+"/providers/Microsoft.Compute/disks", nil).Body["value"].([]any)); n != 2 {
		t.Fatalf("refused requests left %d disks, want taken and holder's OS disk", n)
	}
}

// A PUT that changes data disks while an operation is under way is refused,
// not joined to the operation as a retry of the same PUT is.
func TestDataDiskChangeDuringOperation(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{OpDelay: time.Minute})
	c := s.deviceClient(t)
	c.createRG("op")
	nic := s.rgPath("op") + "/providers/Microsoft.Network/networkInterfaces/nic"
	c.do(http.MethodPut, nic, nicBodyFor(s.subnetID(), "")).must(t, http.StatusCreated)
	vmPath := s.rgPath("op") + "/providers/Microsoft.Compute/virtualMachines/vm"
	body := vmBodyFor("Standard_D1_v2", s.imageIDFor("ubuntu_18_04"), nic, "")
	c.do(http.MethodPut, vmPath, body).must(t, http.StatusCreated)
	c.do(http.MethodPut, vmPath, body).must(t, http.StatusOK) // a retry joins
	setDataDisks(body, dataDisk(0, "Empty", "late", 8, ""))
	if r := c.do(http.MethodPut, vmPath, body); r.Status != http.StatusConflict || r.errorCode() != "OperationNotAllowed" {
		t.Fatalf("changing data disks during creation: %d %s", r.Status, r.Raw)
	}
	c.do(http.MethodGet, s.diskPath("op", "late"), nil).must(t, http.StatusNotFound)
}

// Data disks and their attachments survive a restart of the mock.
func TestDataDisksSurviveRestart(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "device.json")
	first := startDevice(t, Options{StateFile: file})
	c := first.deviceClient(t)
	c.createRG("st")
	nic := c.createNIC("st", "nic")
	vmPath := first.rgPath("st") + "/providers/Microsoft.Compute/virtualMachines/vm"
	body := vmBodyFor("Standard_D2_v2", first.imageIDFor("ubuntu_18_04"), nic, "")
	setDataDisks(body, dataDisk(2, "Empty", "kept", 24, ""))
	c.wait(c.do(http.MethodPut, vmPath, body).must(t, http.StatusCreated))
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second := startDevice(t, Options{StateFile: file})
	c2 := second.deviceClient(t)
	dds := c2.do(http.MethodGet, vmPath, nil).must(t, http.StatusOK).Body["properties"].(map[string]any)["storageProfile"].(map[string]any)["dataDisks"].([]any)
	if len(dds) != 1 || dds[0].(map[string]any)["lun"] != 2.0 || dds[0].(map[string]any)["diskSizeGB"] != 24.0 {
		t.Fatalf("data disks after restart: %v", dds)
	}
	disk := c2.do(http.MethodGet, second.diskPath("st", "kept"), nil).must(t, http.StatusOK)
	if str(disk.Body, "properties", "diskState") != "Attached" || str(disk.Body, "properties", "creationData", "createOption") != "Empty" {
		t.Fatalf("disk after restart: %s", disk.Raw)
	}
}

// A disk PATCH (DiskUpdate) grows it and changes its tags, by the same rules.
func TestDiskPatch(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("pa")
	path := s.diskPath("pa", "d")
	c.do(http.MethodPut, path, emptyDiskBody(8)).must(t, http.StatusOK)
	r := c.do(http.MethodPatch, path, map[string]any{"tags": map[string]any{"k": "v"}, "properties": map[string]any{"diskSizeGB": 12}}).must(t, http.StatusOK)
	if r.Body["properties"].(map[string]any)["diskSizeGB"] != 12.0 || str(r.Body, "tags", "k") != "v" {
		t.Fatalf("patched disk: %s", r.Raw)
	}
	for _, tc := range []struct {
		body map[string]any
		says string
	}{
		{map[string]any{"properties": map[string]any{"diskSizeGB": 4}}, "shrunk"},
		{map[string]any{"properties": map[string]any{"encryptionSettings": map[string]any{"enabled": true}}}, "properties.encryptionSettings"},
	} {
		if r := c.do(http.MethodPatch, path, tc.body); r.Status != http.StatusBadRequest || !strings.Contains(r.errorMessage(), tc.says) {
			t.Errorf("PATCH %v: %d %s", tc.body, r.Status, r.Raw)
		}
	}
	c.do(http.MethodPatch, s.diskPath("pa", "none"), map[string]any{}).must(t, http.StatusNotFound)
}

// A resize to a size with fewer data disks than the VM has is refused.
func TestResizeKeepsDataDiskLimit(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("rz")
	nic := c.createNIC("rz", "nic")
	vmPath := s.rgPath("rz") + "/providers/Microsoft.Compute/virtualMachines/vm"
	body := vmBodyFor("Standard_D2_v2", s.imageIDFor("ubuntu_18_04"), nic, "")
	var disks []map[string]any
	for lun := 0; lun < 5; lun++ {
		disks = append(disks, dataDisk(lun, "Empty", fmt.Sprintf("d%d", lun), 1, ""))
	}
	setDataDisks(body, disks...)
	c.wait(c.do(http.MethodPut, vmPath, body).must(t, http.StatusCreated))
	delete(body["properties"].(map[string]any)["storageProfile"].(map[string]any), "dataDisks")
	setSize(body, "Standard_D1_v2") // 4 data disks [SIZES]
	if r := c.do(http.MethodPut, vmPath, body); r.Status != http.StatusConflict || !strings.Contains(r.errorMessage(), "Standard_D1_v2 is 4") {
		t.Fatalf("resize below the data disks: %d %s", r.Status, r.Raw)
	}
	if size := str(c.do(http.MethodGet, vmPath, nil).Body, "properties", "hardwareProfile", "vmSize"); size != "Standard_D2_v2" {
		t.Fatalf("size is %s", size)
	}
}

// At 2020-06-01 a data disk marked toBeDetached is detached, as leaving it
// out of the list does.
func TestDataDiskToBeDetached(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := s.deviceClient(t)
	c.createRG("tb")
	nic := c.createNIC("tb", "nic")
	vmPath := s.rgPath("tb") + "/providers/Microsoft.Compute/virtualMachines/vm"
	body := vmBodyFor("Standard_D2_v2", s.imageIDFor("ubuntu_18_04"), nic, "")
	setDataDisks(body, dataDisk(0, "Empty", "a", 4, ""), dataDisk(1, "Empty", "b", 4, ""))
	c.wait(c.do(http.MethodPut, vmPath+"?api-version=2020-06-01", body).must(t, http.StatusCreated))
	gone := dataDisk(1, "Empty", "b", 4, "")
	gone["toBeDetached"] = true
	setDataDisks(body, dataDisk(0, "Empty", "a", 4, ""), gone)
	c.wait(c.do(http.MethodPut, vmPath+"?api-version=2020-06-01", body).must(t, http.StatusOK))
	dds := c.do(http.MethodGet, vmPath, nil).Body["properties"].(map[string]any)["storageProfile"].(map[string]any)["dataDisks"].([]any)
	if len(dds) != 1 || dds[0].(map[string]any)["name"] != "a" {
		t.Fatalf("data disks: %v", dds)
	}
	if st := str(c.do(http.MethodGet, s.diskPath("tb", "b"), nil).Body, "properties", "diskState"); st != "Unattached" {
		t.Fatalf("b is %s", st)
	}
}
