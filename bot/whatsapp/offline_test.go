package whatsapp_test

import (
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/types/events"

	wt "github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
	"github.com/kinerjabot/kinerjabot/i18n"
)

// TestOfflineMessagesAreHandled: messages sent while the bot was down reach
// the inbox when it connects, are counted, and their number is logged at
// warn level.
func TestOfflineMessagesAreHandled(t *testing.T) {
	fc := wt.NewClient(botPhone)
	old := wt.Text(budi, "laporan tadi pagi", wt.At(time.Now().Add(-3*time.Hour)))
	fc.Offline(old)
	r := start(t, fc)
	r.fc.WaitOfflineSyncs(t, 1, wait)
	if got := r.in.updates(); len(got) != 1 || got[0].ID != old.Info.ID {
		t.Fatalf("inbox %+v, want the offline message", got)
	}
	if d, l := r.a.Offline(); d != 1 || l != 0 {
		t.Errorf("Offline() = %d, %d; want 1 handled", d, l)
	}
	if s := r.logs.String(); !strings.Contains(s, "level=WARN") || !strings.Contains(s, "sent while the bot was offline") || !strings.Contains(s, "handled=1") {
		t.Errorf("the offline messages were not logged at warn level:\n%s", s)
	}
}

// TestTooLateAnsweredOnce: offline messages past WHATSAPP_REPLAY_WINDOW
// are not handled; the person is told once that they came too late, and
// not again after a reconnect.
func TestTooLateAnsweredOnce(t *testing.T) {
	fc := wt.NewClient(botPhone)
	old1 := wt.Text(budi, "/lapor", wt.At(time.Now().Add(-50*time.Hour)))
	old2 := wt.Text(budi, "halo?", wt.At(time.Now().Add(-49*time.Hour)))
	recent := wt.Text(budi, "masih ada?", wt.At(time.Now().Add(-30*time.Minute)))
	fc.Offline(old1, old2, recent)
	r := start(t, fc)
	r.fc.WaitOfflineSyncs(t, 1, wait)
	if got := r.in.updates(); len(got) != 1 || got[0].ID != recent.Info.ID {
		t.Fatalf("inbox %+v, want only the recent message", got)
	}
	sent := r.fc.SentTo(budiPhone)
	if len(sent) != 1 || sent[0].Text() != i18n.ID.T(i18n.WATooLate) {
		t.Fatalf("sent %+v, want the too-late answer once", sent)
	}
	if rc := r.fc.Receipts(); len(rc) != 3 {
		t.Errorf("receipts %v, want all three acknowledged", rc)
	}
	if d, l := r.a.Offline(); d != 1 || l != 2 {
		t.Errorf("Offline() = %d, %d; want 1 handled, 2 too late", d, l)
	}
	if s := r.logs.String(); !strings.Contains(s, "too_late=2") {
		t.Errorf("the too-late messages were not logged:\n%s", s)
	}
	r.fc.Offline(wt.Text(budi, "lagi", wt.At(time.Now().Add(-30*time.Hour))))
	r.fc.Emit(&events.Disconnected{})
	r.fc.WaitOfflineSyncs(t, 2, wait)
	if sent := r.fc.SentTo(budiPhone); len(sent) != 1 {
		t.Errorf("told %d times, want once", len(sent))
	}
}
