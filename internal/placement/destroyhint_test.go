package placement

import (
	"strings"
	"testing"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// terraform destroy plans the configuration before destroying, so every
// shortage says how to destroy anyway.
func TestShortageSaysHowToDestroy(t *testing.T) {
	full := FromDeclared(Hardware{GPUs: 1, GPUType: catalog.GPUTypeT4}, []VM{vm("a", nc4, "running")})
	var l Ledger
	short := l.Add(full, req("b", nc4, "new"))
	tooBig := (&Ledger{}).Add(full, req("c", nc32x2, "new"))
	// Memory: 128 GiB, 96 for VMs; two NC8as ask 112, and one VM of 224
	// never fits.
	mem := FromDeclared(Hardware{GPUs: 2, GPUType: catalog.GPUTypeT4, MemoryGiB: 128}, nil)
	var ml Ledger
	ml.Add(mem, memReq("d", nc8, "new"))
	memShort := ml.Add(mem, memReq("e", nc8, "new"))
	memTooBig := (&Ledger{}).Add(mem, memReq("f", nc32x2, "new"))
	for _, s := range []*Shortage{short, tooBig, memShort, memTooBig} {
		if s == nil {
			t.Fatal("no shortage")
		}
		if d := s.Detail(); !strings.Contains(d, "terraform destroy -refresh=false") || !strings.Contains(d, "skips that plan") {
			t.Errorf("%s: %s", s.Summary(), d)
		}
	}
}
