package provider

import (
	"context"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/placement"
)

// Waiting for the rest of a plan after a shortage. Terraform plans the
// resources concurrently in no set order, so a VM deleted or shrunk later
// in the plan may still make room. The wait ends as soon as the ledger
// says the shortage is gone or final (placement.ShortageIsFinal: nothing not yet
// planned could make room), else once no resource has added to the ledger
// for ledgerQuiet, and after ledgerMaxWait at most.
const (
	ledgerQuiet   = time.Second
	ledgerMaxWait = 5 * time.Second
	// ledgerTick is how often the ledger is looked at while waiting.
	ledgerTick = 20 * time.Millisecond
)

func waitForLedger(ctx context.Context, l *placement.Ledger, inv placement.Inventory, vmID string) {
	start := time.Now()
	quietSince, v := start, l.Version()
	for time.Since(start) < ledgerMaxWait {
		if l.Check(inv, vmID) == nil || l.Settled(inv, vmID) {
			return // room made, or none can be
		}
		if now := l.Version(); now != v {
			quietSince, v = time.Now(), now
		} else if time.Since(quietSince) >= ledgerQuiet {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(ledgerTick):
		}
	}
}
