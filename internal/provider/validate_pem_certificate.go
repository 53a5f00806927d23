package provider

import (
	"crypto/x509"
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
			// As the device client will read it (x509.CertPool's
			// AppendCertsFromPEM takes only certificates that parse).
			if _, err := x509.ParseCertificate(b.Bytes); err != nil {
				return "holds a CERTIFICATE block that is not a certificate (" + err.Error() + "); give the device's root certificate as downloaded from its local web UI"
			}
			return ""
		}
	}
}
