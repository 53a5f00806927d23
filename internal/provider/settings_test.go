package provider

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// testPEM is a self-signed certificate in PEM form: resolveSettings
// checks that it parses, the TLS handshake checks the rest.
var testPEM = func() string {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}()

// minimal is a provider block that resolves without errors.
func minimal() providerModel {
	return providerModel{ARMEndpoint: types.StringValue("https://management.dbe.example.com/"), Password: types.StringValue("pw"),
		GPUCount: types.Int64Value(2)}
}

func envOf(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

// finding is a diagnostic a case expects: its severity, attribute and a
// part of its summary or detail.
type finding struct {
	warning bool
	attr    string
	text    string
}

func has(diags diag.Diagnostics, f finding) bool {
	for _, d := range diags {
		if (d.Severity() == diag.SeverityWarning) != f.warning {
			continue
		}
		wd, ok := d.(diag.DiagnosticWithPath)
		if !ok || !wd.Path().Equal(path.Root(f.attr)) {
			continue
		}
		if strings.Contains(d.Summary()+" "+d.Detail(), f.text) {
			return true
		}
	}
	return false
}

func TestResolveSettings(t *testing.T) {
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, []byte(testPEM), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		model func(m *providerModel)
		env   map[string]string
		want  []finding // and no other errors
		check func(t *testing.T, s settings)
	}{
		{name: "the block alone", check: func(t *testing.T, s settings) {
			if s.device.ARMEndpoint != "https://management.dbe.example.com/" || s.device.Password != "pw" || s.release != catalog.Newest() {
				t.Fatalf("%+v", s)
			}
			if s.declared == nil || s.declared.GPUs != 2 || s.declared.GPUType != catalog.GPUTypeT4 {
				t.Fatalf("declared %+v, want two T4s", s.declared)
			}
		}},
		{name: "the block wins over the environment",
			env: map[string]string{envARMEndpoint: "https://other/", envPassword: "env-pw", envUsername: "EdgeArmUser"},
			check: func(t *testing.T, s settings) {
				if s.device.ARMEndpoint != "https://management.dbe.example.com/" || s.device.Password != "pw" || s.device.Username != "EdgeArmUser" {
					t.Fatalf("%+v", s.device)
				}
			}},
		{name: "the environment fills what the block leaves out",
			model: func(m *providerModel) { m.ARMEndpoint, m.Password = types.StringNull(), types.StringNull() },
			env:   map[string]string{envARMEndpoint: "https://env/", envPassword: "env-pw", envCACertificate: caFile, envRelease: "2309"},
			check: func(t *testing.T, s settings) {
				if s.device.ARMEndpoint != "https://env/" || s.device.Password != "env-pw" || string(s.device.CACertificatePEM) != testPEM ||
					s.release != catalog.MustRelease("2309") {
					t.Fatalf("%+v %s", s.device, s.release)
				}
			}},
		{name: "nothing set",
			model: func(m *providerModel) { *m = providerModel{} },
			want: []finding{{attr: "arm_endpoint", text: "Missing arm_endpoint"}, {attr: "password", text: "Missing password"},
				{warning: true, attr: "gpu_count", text: "GPU capacity unknown"}}},
		{name: "an endpoint from the environment is checked as the schema checks the block's",
			model: func(m *providerModel) { m.ARMEndpoint = types.StringNull() },
			env:   map[string]string{envARMEndpoint: "http://management.dbe/"},
			want:  []finding{{attr: "arm_endpoint", text: "Invalid " + envARMEndpoint}}},
		{name: "a port that is no TCP port",
			model: func(m *providerModel) { m.ARMEndpoint = types.StringNull() },
			env:   map[string]string{envARMEndpoint: "https://management.dbe:70000/"},
			want:  []finding{{attr: "arm_endpoint", text: "not a TCP port"}}},
		{name: "a subscription from the environment that is no GUID",
			env:  map[string]string{envSubscription: "sub-1"},
			want: []finding{{attr: "subscription_id", text: "is not a GUID"}}},
		{name: "a CA certificate path that cannot be read",
			env:  map[string]string{envCACertificate: filepath.Join(t.TempDir(), "missing.pem")},
			want: []finding{{attr: "ca_certificate", text: "Unreadable " + envCACertificate}}},
		{name: "a CA certificate in the block that is not PEM",
			model: func(m *providerModel) { m.CACertificate = types.StringValue("not a certificate") },
			want:  []finding{{attr: "ca_certificate", text: "holds no PEM certificate"}}},
		{name: "insecure_skip_verify warns",
			model: func(m *providerModel) { m.InsecureSkipVerify = types.BoolValue(true) },
			want:  []finding{{warning: true, attr: "insecure_skip_verify", text: "TLS verification is off"}}},
		{name: "insecure_skip_verify with a CA certificate from the environment",
			model: func(m *providerModel) { m.InsecureSkipVerify = types.BoolValue(true) },
			env:   map[string]string{envCACertificate: testPEM},
			want: []finding{{attr: "insecure_skip_verify", text: "Conflicting TLS settings"},
				{warning: true, attr: "insecure_skip_verify", text: "TLS verification is off"}}},
		{name: "a release from the environment that is none names the variable",
			env:  map[string]string{envRelease: "23x9"},
			want: []finding{{attr: "device_release", text: envRelease + ` = "23x9"`}}},
		{name: "a release newer than this provider knows",
			model: func(m *providerModel) { m.DeviceRelease = types.StringValue("9912") },
			want:  []finding{{warning: true, attr: "device_release", text: "newer than this provider"}},
			check: func(t *testing.T, s settings) {
				if s.release.String() != "9912" {
					t.Fatalf("release %s", s.release)
				}
			}},
		{name: "a device ID from the environment that is none",
			model: func(m *providerModel) { m.GPUCount = types.Int64Null() },
			env:   map[string]string{envDeviceID: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/v"},
			want:  []finding{{attr: "device_id", text: "Invalid " + envDeviceID}}},
		{name: "a device ID from the environment and a declared GPU count",
			env:  map[string]string{envDeviceID: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.DataBoxEdge/dataBoxEdgeDevices/d"},
			want: []finding{{attr: "gpu_count", text: "from " + envDeviceID}},
			check: func(t *testing.T, s settings) {
				if s.declared != nil {
					t.Fatalf("declared %+v with device_id", s.declared)
				}
			}},
		{name: "a device ID from the environment and a declared memory",
			model: func(m *providerModel) { m.GPUCount, m.MemoryGiB = types.Int64Null(), types.Int64Value(96) },
			env:   map[string]string{envDeviceID: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.DataBoxEdge/dataBoxEdgeDevices/d"},
			want:  []finding{{attr: "memory_gib", text: "from " + envDeviceID}}},
		{name: "an Azure endpoint from the environment that is not https",
			env:  map[string]string{envAzureEndpoint: "http://management.azure.com/"},
			want: []finding{{attr: "azure_endpoint", text: "Invalid " + envAzureEndpoint}}},
		{name: "declared A2s and memory",
			model: func(m *providerModel) {
				m.GPUCount, m.GPUType, m.MemoryGiB = types.Int64Value(1), types.StringValue("A2"), types.Int64Value(128)
			},
			check: func(t *testing.T, s settings) {
				if s.declared == nil || s.declared.GPUs != 1 || s.declared.GPUType != catalog.GPUTypeA2 || s.declared.MemoryGiB != 128 {
					t.Fatalf("declared %+v", s.declared)
				}
			}},
		{name: "no GPU count declared",
			model: func(m *providerModel) { m.GPUCount = types.Int64Null() },
			want:  []finding{{warning: true, attr: "gpu_count", text: "GPU capacity unknown"}},
			check: func(t *testing.T, s settings) {
				if s.declared == nil || s.declared.GPUs != 0 {
					t.Fatalf("declared %+v, want an unknown count", s.declared)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := minimal()
			if tc.model != nil {
				tc.model(&m)
			}
			s, diags := resolveSettings(m, envOf(tc.env))
			for _, f := range tc.want {
				if !has(diags, f) {
					t.Errorf("no %+v in %v", f, diags)
				}
			}
			for _, d := range diags {
				expected := false
				for _, f := range tc.want {
					expected = expected || has(diag.Diagnostics{d}, f)
				}
				if !expected {
					t.Errorf("unexpected %s: %s: %s", d.Severity(), d.Summary(), d.Detail())
				}
			}
			if tc.check != nil {
				tc.check(t, s)
			}
		})
	}
}

// Secrets never reach a diagnostic: the password is checked for being set, never quoted.
func TestResolveSettingsKeepsThePasswordOut(t *testing.T) {
	m := minimal()
	m.Password = types.StringValue("Sup3r-Secret!")
	m.InsecureSkipVerify = types.BoolValue(true)
	m.DeviceRelease = types.StringValue("bad")
	_, diags := resolveSettings(m, envOf(map[string]string{envCACertificate: "nothing"}))
	for _, d := range diags {
		if strings.Contains(d.Summary()+d.Detail(), "Sup3r-Secret!") {
			t.Fatalf("the password in %s: %s", d.Summary(), d.Detail())
		}
	}
}

func TestAnyUnknown(t *testing.T) {
	m := minimal()
	if m.anyUnknown() {
		t.Fatal("a known block is unknown")
	}
	for _, set := range []func(*providerModel){
		func(m *providerModel) { m.ARMEndpoint = types.StringUnknown() },
		func(m *providerModel) { m.InsecureSkipVerify = types.BoolUnknown() },
		func(m *providerModel) { m.MemoryGiB = types.Int64Unknown() },
	} {
		m := minimal()
		set(&m)
		if !m.anyUnknown() {
			t.Fatalf("an unknown argument not seen: %+v", m)
		}
	}
}
