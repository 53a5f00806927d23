package buildversion

import (
	"runtime/debug"
	"testing"
)

func TestOf(t *testing.T) {
	if got := Of("1.4.0"); got != "1.4.0" {
		t.Errorf("stamped: got %q", got)
	}
	if got := Of(""); got == "" {
		t.Error("unstamped: empty version")
	}
}

func TestFromBuildInfo(t *testing.T) {
	for _, tc := range []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"go install @version", debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "1.4.0"},
		{"go install @commit", debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261127034512-27a1d68aa3b1"}}, "0.0.0-20261127034512-27a1d68aa3b1"},
		{"checkout", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "27a1d68aa3b1c0ffee27a1d68aa3b1c0ffee0000"}, {Key: "vcs.modified", Value: "true"}}}, "dev-27a1d68aa3b1-dirty"},
		{"nothing known", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fromBuildInfo(&tc.bi); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
