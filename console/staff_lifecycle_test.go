package console

import (
	"context"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/scheduler"
)

// sentReplies is a scheduler outbox that keeps what it was given.
type sentReplies struct {
	mu      sync.Mutex
	replies []bot.Reply
}

func (o *sentReplies) BulkIf(ctx context.Context, r bot.Reply, start func(context.Context) error) error {
	if err := start(ctx); err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.replies = append(o.replies, r)
	return nil
}

// runPass runs one scheduler pass over the console's store, sending to
// Telegram through out.
func (e *staffEnv) runPass(out *sentReplies) {
	e.t.Helper()
	s, err := scheduler.New(e.st, nil, map[bot.Platform]scheduler.Outbox{bot.Telegram: out},
		scheduler.Options{Now: e.c.d.Now, DefaultTimezone: "Asia/Makassar", RemindersOff: true})
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := s.RunOnce(e.t.Context(), "console-staff-test"); err != nil {
		e.t.Fatal(err)
	}
}

// A supervisor changed in the console goes the roster lifecycle's way: the
// scheduler's next pass moves the pending report to the new approver.
func TestSupervisorChangeReroutesPendingReport(t *testing.T) {
	e := newStaffEnv(t)
	if rec := e.post("/console/pegawai/"+nipSiti+"/atasan", url.Values{"supervisor": {nipDewi}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("change: %d", rec.Code)
	}
	e.runPass(&sentReplies{})
	a, err := e.st.GetActivity(t.Context(), "01JQAR00000000000000000001")
	if err != nil {
		t.Fatal(err)
	}
	if a.SupervisorNIP != nipDewi {
		t.Errorf("the pending report waits for %s, want the new supervisor %s", a.SupervisorNIP, nipDewi)
	}
}

// A person deactivated in the console is told once in their chat and
// unlinked by the next pass, as a leaver of an import is; the report
// waiting for them moves up to their own supervisor.
func TestDeactivatedPersonIsToldAndUnlinked(t *testing.T) {
	e := newStaffEnv(t)
	if rec := e.post("/console/pegawai/"+nipKapus+"/status", url.Values{"active": {"0"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("deactivate: %d", rec.Code)
	}
	out := &sentReplies{}
	e.runPass(out)
	var told bool
	for _, r := range out.replies {
		told = told || r.Chat.ChatID == "42"
	}
	if !told {
		t.Errorf("Budi was not told in his chat: %+v", out.replies)
	}
	if acc := e.employee(nipKapus).Accounts; len(acc) != 0 {
		t.Errorf("Budi's chat is still linked: %v", acc)
	}
	a, err := e.st.GetActivity(t.Context(), "01JQAR00000000000000000001")
	if err != nil {
		t.Fatal(err)
	}
	if a.SupervisorNIP != nipKadis {
		t.Errorf("Siti's report waits for %s, want Budi's supervisor %s", a.SupervisorNIP, nipKadis)
	}
}
