package catalog

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestCheckCustomData(t *testing.T) {
	secret := "#cloud-config\npassword: hunter2\n"
	for _, tc := range []struct {
		name, value, want string
	}{
		{"cloud-init", base64.StdEncoding.EncodeToString([]byte(secret)), ""},
		{"the largest ARM takes", base64.StdEncoding.EncodeToString(make([]byte, CustomDataMaxBytes)), ""},
		{"one byte more", base64.StdEncoding.EncodeToString(make([]byte, CustomDataMaxBytes+1)), "decodes to 65536 bytes, more than the 65535"},
		{"plain text", secret, "is not standard base64"},
		{"URL-safe alphabet", "-_-_", "is not standard base64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := CheckCustomData(tc.value)
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Fatalf("CheckCustomData = %q, want %q", got, tc.want)
			}
			if strings.Contains(got, "hunter2") {
				t.Fatalf("the answer quotes the secret: %q", got)
			}
		})
	}
	if CustomDataMaxChars != 87380 {
		t.Fatalf("CustomDataMaxChars = %d, want ARM's 87380", CustomDataMaxChars)
	}
}
