package handlers

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/mydata"
)

// onceLimiter admits a key once, to one holder, until free.
type onceLimiter struct {
	held map[string]string
	free time.Time
	err  error
}

func (l *onceLimiter) Once(_ context.Context, key, holder string, _ time.Duration) (bool, time.Time, error) {
	if l.err != nil {
		return false, time.Time{}, l.err
	}
	if h, ok := l.held[key]; ok && h != holder {
		return false, l.free, nil
	}
	l.held[key] = holder
	return true, time.Time{}, nil
}

func TestMyData(t *testing.T) {
	now := time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC)
	lim := &onceLimiter{held: map[string]string{}, free: now.Add(time.Hour)}
	r := New(rosterStore(t), slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Limits: lim})
	ask := func(id string) conversation.Outcome {
		t.Helper()
		u := cmd("555", "dataku", "")
		u.ID = id
		out, err := r.Handle(t.Context(), conversation.Input{Update: u, Now: now})
		if err != nil || len(out.Replies) != 1 {
			t.Fatalf("/dataku: %v, %d replies", err, len(out.Replies))
		}
		return out
	}
	first := ask("1").Replies[0]
	if d := first.Document; d == nil || d.Name != "dataku-2026-12-07.json" || d.MIME != mydata.MIME ||
		!strings.HasPrefix(d.Ref, mydata.Kind+":") || !strings.Contains(d.Ref, nipStaff) || len(d.Data) != 0 {
		t.Fatalf("first /dataku: %+v, want a document by reference", first.Document)
	}
	if again := ask("1").Replies[0]; again.Document == nil {
		t.Error("the same update handled again (after a crash) lost its document")
	}
	later := ask("2").Replies[0]
	if later.Document != nil || !strings.Contains(later.Text, "sekali dalam satu jam") {
		t.Errorf("second /dataku within the hour: %q with document %v", later.Text, later.Document != nil)
	}
	lim.err = errors.New("redis down")
	if _, err := r.Handle(t.Context(), conversation.Input{Update: cmd("555", "dataku", ""), Now: now}); err == nil {
		t.Error("a limiter failure was not an error")
	}
}
