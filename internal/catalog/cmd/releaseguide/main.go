// Command releaseguide writes the docs guide of device releases from the
// catalog (catalog.ReleaseGuide) to templates/guides, before tfplugindocs
// renders docs/. `make docs` runs it from the module root.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

func main() {
	out := flag.String("out", catalog.ReleaseGuidePath, "file to write")
	flag.Parse()
	if err := os.WriteFile(*out, []byte(catalog.ReleaseGuide()), 0o600); err != nil { // an existing file keeps its mode
		fmt.Fprintln(os.Stderr, "releaseguide:", err)
		os.Exit(1)
	}
}
