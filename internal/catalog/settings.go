package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// NormalizeSettings is the canonical form of an extension's settings: a
// JSON object with sorted keys and no spaces, so key order and white space
// never tell two settings apart. Empty means {}.
func NormalizeSettings(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "{}", nil
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", fmt.Errorf("settings are not JSON: %w", err)
	}
	if dec.More() {
		return "", fmt.Errorf("settings hold more than one JSON value")
	}
	if _, ok := v.(map[string]any); !ok {
		return "", fmt.Errorf("settings must be a JSON object, not %s", jsonKind(v))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// SameSettings reports whether two settings are the same JSON object.
func SameSettings(a, b string) bool {
	na, errA := NormalizeSettings(a)
	nb, errB := NormalizeSettings(b)
	return errA == nil && errB == nil && na == nb
}

// SettingsJSON writes default settings in canonical form.
func SettingsJSON(m map[string]any) string {
	b, _ := json.Marshal(m)
	s, _ := NormalizeSettings(string(b))
	return s
}

// WithDriverType sets the Windows driver kind in settings. It refuses
// settings that already name another kind.
func WithDriverType(settings, kind string) (string, error) {
	norm, err := NormalizeSettings(settings)
	if err != nil {
		return "", err
	}
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(norm))
	dec.UseNumber()
	_ = dec.Decode(&m)
	if have, ok := m["DriverType"]; ok {
		if s, isString := have.(string); !isString || !strings.EqualFold(s, kind) {
			return "", fmt.Errorf("settings give DriverType %v but driver_type is %q; set the driver kind in one place", have, kind)
		}
	}
	m["DriverType"] = strings.ToUpper(kind)
	b, _ := json.Marshal(m)
	return NormalizeSettings(string(b))
}

// DriverTypeOf is the Windows driver kind the settings name, "" when they
// name none or are not a JSON object.
func DriverTypeOf(settings string) string {
	var s struct{ DriverType string }
	_ = json.Unmarshal([]byte(settings), &s)
	return s.DriverType
}

func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}
