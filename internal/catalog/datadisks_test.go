package catalog

import "testing"

// Every size has a data-disk limit, and the rows [SIZES] gives keep the
// page's figures, not the assumed rule's.
func TestMaxDataDisks(t *testing.T) {
	for _, s := range AllSizes() {
		if s.DataDiskLimit() < 1 || s.DataDiskLimit() > 64 {
			t.Errorf("%s: %d data disks", s.Name, s.DataDiskLimit())
		}
	}
	for name, want := range map[string]int{
		"Standard_D1_v2": 4, "Standard_F4s_v1": 8, "Standard_F12_HPN": 64, "Standard_DS4_v2_HPN_T4_v3": 32,
		"Standard_NC4as_T4_v3": 16, "Standard_NC8as_T4_v3": 32, "Standard_NC32as_2A2_v1": 64,
	} {
		s, ok := LookupSize(name)
		if !ok || s.DataDiskLimit() != want {
			t.Errorf("%s: %d data disks, want %d", name, s.DataDiskLimit(), want)
		}
	}
	for name := range maxDataDisks {
		if _, ok := LookupSize(name); !ok {
			t.Errorf("data-disk row %s names no size", name)
		}
	}
}
