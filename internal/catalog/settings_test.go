package catalog

import (
	"strings"
	"testing"
)

func TestNormalizeSettings(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{`{"b":1, "a": "x"}`, `{"a":"x","b":1}`, ""},
		{"{\n  \"DriverType\" : \"CUDA\"\n}", `{"DriverType":"CUDA"}`, ""},
		{"", "{}", ""},
		{"  ", "{}", ""},
		{`{"url":"http://x/?a=1&b=<2>"}`, `{"url":"http://x/?a=1&b=<2>"}`, ""},
		{`{"n":1.50}`, `{"n":1.50}`, ""},
		{`[1]`, "", "must be a JSON object, not an array"},
		{`"x"`, "", "not a string"},
		{`{"a":1}{}`, "", "more than one JSON value"},
		{`{`, "", "not JSON"},
	} {
		got, err := NormalizeSettings(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("NormalizeSettings(%q) error = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("NormalizeSettings(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if !SameSettings(`{"a":1,"b":[1,2]}`, " { \"b\" : [1, 2], \"a\" : 1 } ") || SameSettings(`{"a":1}`, `{"a":2}`) {
		t.Error("SameSettings")
	}
}

func TestWithDriverType(t *testing.T) {
	got, err := WithDriverType(`{"DriverURL":"u"}`, "grid")
	if err != nil || got != `{"DriverType":"GRID","DriverURL":"u"}` {
		t.Fatalf("%q %v", got, err)
	}
	if _, err := WithDriverType(`{"DriverType":"CUDA"}`, "GRID"); err == nil || !strings.Contains(err.Error(), "one place") {
		t.Fatalf("conflict: %v", err)
	}
	if got, err := WithDriverType(`{"DriverType":"cuda"}`, "CUDA"); err != nil || got != `{"DriverType":"CUDA"}` {
		t.Fatalf("same kind: %q %v", got, err)
	}
}

func TestDriverTypeOf(t *testing.T) {
	for settings, want := range map[string]string{
		`{"DriverType":"GRID","DriverURL":"u"}`: "GRID",
		`{"DriverURL":"u"}`:                     "",
		`{"DriverType":7}`:                      "",
		`not json`:                              "",
		``:                                      "",
	} {
		if got := DriverTypeOf(settings); got != want {
			t.Errorf("DriverTypeOf(%q) = %q, want %q", settings, got, want)
		}
	}
}
