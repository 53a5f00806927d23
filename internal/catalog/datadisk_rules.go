package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// Data-disk limits of Compute's DataDisk: LUNs 0 to 63, sizes 1 to 32767 GB
// (Azure Compute REST API, DataDisk.lun and diskSizeGB; managed disks top
// out at 32 TiB).
const (
	MaxDataDiskLUN    = 63
	MaxDataDiskSizeGB = 32767
)

// DataDisk is a planned data disk.
type DataDisk struct {
	Name   string
	LUN    int
	SizeGB int
}

// CheckDataDisks applies the rules a VM's data disks must meet: no more
// than the size takes [SIZES], one disk per LUN and per name, sizes within
// Compute's limits.
func CheckDataDisks(s Size, disks []DataDisk) *Problem {
	if limit := s.DataDiskLimit(); len(disks) > limit {
		return &Problem{Attribute: "data_disks", Value: fmt.Sprintf("%d disks", len(disks)),
			Rule: fmt.Sprintf("a VM of size %s takes at most %d data disks %s", s.Name, limit, Cite("SIZES")),
			Fix:  fmt.Sprintf("Use at most %d, or a size that takes more.", limit)}
	}
	luns, names := map[int]string{}, map[string]bool{}
	for _, d := range disks {
		if other, ok := luns[d.LUN]; ok {
			return &Problem{Attribute: "data_disks", Value: fmt.Sprintf("lun %d", d.LUN),
				Rule: fmt.Sprintf("disks %s and %s both use LUN %d, and each data disk needs its own (Azure Compute REST API, DataDisk.lun)", other, d.Name, d.LUN),
				Fix:  fmt.Sprintf("Give each disk a LUN of its own, from 0 to %d.", MaxDataDiskLUN)}
		}
		luns[d.LUN] = d.Name
		if names[strings.ToLower(d.Name)] {
			return &Problem{Attribute: "data_disks", Value: d.Name,
				Rule: "two data disks have this name, and a disk's name is its ID in the resource group",
				Fix:  "Give each disk a name of its own, or leave name unset (the VM's name, _DataDisk_ and the LUN)."}
		}
		names[strings.ToLower(d.Name)] = true
		if d.LUN < 0 || d.LUN > MaxDataDiskLUN {
			return &Problem{Attribute: "data_disks", Value: fmt.Sprintf("lun %d", d.LUN),
				Rule: fmt.Sprintf("LUNs run from 0 to %d (Azure Compute REST API, DataDisk.lun)", MaxDataDiskLUN), Fix: "Use a LUN in that range."}
		}
		if d.SizeGB < 1 || d.SizeGB > MaxDataDiskSizeGB {
			return &Problem{Attribute: "data_disks", Value: fmt.Sprintf("size_gb %d", d.SizeGB),
				Rule: fmt.Sprintf("a managed disk has 1 to %d GB (Azure Compute REST API, DataDisk.diskSizeGB)", MaxDataDiskSizeGB),
				Fix:  fmt.Sprintf("Use a size from 1 to %d GB.", MaxDataDiskSizeGB)}
		}
	}
	return nil
}

// DataDiskChange is how a plan changes a VM's data disks, by name.
type DataDiskChange struct {
	Added, Removed []DataDisk
	Grown          []DataDisk // with their new sizes
	Shrunk         []DataDisk // with their new sizes: refused
	Moved          []DataDisk // same disk, another LUN (or caching)
}

// DiffDataDisks compares a VM's disks with the plan's, by name (ignoring
// case, as ARM does).
func DiffDataDisks(before, after []DataDisk) DataDiskChange {
	var c DataDiskChange
	old := map[string]DataDisk{}
	for _, d := range before {
		old[strings.ToLower(d.Name)] = d
	}
	for _, d := range after {
		prev, ok := old[strings.ToLower(d.Name)]
		delete(old, strings.ToLower(d.Name))
		switch {
		case !ok:
			c.Added = append(c.Added, d)
		case d.SizeGB > prev.SizeGB:
			c.Grown = append(c.Grown, d)
		case d.SizeGB < prev.SizeGB:
			c.Shrunk = append(c.Shrunk, d)
		case d.LUN != prev.LUN:
			c.Moved = append(c.Moved, d)
		}
	}
	for _, d := range old {
		c.Removed = append(c.Removed, d)
	}
	sort.Slice(c.Removed, func(i, j int) bool { return c.Removed[i].Name < c.Removed[j].Name })
	return c
}

// NewStorageGB is the storage a change asks the device for: the added
// disks whole, and what the grown ones grow by (before holds their old
// sizes); a grown disk keeps what it had.
func (c DataDiskChange) NewStorageGB(before []DataDisk) int64 {
	old := map[string]int{}
	for _, d := range before {
		old[strings.ToLower(d.Name)] = d.SizeGB
	}
	var gb int64
	for _, d := range c.Added {
		gb += int64(d.SizeGB)
	}
	for _, d := range c.Grown {
		gb += int64(d.SizeGB - old[strings.ToLower(d.Name)])
	}
	return gb
}

// CheckShrink refuses a disk made smaller: managed disks only grow ("can
// only increase the disk's size", Azure Compute REST API, Disks - Update).
func CheckShrink(before []DataDisk, d DataDisk) *Problem {
	for _, b := range before {
		if strings.EqualFold(b.Name, d.Name) {
			return &Problem{Attribute: "data_disks", Value: fmt.Sprintf("%s size_gb %d", d.Name, d.SizeGB),
				Rule: fmt.Sprintf("disk %s is %d GB on the device, and a managed disk can only grow (Azure Compute REST API, Disks - Update: "+
					"resizes \"can only increase the disk's size\")", b.Name, b.SizeGB),
				Fix: fmt.Sprintf("Keep size_gb at %d or more; to get a smaller disk, remove this one and add another under a new name or LUN "+
					"(its data is lost).", b.SizeGB)}
		}
	}
	return nil
}
