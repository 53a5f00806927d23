package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The committed release guide is what the catalog generates: run
// `make docs` (or go run ./internal/catalog/cmd/releaseguide) after changing
// the catalog.
func TestReleaseGuideIsCurrent(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(ReleaseGuidePath)))
	if err != nil {
		t.Fatalf("%v: run make docs", err)
	}
	if string(b) != ReleaseGuide() {
		t.Fatalf("%s is stale: run make docs and commit templates/ and docs/", ReleaseGuidePath)
	}
}

func TestReleaseGuideContent(t *testing.T) {
	g := ReleaseGuide()
	for _, want := range []string{
		"| `Standard_F12_HPN_A2` | 12 | 64 | 1 | A2 |",
		"### 2205\n",
		"`Standard_F12_HPN` takes 1 network interface on this release",
		"| `windows_server_2019` | `NvidiaGpuDriverWindows` | `1.3` |",
		"511.65-data-center-tesla-desktop-winserver-2016-2019-2022",
		"A stopped or deallocated GPU VM keeps its GPU.",
	} {
		if !strings.Contains(g, want) {
			t.Errorf("the guide lacks %q", want)
		}
	}
	if strings.Contains(g, "{{") {
		t.Error("the guide holds template actions tfplugindocs would run")
	}
}
