package provider

import (
	"strings"
)

// Helpers for the schemas' descriptions.

// joinKeys joins keys for a description in Markdown: `a`, `b`.
func joinKeys(keys []string) string { return strings.Join(keys, "`, `") }
