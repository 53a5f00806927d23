package catalog

import (
	"strings"
	"testing"
)

func TestCheckDataDisks(t *testing.T) {
	nc4, _ := LookupSize("Standard_NC4as_T4_v3")
	many := make([]DataDisk, nc4.DataDiskLimit()+1)
	for i := range many {
		many[i] = DataDisk{Name: "d" + string(rune('a'+i)), LUN: i, SizeGB: 1}
	}
	for _, tc := range []struct {
		name  string
		disks []DataDisk
		want  string
	}{
		{"two disks", []DataDisk{{"a", 0, 64}, {"b", 1, 1024}}, ""},
		{"none", nil, ""},
		{"too many", many, "takes at most 16 data disks"},
		{"same LUN", []DataDisk{{"a", 0, 64}, {"b", 0, 64}}, "disks a and b both use LUN 0"},
		{"same name", []DataDisk{{"a", 0, 64}, {"A", 1, 64}}, "two data disks have this name"},
		{"LUN out of range", []DataDisk{{"a", 64, 64}}, "LUNs run from 0 to 63"},
		{"too big", []DataDisk{{"a", 0, 32768}}, "1 to 32767 GB"},
		{"empty", []DataDisk{{"a", 0, 0}}, "1 to 32767 GB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := CheckDataDisks(nc4, tc.disks)
			if (tc.want == "") != (p == nil) || (p != nil && !strings.Contains(p.Detail(), tc.want)) {
				t.Fatalf("CheckDataDisks = %v, want %q", p, tc.want)
			}
		})
	}
}

func TestDiffDataDisks(t *testing.T) {
	before := []DataDisk{{"keep", 0, 64}, {"grow", 1, 64}, {"shrink", 2, 64}, {"gone", 3, 64}, {"move", 4, 64}}
	after := []DataDisk{{"KEEP", 0, 64}, {"grow", 1, 128}, {"shrink", 2, 32}, {"move", 5, 64}, {"new", 6, 8}}
	c := DiffDataDisks(before, after)
	if len(c.Added) != 1 || c.Added[0].Name != "new" || len(c.Removed) != 1 || c.Removed[0].Name != "gone" ||
		len(c.Grown) != 1 || c.Grown[0].SizeGB != 128 || len(c.Shrunk) != 1 || len(c.Moved) != 1 {
		t.Fatalf("%+v", c)
	}
	if p := CheckShrink(before, c.Shrunk[0]); p == nil || !strings.Contains(p.Detail(), "disk shrink is 64 GB on the device, and a managed disk can only grow") {
		t.Fatalf("CheckShrink = %v", p)
	}
}

func TestNewStorageGB(t *testing.T) {
	before := []DataDisk{{Name: "Data", LUN: 0, SizeGB: 2000}, {Name: "logs", LUN: 1, SizeGB: 1000}}
	for _, tc := range []struct {
		name  string
		after []DataDisk
		want  int64
	}{
		{"unchanged", before, 0},
		{"a disk added", append(append([]DataDisk{}, before...), DataDisk{Name: "new", LUN: 2, SizeGB: 64}), 64},
		{"a disk grown asks its growth", []DataDisk{{Name: "data", LUN: 0, SizeGB: 3100}, before[1]}, 1100},
		{"grown and added", []DataDisk{{Name: "data", LUN: 0, SizeGB: 2500}, {Name: "logs", LUN: 1, SizeGB: 1600}, {Name: "x", LUN: 3, SizeGB: 10}}, 500 + 600 + 10},
		{"a disk removed frees nothing here", before[:1], 0},
		{"from nothing", nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DiffDataDisks(before, tc.after).NewStorageGB(before); got != tc.want {
				t.Errorf("NewStorageGB = %d, want %d", got, tc.want)
			}
		})
	}
}
