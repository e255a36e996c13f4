package whatsapp_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	wt "github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
)

// refuse makes the test inbox refuse the next n updates.
func (in *inbox) refuseNext(n int) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.refuse = n
}

// TestAckOnlyOnceInInbox: while the inbox refuses (Redis down), a message
// is never acknowledged to WhatsApp, however often it comes again; once the
// inbox takes it, it is, once.
func TestAckOnlyOnceInInbox(t *testing.T) {
	r := start(t, nil)
	r.in.refuseNext(1 << 30)
	msg := wt.Text(budi, "halo")
	r.fc.Receive(msg)
	r.fc.WaitConnects(t, 3, wait) // reconnected, and refused again
	if got := r.fc.Receipts(); len(got) != 0 {
		t.Fatalf("acknowledged %v while the inbox refused it", got)
	}
	r.in.refuseNext(0)
	if got := r.in.waitN(t, 1); got[0].ID != msg.Info.ID {
		t.Fatalf("inbox got %+v", got)
	}
	if got := r.fc.WaitReceipts(t, 1, wait); !slices.Equal(got, []string{msg.Info.ID}) {
		t.Errorf("receipts %v, want the message once", got)
	}
	if !strings.Contains(r.logs.String(), "not acknowledged") {
		t.Errorf("the refusal was not logged:\n%s", r.logs)
	}
}

// TestRedeliveryKeepsOrder: after a refusal the later messages of that
// connection are held back too, so WhatsApp's redelivery keeps the order.
func TestRedeliveryKeepsOrder(t *testing.T) {
	r := start(t, nil)
	r.in.refuseNext(3)
	one, two := wt.Text(budi, "satu"), wt.Text(budi, "dua")
	r.fc.Receive(one, two)
	got := r.in.waitN(t, 2)
	if len(got) != 2 || got[0].Text != "satu" || got[1].Text != "dua" {
		t.Fatalf("updates %+v; want satu, dua", got)
	}
	if rc := r.fc.WaitReceipts(t, 2, wait); !slices.Equal(rc, []string{one.Info.ID, two.Info.ID}) {
		t.Errorf("receipts %v, want satu then dua, once each", rc)
	}
}

// blockingInbox never answers until its ctx ends.
type blockingInbox struct{}

func (blockingInbox) Accept(ctx context.Context, _ bot.Update) error {
	<-ctx.Done()
	return ctx.Err()
}

// TestAcceptIsBounded: an inbox that hangs holds the handler no longer than
// AcceptTimeout, and the message stays unacknowledged.
func TestAcceptIsBounded(t *testing.T) {
	fc := wt.NewClient(botPhone)
	rdb := redistest.New(t)
	a, err := whatsapp.New(fc, whatsapp.Options{Redis: rdb, Prefix: rdb.Prefix, AcceptTimeout: 20 * time.Millisecond,
		MinBackoff: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go func() { _ = a.Run(ctx, blockingInbox{}) }()
	wt.WaitState(t, a, whatsapp.StateConnected, wait)
	done := make(chan struct{})
	msg := wt.Text(budi, "halo")
	go func() { defer close(done); fc.Receive(msg) }()
	select {
	case <-done:
	case <-time.After(wait):
		t.Fatal("the handler did not return")
	}
	if got := fc.Unacked(); !slices.Equal(got, []string{msg.Info.ID}) || len(fc.Receipts()) != 0 {
		t.Errorf("unacknowledged %v, receipts %v; want the message unacknowledged", got, fc.Receipts())
	}
	wt.WaitState(t, a, whatsapp.StateReconnecting, wait)
}

// TestStoppedAdapterAcknowledgesNothing: a message arriving after Run
// returned is left for WhatsApp to deliver at the next start.
func TestStoppedAdapterAcknowledgesNothing(t *testing.T) {
	fc := wt.NewClient(botPhone)
	rdb := redistest.New(t)
	a, err := whatsapp.New(fc, whatsapp.Options{Redis: rdb, Prefix: rdb.Prefix}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, newInbox()) }()
	wt.WaitState(t, a, whatsapp.StateConnected, wait)
	cancel()
	<-done
	msg := wt.Text(budi, "halo")
	fc.Receive(msg)
	if got := fc.Unacked(); !slices.Equal(got, []string{msg.Info.ID}) {
		t.Errorf("unacknowledged %v, want the message", got)
	}
}
