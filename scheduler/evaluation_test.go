package scheduler_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/storage"
)

// evalPrompt stands for the flows' prompt: the evaluation's id.
func evalPrompt(_ context.Context, _ i18n.Lang, ev storage.Evaluation) (string, [][]bot.Button, error) {
	return "evaluasi " + ev.ID, nil, nil
}

// When a quarter ends (2030-Q2; the roster is older), each unit prepares
// one evaluation per person with a rater, at its own supervisors' time:
// the raters get one prompt each, once; from the next work day the raters
// are reminded daily, and past the SLA their own supervisor is told.
func TestEvaluationsPreparedRemindedEscalated(t *testing.T) {
	o := newOffice(t)
	now := utc("2030-06-28 00:30") // a Friday in the quarter: nothing to prepare
	s := o.scheduler(t, &now, scheduler.Options{EvaluationPrompt: evalPrompt, EvaluationSLADays: 2, MonthEndWarningDays: -1})
	pass(t, s, "r1")
	if n := len(o.evaluations(t, "2030-Q2")); n != 0 {
		t.Fatalf("%d evaluations prepared inside the quarter", n)
	}

	now = utc("2030-07-01 00:30") // Monday 08:30 WITA, 07:30 WIB
	before := o.out.total()
	pass(t, s, "r2")
	if got := len(o.evaluations(t, "2030-Q2")); got != 5 { // Rina's, and her four in WITA; Joko (WIB) not yet
		t.Fatalf("%d evaluations prepared, want 5", got)
	}
	if got := len(o.out.to(chatOf(nipSup))); got != 4 {
		t.Fatalf("Rina got %d prompts, want 4 (Budi, Sari, Lina, Tono)", got)
	}
	if got := o.out.to(chatOf(nipHead)); len(got) != 1 || got[0].Text != "evaluasi "+storage.EvaluationID(nipSup, "2030-Q2") {
		t.Fatalf("the head got %+v, want Rina's prompt", got)
	}
	pass(t, s, "r3") // never twice
	if o.out.total() != before+5 {
		t.Fatalf("a second pass sent %d more", o.out.total()-before-5)
	}

	now = utc("2030-07-01 01:30") // 08:30 WIB
	pass(t, s, "r4")
	if got := len(o.evaluations(t, "2030-Q2")); got != 6 {
		t.Fatalf("%d evaluations after the Jakarta unit's time, want 6", got)
	}

	now = utc("2030-07-02 00:30") // Tuesday: due since yesterday
	rina := len(o.out.to(chatOf(nipSup)))
	pass(t, s, "r5")
	last := o.out.to(chatOf(nipSup))[rina:]
	if len(last) != 1 || !strings.Contains(last[0].Text, "5 evaluasi kinerja tim Anda belum dinilai") {
		t.Fatalf("Rina's reminder = %+v", last) // her four, and Joko's (WIB, also hers)
	}

	now = utc("2030-07-04 01:30") // Thursday: three work days, past the SLA of 2
	head := len(o.out.to(chatOf(nipHead)))
	pass(t, s, "r6")
	got := o.out.to(chatOf(nipHead))[head:]
	var escalated bool
	for _, r := range got {
		escalated = escalated || strings.Contains(r.Text, "5 evaluasi kinerja belum dinilai lebih dari 2 hari kerja oleh: dr. Rina")
	}
	if !escalated {
		t.Fatalf("the head got %+v, want the escalation of Rina's five", got)
	}

	// Budi's is rated and he files a keberatan on Thursday: from Friday
	// the head, who decides Rina's reports, is reminded of it.
	ctx := context.Background()
	id := storage.EvaluationID(nipBudi, "2030-Q2")
	for v, st := range []storage.EvalStep{
		{To: storage.EvalRated, ByNIP: nipSup, Hasil: storage.RatingMeets, Perilaku: storage.RatingBelow, Predikat: storage.PredikatKurang, At: now},
		{To: storage.EvalObjected, ByNIP: nipBudi, Note: "Saya bertugas jaga malam", At: now},
	} {
		if _, err := o.st.StepEvaluation(ctx, id, v+1, st); err != nil {
			t.Fatal(err)
		}
	}
	pass(t, s, "r7") // the same day: not yet
	now = utc("2030-07-05 00:30")
	head = len(o.out.to(chatOf(nipHead)))
	pass(t, s, "r8")
	var reminded bool
	for _, r := range o.out.to(chatOf(nipHead))[head:] {
		reminded = reminded || strings.Contains(r.Text, "1 keberatan atas evaluasi kinerja menunggu keputusan Anda")
	}
	if !reminded {
		t.Fatalf("the head got %+v, want the keberatan's reminder", o.out.to(chatOf(nipHead))[head:])
	}
}

func (o *office) evaluations(t *testing.T, period string) []storage.Evaluation {
	t.Helper()
	list, err := o.st.ListEvaluations(context.Background(), storage.EvaluationFilter{Period: period})
	if err != nil {
		t.Fatal(err)
	}
	return list
}
