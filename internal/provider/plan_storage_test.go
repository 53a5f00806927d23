package provider

import "testing"

func TestPlannedStorageAddsUpThePlan(t *testing.T) {
	var p plannedStorage
	if total, others := p.ask("/vms/A", "rg/a", 100); total != 100 || others != "" {
		t.Fatalf("first VM: %d, %q", total, others)
	}
	if total, others := p.ask("/vms/b", "rg/b", 50); total != 150 || others != "rg/a 100 GB" {
		t.Fatalf("second VM: %d, %q", total, others)
	}
	// A replacement planned again replaces its first ask, whatever the case of its ID.
	if total, others := p.ask("/VMS/a", "rg/a", 10); total != 60 || others != "rg/b 50 GB" {
		t.Fatalf("a planned again: %d, %q", total, others)
	}
	if total, others := p.ask("/vms/c", "rg/c", 0); total != 60 || others != "rg/a 10 GB, rg/b 50 GB" {
		t.Fatalf("a VM asking nothing: %d, %q", total, others)
	}
}
