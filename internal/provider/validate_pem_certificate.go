package provider

import (
	"encoding/pem"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// pemCertificate checks for at least one PEM certificate.
func pemCertificate() validator.String {
	return stringCheck{"must hold a PEM certificate", checkPEM}
}

func checkPEM(s string) string {
	rest := []byte(s)
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return "holds no PEM certificate (-----BEGIN CERTIFICATE-----); give the device's root certificate in PEM form " +
				"(or, in AZURESTACKEDGE_CA_CERTIFICATE, the path of such a file)"
		}
		if b.Type == "CERTIFICATE" {
			return ""
		}
	}
}
