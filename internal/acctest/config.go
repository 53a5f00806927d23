package acctest

import (
	"os"
	"strings"
)

// RequiredProviders is the terraform block naming this provider at the
// address terraform-plugin-testing serves it under (TF_ACC_PROVIDER_HOST and
// TF_ACC_PROVIDER_NAMESPACE, as its getProviderAddr reads them). Give it to
// every configuration a step uses as written: an import step, and a query
// step, write their configuration without adding one, and OpenTofu then
// looks for hashicorp/azurestackedge.
func RequiredProviders() string {
	host, namespace := "registry.terraform.io", "hashicorp"
	if v := os.Getenv("TF_ACC_PROVIDER_HOST"); v != "" {
		host = strings.TrimSuffix(v, "/")
	}
	if v := os.Getenv("TF_ACC_PROVIDER_NAMESPACE"); v != "" {
		namespace = strings.TrimSuffix(v, "/")
	}
	return `
terraform {
  required_providers {
    azurestackedge = {
      source = "` + host + "/" + namespace + `/azurestackedge"
    }
  }
}
`
}
