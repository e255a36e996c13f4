package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/kinerjabot/kinerjabot/ikm"
	"github.com/kinerjabot/kinerjabot/storage"
)

// An IKM report of over 6,000 characters (ten citizen comments of ~500)
// reaches the admin through the real Telegram client in parts, split at
// line breaks, none over Telegram's 4,096 UTF-16 units, every comment
// whole in one part, the menu keyboard under the last; nothing is lost.
func TestLongIKMReportArrivesInParts(t *testing.T) {
	h, rina, _, _ := setup(t)
	ctx := context.Background()
	today := time.Now().In(time.FixedZone("WITA", 8*3600)).Format(time.DateOnly)
	var comments []string
	for i := range 10 {
		c := fmt.Sprintf("Komentar %d 👍 ", i) + strings.Repeat("pelayanan loket perlu lebih cepat dan ramah ", 11)
		c = strings.TrimSpace(string([]rune(c)[:498]))
		comments = append(comments, c)
		err := h.store.AddSurvey(ctx, storage.Survey{ID: fmt.Sprintf("long-%d", i), UnitCode: "PKM-SMP", Date: today,
			Mode: storage.SurveySKM, Answers: []int{4, 3, 3, 4, 3, 4, 3, 3, 4}, Comment: c, ChatHash: fmt.Sprintf("h%d", i)})
		if err != nil {
			t.Fatal(err)
		}
	}

	mark := rina.sent()
	h.api.PushUpdate(h.api.Text(chatRina, "/ikm"))
	first := rina.await(mark, 1)[0]
	contains(t, first.Text, "Puskesmas Sempaja")
	parts := []string{first.Text}
	last := first
	for last.Markup == nil { // the keyboard comes with the last part
		last = rina.await(mark+len(parts), 1)[0]
		parts = append(parts, last.Text)
	}
	whole := strings.Join(parts, "\n")
	if n := len([]rune(whole)); len(parts) < 2 || n < 6000 {
		t.Fatalf("%d parts, %d characters in all: want a report of 6,000 or more in 2 parts or more", len(parts), n)
	}
	for i, p := range parts {
		n := len(utf16.Encode([]rune(p)))
		if n > 4096 {
			t.Errorf("part %d: %d UTF-16 units", i, n)
		}
		t.Logf("part %d: %d UTF-16 units, %d lines", i, n, strings.Count(p, "\n")+1)
	}
	for _, c := range comments {
		found := 0
		for _, p := range parts {
			if strings.Contains(p, "- "+c+"\n") || strings.HasSuffix(p, "- "+c) {
				found++
			}
		}
		if found != 1 {
			t.Errorf("comment %.12q… is whole in %d parts, want 1", c, found)
		}
	}
	u, _ := h.store.GetUnit(ctx, "PKM-SMP")
	rep, err := ikm.Build(ctx, h.store, u, today[:4]+"-01-01", today, 20)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(strings.Fields(whole), " ") != strings.Join(strings.Fields(rep.Text("id")), " ") {
		t.Errorf("the parts are not the report:\n%s", whole)
	}
	if len(last.Markup.Keyboard) == 0 {
		t.Errorf("the last part has no menu keyboard: %+v", last.Markup)
	}
}
