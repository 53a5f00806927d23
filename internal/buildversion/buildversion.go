// Package buildversion says which release a binary is, so the provider and
// the mock device report the same version however they were built.
package buildversion

import (
	"runtime/debug"
	"strings"
)

// Dev is the version of a build nobody stamped.
const Dev = "dev"

// Of is the version a binary reports: the one goreleaser stamped with
// -ldflags "-X main.version=...", else the module version that
// `go install ...@v1.2.3` records in the binary (without the "v", as
// goreleaser spells it), else "dev", with the commit when the build knows it.
func Of(stamped string) string {
	if stamped != "" && stamped != Dev {
		return stamped
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Dev
	}
	return fromBuildInfo(bi)
}

func fromBuildInfo(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return strings.TrimPrefix(v, "v")
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return Dev
	}
	return Dev + "-" + rev + dirty
}
