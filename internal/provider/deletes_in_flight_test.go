package provider

import (
	"context"
	"testing"
	"time"
)

func TestInFlightAwaitsEveryDelete(t *testing.T) {
	var f inFlight
	ctx := context.Background()
	if waited, err := f.awaitIdle(ctx); waited || err != nil {
		t.Fatalf("with nothing under way: waited %v, %v", waited, err)
	}
	done1, done2 := f.start(), f.start()
	ended := make(chan struct{})
	go func() {
		if waited, err := f.awaitIdle(ctx); !waited || err != nil {
			t.Errorf("awaitIdle: waited %v, %v", waited, err)
		}
		close(ended)
	}()
	done1()
	done1() // ending twice counts once
	select {
	case <-ended:
		t.Fatal("awaitIdle returned with a delete under way")
	case <-time.After(50 * time.Millisecond):
	}
	done2()
	<-ended
	// A context that ends stops the wait.
	done3 := f.start()
	defer done3()
	cctx, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	if _, err := f.awaitIdle(cctx); err == nil {
		t.Error("awaitIdle outlived its context")
	}
}
