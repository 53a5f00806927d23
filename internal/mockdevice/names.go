package mockdevice

import (
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameRule is what ARM accepts as the name of one resource type, from
// "Naming rules and restrictions for Azure resources"
// (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
type nameRule struct {
	min, max int
	// allowed reports whether r may appear in the name.
	allowed func(r rune) bool
	// first and last, when set, constrain the first and last characters.
	first, last func(r rune) bool
	// what says the rule in words, for the error.
	what string
}

func isAlnum(r rune) bool { return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// The names of disks, NICs, subnets and images: alphanumerics, underscores,
// periods and hyphens; start with an alphanumeric; end with an alphanumeric
// or underscore.
func networkStyle(min, max int) nameRule {
	return nameRule{min: min, max: max,
		allowed: func(r rune) bool { return isAlnum(r) || strings.ContainsRune("_.-", r) },
		first:   isAlnum,
		last:    func(r rune) bool { return isAlnum(r) || r == '_' },
		what:    "alphanumerics, underscores, periods and hyphens; start with an alphanumeric and end with an alphanumeric or underscore",
	}
}

// vmNameRefused are the characters a virtual machine's name cannot hold.
const vmNameRefused = "`~!@#$%^&*()=+[]{}\\|;:'\",<>/?"

var nameRules = map[string]nameRule{
	// Resource groups: 1-90; underscores, hyphens, periods, parentheses,
	// letters and digits; cannot end in a period.
	"microsoft.resources/resourcegroups": {min: 1, max: 90,
		allowed: func(r rune) bool {
			return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_-.()", r)
		},
		last: func(r rune) bool { return r != '.' },
		what: "letters, digits, underscores, hyphens, periods and parentheses; not ending in a period",
	},
	// Virtual machines: 1-64 (the 15 of Windows apply to its computer
	// name); no spaces, control characters or `~!@#$%^&*()=+[]{}\|;:'",<>/?;
	// cannot start with an underscore or end with a period or hyphen.
	"microsoft.compute/virtualmachines": {min: 1, max: 64,
		allowed: func(r rune) bool {
			return !unicode.IsSpace(r) && !unicode.IsControl(r) && !strings.ContainsRune(vmNameRefused, r)
		},
		first: func(r rune) bool { return r != '_' },
		last:  func(r rune) bool { return r != '.' && r != '-' },
		what:  "no spaces, control characters or " + vmNameRefused + "; not starting with an underscore nor ending with a period or hyphen",
	},
	"microsoft.compute/disks":                   networkStyle(1, 80),
	"microsoft.compute/images":                  networkStyle(1, 80),
	"microsoft.network/networkinterfaces":       networkStyle(1, 80),
	"microsoft.network/virtualnetworks":         networkStyle(2, 64),
	"microsoft.network/virtualnetworks/subnets": networkStyle(1, 80),
	"microsoft.compute/virtualmachines/extensions": {min: 1, max: 64,
		allowed: func(r rune) bool {
			return !unicode.IsSpace(r) && !unicode.IsControl(r) && !strings.ContainsRune(`<>%&:\?/`, r)
		},
		what: "no spaces, control characters or <>%&:\\?/",
	},
}

// checkResourceName refuses a PUT whose resource name breaks the naming
// rules of its type, as ARM does before the resource provider sees it.
func checkResourceName(r *http.Request, p armPath) *statusError {
	if r.Method != http.MethodPut || p.isCollection() {
		return nil
	}
	rule, ok := nameRules[p.route()]
	if !ok {
		return nil
	}
	name := p.name()
	typ := p.Namespace + "/" + strings.Join(p.Types, "/")
	if e := rule.check(name); e != "" {
		return badRequest("InvalidResourceName", fmt.Sprintf(
			"The resource name '%s' is invalid for type '%s': %s. It must have %d to %d characters: %s.",
			truncateName(name), typ, e, rule.min, rule.max, rule.what))
	}
	return nil
}

// check returns why name breaks the rule, or "".
func (rule nameRule) check(name string) string {
	n := utf8.RuneCountInString(name)
	if n < rule.min || n > rule.max {
		return fmt.Sprintf("it has %d characters", n)
	}
	for _, r := range name {
		if !rule.allowed(r) {
			return fmt.Sprintf("the character %q is not allowed", r)
		}
	}
	first, _ := utf8.DecodeRuneInString(name)
	last, _ := utf8.DecodeLastRuneInString(name)
	if rule.first != nil && !rule.first(first) {
		return fmt.Sprintf("it cannot start with %q", first)
	}
	if rule.last != nil && !rule.last(last) {
		return fmt.Sprintf("it cannot end with %q", last)
	}
	return ""
}

// truncateName keeps an error short when the name is very long.
func truncateName(name string) string {
	if utf8.RuneCountInString(name) <= 80 {
		return name
	}
	return string([]rune(name)[:80]) + "…"
}
