package catalog

import (
	"strings"
	"testing"
)

// Size lookups never panic and find a size only by its name, in any case.
func FuzzLookupSize(f *testing.F) {
	for _, s := range []string{"Standard_NC4as_T4_v3", "standard_nc32as_2t4_v1", " Standard_D2_v2 ", "Standard_NC6", "", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		s, ok := LookupSize(name)
		if !ok {
			if p := CheckGPUSize(name, Newest(), GPUTypeT4); p == nil {
				t.Fatalf("unknown size %q passes the GPU size rule", name)
			}
			return
		}
		if !strings.EqualFold(s.Name, strings.TrimSpace(name)) {
			t.Fatalf("%q found %q", name, s.Name)
		}
		if s.IsGPU() != (s.GPUType != "") {
			t.Fatalf("%s: GPUs %d and type %q disagree", s.Name, s.GPUs, s.GPUType)
		}
		if p := CheckGPUSize(name, Newest(), s.GPUType); (p == nil) != s.IsGPU() {
			t.Fatalf("%s: GPU size rule says %v", s.Name, p)
		}
	})
}

// Release names never panic, and accepted ones round-trip.
func FuzzParseRelease(f *testing.F) {
	for _, s := range []string{"2309", "2101", "2513", "1912", "23.9", "", "abcd", "99999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRelease(s)
		if err != nil {
			return
		}
		back, err := ParseRelease(r.String())
		if err != nil || back != r || !r.AtLeast(Oldest()) {
			t.Fatalf("%q parsed as %s, which parses as %s (%v)", s, r, back, err)
		}
	})
}

// Settings compare as JSON: normalizing never panics, is idempotent, and
// the normal form is the same settings as the input.
func FuzzNormalizeSettings(f *testing.F) {
	for _, s := range []string{`{}`, `{"b":1,"a":"x"}`, " { \"DriverType\" : \"GRID\" } ", `{"n":1.50e3}`, `{"u":"\u00e9<&>"}`, `[1]`, `{`, ``, `{"a":{"b":[null,true]}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := NormalizeSettings(s)
		if err != nil {
			return
		}
		again, err := NormalizeSettings(n)
		if err != nil || again != n {
			t.Fatalf("normal form %q of %q normalizes to %q (%v)", n, s, again, err)
		}
		if !SameSettings(s, n) || !SameSettings(n, s) {
			t.Fatalf("%q and its normal form %q differ", s, n)
		}
		if withKind, err := WithDriverType(n, "CUDA"); err == nil && !strings.Contains(withKind, `"DriverType":"CUDA"`) {
			t.Fatalf("WithDriverType(%q) = %q", n, withKind)
		}
	})
}
