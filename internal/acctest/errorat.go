package acctest

import (
	"regexp"
	"strings"
)

// ErrorAt matches, in the error Terraform prints, a diagnostic with this
// summary whose source snippet is the line of attribute (its block's first
// line when attribute is "", for an attribute the configuration leaves
// out), followed by detail. ExpectError with Message alone would pass
// whatever attribute and summary the error were reported with.
//
// Terraform prints each diagnostic as "Error: SUMMARY", the "with ADDRESS,"
// and "on FILE line N, in BLOCK:" lines, the source line as "N: TEXT", then
// the detail.
func ErrorAt(summary, attribute, detail string) *regexp.Regexp {
	line := `resource\s+"`
	if attribute != "" {
		line = regexp.QuoteMeta(attribute) + `\s*=`
	}
	return regexp.MustCompile(`Error: ` + regexp.QuoteMeta(summary) + `\s*\n` +
		`[^\n]*with [^\n]*\n[^\n]*on [^\n]* line \d+[^\n]*\n[^\n]*\d+:\s+` + line +
		`(?s:.*?)` + Message(strings.TrimSpace(detail)).String())
}
