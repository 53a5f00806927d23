package provider

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// plannedStorage adds up the new disk storage (GB) the plan's VMs ask the
// device for: data disks added or grown. The device's free storage is one
// pool, so the plan's VMs are checked together, as the GPU ledger does
// for GPUs. A replacement is planned twice; the later plan wins.
type plannedStorage struct {
	mu    sync.Mutex
	byVM  map[string]int64
	names map[string]string
}

// ask records that VM key (named name) asks for gb, and returns what the
// whole plan asks and a description of the plan's other VMs' share.
func (p *plannedStorage) ask(key, name string, gb int64) (total int64, others string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.byVM == nil {
		p.byVM, p.names = map[string]int64{}, map[string]string{}
	}
	k := strings.ToLower(key)
	p.byVM[k], p.names[k] = gb, name
	var parts []string
	for other, n := range p.byVM {
		total += n
		if other != k && n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d GB", p.names[other], n))
		}
	}
	sort.Strings(parts)
	return total, strings.Join(parts, ", ")
}
