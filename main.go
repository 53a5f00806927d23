// Command terraform-provider-azurestackedge serves the azurestackedge
// Terraform provider over plugin protocol 6.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/buildversion"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

// version is set at release time (goreleaser's ldflags); without it,
// buildversion reads what `go install ...@version` recorded. The mock
// device's command reports the same.
var version = buildversion.Dev

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run with support for debuggers such as delve")
	flag.Parse()
	// Served shares the plan's device reads between the processes of one
	// Terraform run; with -debug, one process serves many runs: New.
	serve := provider.Served(buildversion.Of(version))
	if debug {
		serve = provider.New(buildversion.Of(version))
	}
	err := providerserver.Serve(context.Background(), serve, providerserver.ServeOpts{
		Address:         "registry.terraform.io/asegpu/azurestackedge",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err)
	}
}
