package e2e

import (
	"fmt"
	"sort"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// maxAttempts is how often the provider tries one request: azcore's retry
// policy with the device client's MaxRetries (6, internal/device/config.go).
const maxAttempts = 1 + 6

// transientKinds are the faults the retry policy exists to absorb.
var transientKinds = map[string]bool{
	mockdevice.Fault429: true, mockdevice.Fault503: true, mockdevice.Fault500: true,
	mockdevice.FaultDrop: true, mockdevice.FaultLostResponse: true,
}

// retryReport reads a request log for how the client met transient faults.
// The client gives every attempt of one request the same correlation ID
// (internal/device/policies.go), so the log shows each request's attempts.
type retryReport struct {
	// hits counts the requests each fault kind hit.
	hits map[string]int
	// retried counts faulted attempts the client tried again.
	retried int
	// notRetried describes faulted attempts the client gave up on before
	// its retry policy's last attempt: the faults it exists to absorb.
	notRetried []string
	// exhausted describes requests whose every attempt was faulted, up to
	// the last one the retry policy makes.
	exhausted []string
}

func readRetries(reqs []mockdevice.Request) retryReport {
	rep := retryReport{hits: map[string]int{}}
	attempts := map[string][]mockdevice.Request{}
	for _, r := range reqs {
		if r.Fault != "" {
			rep.hits[r.Fault]++
		}
		if r.CorrelationID != "" {
			attempts[r.CorrelationID] = append(attempts[r.CorrelationID], r)
		}
	}
	ids := make([]string, 0, len(attempts))
	for id := range attempts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		as := attempts[id]
		sort.SliceStable(as, func(i, j int) bool { return as[i].Time.Before(as[j].Time) })
		for i, a := range as {
			if !transientKinds[a.Fault] {
				continue
			}
			switch {
			case i < len(as)-1:
				rep.retried++
			case len(as) >= maxAttempts:
				rep.exhausted = append(rep.exhausted, fmt.Sprintf("%s %s (%d attempts, the last %s)", a.Method, a.Path, len(as), a.Fault))
			default:
				rep.notRetried = append(rep.notRetried, fmt.Sprintf("%s %s: attempt %d met %s and was not tried again", a.Method, a.Path, i+1, a.Fault))
			}
		}
	}
	return rep
}
