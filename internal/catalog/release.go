package catalog

import (
	"fmt"
	"strconv"
	"strings"
)

// Release is an Azure Stack Edge software release, named YYMM ("2309").
type Release struct{ yymm int }

// knownReleases are the releases whose rules this catalog was written
// against, oldest first. A newer release follows the newest one's rules.
var knownReleases = []string{
	"2101", "2103", "2105", "2106", "2110", "2111", "2202", "2203", "2205",
	"2207", "2209", "2210", "2301", "2303", "2304", "2309", "2312", "2403",
}

// ExtensionV2From is the first release whose GPU driver extension takes
// handler version 1.5 (Windows) and 1.8 (Linux) and the 511.65 driver [EXT].
var ExtensionV2From = MustRelease("2205")

// ParseRelease reads a release name such as "2309".
func ParseRelease(s string) (Release, error) {
	s = strings.TrimSpace(s)
	if len(s) != 4 {
		return Release{}, fmt.Errorf("device release %q is not of the form YYMM (for example %q)", s, Newest().String())
	}
	n, err := strconv.Atoi(s)
	if err != nil || n%100 < 1 || n%100 > 12 {
		return Release{}, fmt.Errorf("device release %q is not of the form YYMM (for example %q)", s, Newest().String())
	}
	if n < Oldest().yymm {
		return Release{}, fmt.Errorf("device release %q is older than the oldest release with GPU VMs (%s)", s, Oldest())
	}
	return Release{yymm: n}, nil
}

// MustRelease is ParseRelease for constants.
func MustRelease(s string) Release {
	r, err := ParseRelease(s)
	if err != nil {
		panic(err)
	}
	return r
}

// Oldest is the first release this catalog knows.
func Oldest() Release { return Release{yymm: atoi(knownReleases[0])} }

// Newest is the newest release this catalog knows, the default.
func Newest() Release { return Release{yymm: atoi(knownReleases[len(knownReleases)-1])} }

// KnownReleases lists the releases this catalog was written against.
func KnownReleases() []string { return append([]string(nil), knownReleases...) }

// IsKnown reports whether the catalog was written against this release;
// a newer one is accepted and follows the newest release's rules.
func (r Release) IsKnown() bool {
	for _, k := range knownReleases {
		if atoi(k) == r.yymm {
			return true
		}
	}
	return false
}

// AtLeast reports whether r is o or later.
func (r Release) AtLeast(o Release) bool { return r.yymm >= o.yymm }

// IsZero reports whether r was never set.
func (r Release) IsZero() bool { return r.yymm == 0 }

func (r Release) String() string { return fmt.Sprintf("%04d", r.yymm) }

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// MarshalText writes the release as "YYMM".
func (r Release) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads a release written by MarshalText.
func (r *Release) UnmarshalText(b []byte) error {
	v, err := ParseRelease(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}
