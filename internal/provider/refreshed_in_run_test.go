package provider

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// memPrivate is a private state in memory.
type memPrivate map[string][]byte

func (m memPrivate) GetKey(_ context.Context, k string) ([]byte, diag.Diagnostics) { return m[k], nil }
func (m memPrivate) SetKey(_ context.Context, k string, v []byte) diag.Diagnostics {
	m[k] = v
	return nil
}

func TestRefreshedThisRun(t *testing.T) {
	ctx := context.Background()
	mark := func(run string, at time.Time) memPrivate {
		b, _ := json.Marshal(run + "@" + strconv.FormatInt(at.UnixNano(), 10))
		return memPrivate{privateRefreshedIn: b}
	}
	pd := &providerData{runName: "run-1"}
	marked := memPrivate{}
	var diags diag.Diagnostics
	pd.markRefreshed(ctx, marked, &diags)
	for _, tc := range []struct {
		name    string
		pd      *providerData
		private memPrivate
		want    bool
	}{
		{"marked by this run just now", pd, marked, true},
		{"marked by this run seconds ago", pd, mark("run-1", time.Now().Add(-2*time.Second)), true},
		{"marked by this run long ago (an approval waited)", pd, mark("run-1", time.Now().Add(-refreshTrusted-time.Second)), false},
		{"marked in the future", pd, mark("run-1", time.Now().Add(time.Minute)), false},
		{"marked by another run", pd, mark("run-0", time.Now()), false},
		{"not marked (destroy -refresh=false after an apply of old)", pd, memPrivate{}, false},
		{"a run that cannot be told", &providerData{}, marked, false},
		{"an old mark without a time", pd, memPrivate{privateRefreshedIn: []byte(`"run-1"`)}, false},
	} {
		if got := tc.pd.refreshedThisRun(ctx, tc.private); got != tc.want {
			t.Errorf("%s: refreshedThisRun = %v, want %v", tc.name, got, tc.want)
		}
	}
}
