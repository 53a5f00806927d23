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
	for _, s := range []*Shortage{short, tooBig} {
		if s == nil {
			t.Fatal("no shortage")
		}
		if d := s.Detail(); !strings.Contains(d, "terraform destroy -refresh=false") || !strings.Contains(d, "skips that plan") {
			t.Errorf("%s: %s", s.Summary(), d)
		}
	}
}
