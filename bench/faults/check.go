package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	_ "modernc.org/sqlite"
)

// The ledger a fault run of the load generator writes (bench/loadgen
// fault.go): only the parts the checker reads.
type ledger struct {
	Scenario  string            `json:"scenario"`
	Params    map[string]string `json:"params"`
	StartedAt time.Time         `json:"started_at"`
	LoadS     float64           `json:"load_s"`
	TotalS    float64           `json:"total_s"`
	Replicas  int               `json:"replicas"`
	BotStarts int               `json:"bot_starts"`
	DataDir   string            `json:"data_dir"`
	People    []struct {
		Chat int64  `json:"chat"`
		NIP  string `json:"nip"`
		Role string `json:"role"`
	} `json:"people"`
	Updates    updateTotals            `json:"updates"`
	ByStep     map[string]updateTotals `json:"by_step"`
	WebhookBad map[string]int64        `json:"webhook_not_200"`
	Lost       []json.RawMessage       `json:"lost_updates"`
	LatencyMS  summary                 `json:"answer_latency_ms"`

	Unexpected    int64    `json:"unexpected_replies"`
	Resent        int64    `json:"resent_replies"`
	Late          int64    `json:"late_replies"`
	CallbackTwice int64    `json:"callbacks_answered_twice"`
	UnknownChat   int64    `json:"unknown_chat"`
	Samples       []string `json:"samples"`

	Tells []struct {
		No   string `json:"no"`
		Chat int64  `json:"chat"`
		Kind string `json:"kind"`
	} `json:"tells"`
	Filed []struct {
		No   string `json:"no"`
		Chat int64  `json:"chat"`
		Tag  string `json:"tag"`
	} `json:"filed"`
	Prompts   map[string]int `json:"prompts"`
	Notes     map[string]int `json:"notes"`
	Approvals []struct {
		No    string `json:"no"`
		Popup string `json:"popup"`
	} `json:"approvals"`
	Pairs []struct {
		No      string `json:"no"`
		ID      string `json:"id"`
		Kind    string `json:"kind"`
		Presses []struct {
			Chat    int64  `json:"chat"`
			Who     string `json:"who"`
			Replica int    `json:"replica"`
			Popup   string `json:"popup"`
			Err     string `json:"error"`
		} `json:"presses"`
		SkewMS float64 `json:"skew_ms"`
	} `json:"pairs"`
	PairsMissing int64 `json:"pairs_not_found_in_list"`

	Bursts          int64    `json:"bursts"`
	OrderViolations int64    `json:"order_violations"`
	OrderSamples    []string `json:"order_samples"`

	Kills []struct {
		AtS       float64 `json:"at_s"`
		RestartMS float64 `json:"restart_ms"`
		Err       string  `json:"error"`
	} `json:"kills"`
	Flows                    int64 `json:"report_flows"`
	FlowsCompleted           int64 `json:"report_flows_completed"`
	FlowsAcrossKill          int64 `json:"flows_across_kill"`
	FlowsAcrossKillCompleted int64 `json:"flows_across_kill_completed"`
	PersonRetries            int64 `json:"person_retries"`

	Outage *struct {
		Name     string  `json:"name"`
		DownForS float64 `json:"down_for_s"`
		Err      string  `json:"error"`
	} `json:"outage"`
	Recovery *recovery `json:"recovery"`

	RedisLeft struct {
		Inbox   int64   `json:"inbox_entries"`
		Outbox  int64   `json:"outbox_entries"`
		Ready   int64   `json:"ready_chats"`
		Leases  int64   `json:"leases"`
		WaitedS float64 `json:"waited_s"`
		Err     string  `json:"error"`
	} `json:"redis_left"`
	Errors []string `json:"errors"`
}

type updateTotals struct {
	Sent         int64 `json:"sent"`
	Deliveries   int64 `json:"deliveries"`
	Redeliveries int64 `json:"redeliveries"`
	Acked        int64 `json:"acknowledged"`
	NeverAcked   int64 `json:"never_acknowledged"`
	Answered     int64 `json:"answered"`
	Expected     int64 `json:"expected_answer"`
	Outage       int64 `json:"outage_answer"`
	WrongOnly    int64 `json:"answered_wrongly"`
	Unanswered   int64 `json:"unanswered"`
	Interrupted  int64 `json:"interrupted"`
	Replays      int64 `json:"replays"`
	ReplaysAcked int64 `json:"replays_acknowledged"`
}

type summary struct {
	N    int     `json:"n"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	Max  float64 `json:"max"`
	Mean float64 `json:"mean"`
}

type recovery struct {
	OutageAnswers        int64   `json:"outage_answers"`
	OutageAnswerMS       summary `json:"outage_answer_ms"`
	OutageAnswersOver2s  int64   `json:"outage_answers_over_2s"`
	WebhookNot200        int64   `json:"webhook_not_200_in_window"`
	SentInWindow         int64   `json:"updates_sent_in_window"`
	SentInWindowAnswerMS summary `json:"sent_in_window_answer_ms"`
	FirstNormalAfterUpMS float64 `json:"first_normal_answer_after_return_ms"`
	AffectedChats        int     `json:"affected_chats"`
	LastChatBackMS       float64 `json:"last_chat_back_after_return_ms"`
	NormalDuringOutage   int64   `json:"normal_answers_during_outage"`
}

func readLedger(path string) (*ledger, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	l := &ledger{}
	if err := json.Unmarshal(b, l); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return l, nil
}

// activity is a stored report, as the checker reads it.
type activity struct {
	ID, NIP, Description, Status string
	Version                      int
	DecisionBy                   string
	Approvals                    int // audit entries "approved"
	Decisions                    int // audit entries approved, rejected or revision
	Evidence                     int
}

// readStore reads every report of the embedded store, read-only.
func readStore(ctx context.Context, dbPath string) ([]activity, int, error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return nil, 0, err
	}
	u := url.URL{Scheme: "file", Path: abs, RawQuery: "mode=ro&_busy_timeout=10000"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, 0, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT id, nip, content, status, version, COALESCE(decision, ''), audit FROM activities`)
	if err != nil {
		return nil, 0, fmt.Errorf("read activities: %w", err)
	}
	defer rows.Close()
	var out []activity
	for rows.Next() {
		var a activity
		var content, decision, audit string
		if err := rows.Scan(&a.ID, &a.NIP, &content, &a.Status, &a.Version, &decision, &audit); err != nil {
			return nil, 0, err
		}
		var c struct {
			Description string   `json:"description"`
			EvidenceIDs []string `json:"evidence_ids"`
		}
		if err := json.Unmarshal([]byte(content), &c); err != nil {
			return nil, 0, fmt.Errorf("activity %s content: %w", a.ID, err)
		}
		a.Description, a.Evidence = c.Description, len(c.EvidenceIDs)
		if decision != "" {
			var d struct {
				ByNIP string `json:"by_nip"`
			}
			if err := json.Unmarshal([]byte(decision), &d); err != nil {
				return nil, 0, fmt.Errorf("activity %s decision: %w", a.ID, err)
			}
			a.DecisionBy = d.ByNIP
		}
		var au []struct {
			Action string `json:"action"`
		}
		if err := json.Unmarshal([]byte(audit), &au); err != nil {
			return nil, 0, fmt.Errorf("activity %s audit: %w", a.ID, err)
		}
		for _, e := range au {
			switch e.Action {
			case "approved":
				a.Approvals++
				a.Decisions++
			case "rejected", "revision":
				a.Decisions++
			}
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	var orphans int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM evidence WHERE activity_id NOT IN (SELECT id FROM activities)`).Scan(&orphans)
	return out, orphans, err
}

// Check is a scenario's verdict: the counts of the table and every
// failed rule. Core rules (nothing lost, nothing duplicated, order kept)
// decide Pass; Targets are the timing goals, reported as met or not.
type Check struct {
	// Updates, as Telegram sees them.
	Sent, Deliveries, Acknowledged, Answered, OutageAnswers, Unanswered, AnsweredWrongly, NeverAcked, Replays int64
	// Reports.
	ToldSent, Stored, StoredTold, LostReports, Duplicated, StoredNotTold, TagTwice int
	EvidenceOrphans                                                                int
	// Decisions.
	Approved, DoubleDecisions, PromptsMissing, NotesTwice, NotesMissing int
	Pairs, PairsOK, PairsBad                                            int
	PairsWonBySupervisor, PairsWonByAdmin, PairsPopupRaceLost           int
	PairSkewMaxMS                                                       float64
	// By kind (two-people, double-press): presses, exactly one decision,
	// gaps between the two requests.
	PairKinds map[string]*PairKind
	// Order and stray replies.
	Bursts, OrderViolations, Unexpected, Resent, Late int64
	// Redis at the end.
	RedisInbox, RedisOutbox int64

	// The whatsapp scenario's figures (nil for the others).
	WhatsApp *WACheck `json:",omitempty"`

	Failures []string // core rules broken
	Notes    []string // facts worth a line that break nothing
	Targets  []Target
	Pass     bool
}

// PairKind sums the two-press reports of one kind.
type PairKind struct {
	Presses, OK, RaceLost int
	SkewP50MS, SkewMaxMS  float64
	skews                 []float64
}

// Target is a timing goal of the issue and what was measured.
type Target struct {
	What     string
	Measured string
	Met      bool
}

// check compares the ledger with the store.
func check(l *ledger, acts []activity, orphans int) *Check {
	c := &Check{}
	u := l.Updates
	c.Sent, c.Deliveries, c.Acknowledged, c.Answered = u.Sent, u.Deliveries, u.Acked, u.Answered
	c.OutageAnswers, c.Unanswered, c.AnsweredWrongly, c.NeverAcked, c.Replays = u.Outage, u.Unanswered, u.WrongOnly, u.NeverAcked, u.Replays
	c.Bursts, c.OrderViolations, c.Unexpected, c.Resent, c.Late = l.Bursts, l.OrderViolations, l.Unexpected, l.Resent, l.Late
	c.RedisInbox, c.RedisOutbox = l.RedisLeft.Inbox, l.RedisLeft.Outbox
	c.EvidenceOrphans = orphans
	fail := func(format string, a ...any) { c.Failures = append(c.Failures, fmt.Sprintf(format, a...)) }
	note := func(format string, a ...any) { c.Notes = append(c.Notes, fmt.Sprintf(format, a...)) }

	nipOf := map[int64]string{}
	for _, p := range l.People {
		nipOf[p.Chat] = p.NIP
	}
	// Reports: told sent (a number and the person told) against the store.
	byKey := map[string][]activity{} // nip/number
	byDesc := map[string][]activity{}
	byID := map[string]activity{}
	for _, a := range acts {
		k := a.NIP + "/" + reportNo(a.ID)
		byKey[k] = append(byKey[k], a)
		byDesc[a.NIP+"\x00"+a.Description] = append(byDesc[a.NIP+"\x00"+a.Description], a)
		byID[a.ID] = a
	}
	told := map[string]bool{}
	for _, t := range l.Tells {
		k := nipOf[t.Chat] + "/" + t.No
		if told[k] {
			continue
		}
		told[k] = true
		c.ToldSent++
		switch n := len(byKey[k]); {
		case n == 0:
			c.LostReports++
			fail("report No. %s: chat %d was told it was sent (%s); not in the store", t.No, t.Chat, t.Kind)
		default:
			c.StoredTold++
		}
	}
	c.Stored = len(acts)
	for k, as := range byKey {
		if !told[k] {
			c.StoredNotTold += len(as)
		}
	}
	for _, as := range byDesc {
		if len(as) > 1 {
			c.Duplicated += len(as) - 1
			ids := make([]string, len(as))
			for i, a := range as {
				ids[i] = a.ID
			}
			fail("the same report stored %d times (nip %s, %q): %s", len(as), as[0].NIP, as[0].Description, strings.Join(ids, ", "))
		}
	}
	tagNos := map[string]map[string]bool{}
	for _, f := range l.Filed {
		if tagNos[f.Tag] == nil {
			tagNos[f.Tag] = map[string]bool{}
		}
		tagNos[f.Tag][f.No] = true
	}
	for tag, nos := range tagNos {
		if len(nos) > 1 {
			c.TagTwice++
			fail("one report flow (%s) confirmed under %d numbers", tag, len(nos))
		}
	}
	if c.StoredNotTold > 0 {
		note("%d stored reports were never confirmed to their owner (a «Kirim» whose answer was an outage message or came after the run)", c.StoredNotTold)
	}
	if orphans > 0 {
		note("%d evidence records belong to drafts that were never sent (abandoned drafts keep their photos)", orphans)
	}

	// Decisions: one each.
	for _, a := range acts {
		if a.Status == "approved" {
			c.Approved++
		}
		if a.Decisions > 1 {
			c.DoubleDecisions++
			fail("report %s decided %d times (audit)", a.ID, a.Decisions)
		}
		if a.Status == "approved" && a.Approvals != 1 {
			fail("report %s approved with %d approval entries in its audit", a.ID, a.Approvals)
		}
	}
	var noPrompt, noNote []string
	for _, t := range l.Tells {
		if t.Kind == "sent" && l.Prompts[t.No] == 0 {
			c.PromptsMissing++
			noPrompt = append(noPrompt, t.No)
		}
	}
	for no, n := range l.Notes {
		if n > 1 {
			c.NotesTwice++
			if c.NotesTwice <= 3 {
				note("owner's note of report No. %s received %d times", no, n)
			}
		}
	}
	for _, a := range acts {
		if a.Status == "approved" && l.Notes[reportNo(a.ID)] == 0 {
			c.NotesMissing++
			noNote = append(noNote, a.ID)
		}
	}
	// What the handling of an acknowledged update owes other people is
	// part of its answer: the supervisor's prompt, the owner's note.
	if c.PromptsMissing > 0 {
		fail("%d reports confirmed to their owner as sent whose approval prompt never reached the supervisor (No. %s)", c.PromptsMissing, few(noPrompt))
	}
	if c.NotesMissing > 0 {
		fail("%d approved reports whose owner was never told of the decision (%s)", c.NotesMissing, few(noNote))
	}

	// Two deciders at once: exactly one decision, by one of them, and
	// exactly one of the two told it was theirs.
	for _, p := range l.Pairs {
		c.Pairs++
		if c.PairKinds == nil {
			c.PairKinds = map[string]*PairKind{}
		}
		pk := c.PairKinds[p.Kind]
		if pk == nil {
			pk = &PairKind{}
			c.PairKinds[p.Kind] = pk
		}
		pk.Presses++
		a, ok := byID[p.ID]
		won, bad := 0, ""
		winner := int64(0)
		for i, pr := range p.Presses {
			if pr.Err != "" {
				bad = fmt.Sprintf("press %d (%s): %s", i+1, pr.Who, pr.Err)
			}
			if pr.Popup == popupApproved {
				won++
				winner = pr.Chat
			}
			if strings.Contains(pr.Popup, "baru saja diputuskan") {
				c.PairsPopupRaceLost++
				pk.RaceLost++
			}
		}
		switch {
		case !ok:
			bad = "not in the store"
		case a.Status != "approved" || a.Approvals != 1:
			bad = fmt.Sprintf("status %s with %d approvals", a.Status, a.Approvals)
		case won != 1 && bad == "":
			bad = fmt.Sprintf("%d presses told «%s»", won, popupApproved)
		case bad == "" && nipOf[winner] != a.DecisionBy:
			bad = fmt.Sprintf("decided by %s, but chat %d was told it was theirs", a.DecisionBy, winner)
		}
		if l.Notes[p.No] != 1 && bad == "" {
			bad = fmt.Sprintf("owner told %d times", l.Notes[p.No])
		}
		if bad != "" {
			c.PairsBad++
			fail("%s on report %s: %s", p.Kind, p.No, bad)
			continue
		}
		c.PairsOK++
		pk.OK++
		pk.skews = append(pk.skews, p.SkewMS)
		c.PairSkewMaxMS = max(c.PairSkewMaxMS, p.SkewMS)
		for _, pr := range p.Presses {
			if pr.Popup == popupApproved {
				if pr.Who == "admin" {
					c.PairsWonByAdmin++
				} else {
					c.PairsWonBySupervisor++
				}
			}
		}
	}
	for _, pk := range c.PairKinds {
		sort.Float64s(pk.skews)
		if n := len(pk.skews); n > 0 {
			pk.SkewP50MS, pk.SkewMaxMS = pk.skews[(n-1)/2], pk.skews[n-1]
		}
	}
	if l.PairsMissing > 0 {
		fail("%d reports not found in the admin's list", l.PairsMissing)
	}

	// Updates: every acknowledged one answered, in order, nothing stranded.
	if u.Unanswered > 0 {
		fail("%d acknowledged updates never answered (within the answer timeout)", u.Unanswered)
	}
	if u.WrongOnly > 0 {
		fail("%d acknowledged updates answered with something other than the step's answer", u.WrongOnly)
	}
	if u.NeverAcked > 0 {
		fail("%d updates never acknowledged while Telegram kept delivering them", u.NeverAcked)
	}
	if u.Interrupted > 0 {
		fail("%d updates interrupted at the end of the run", u.Interrupted)
	}
	if l.OrderViolations > 0 {
		fail("%d answers out of their chat's order", l.OrderViolations)
	}
	if l.RedisLeft.Inbox > 0 {
		fail("%d accepted updates still in Redis inboxes at the end", l.RedisLeft.Inbox)
	}
	if l.RedisLeft.Err != "" {
		fail("Redis could not be read at the end: %s", l.RedisLeft.Err)
	}
	if l.RedisLeft.Outbox > 0 {
		note("%d replies still in Redis outboxes at the end", l.RedisLeft.Outbox)
	}
	if l.Unexpected > 0 {
		fail("%d unexpected replies: an update handled twice or out of turn (see the samples)", l.Unexpected)
	}
	// Without a crash or an outage nothing is sent twice: a reply, popup or
	// note received twice means an update was handled twice.
	if l.Params["kills"] == "" && l.Params["outage"] == "" && (l.Resent > 0 || l.CallbackTwice > 0 || c.NotesTwice > 0) {
		fail("replies received twice with no crash or outage (%d messages, %d popups, %d owners' notes): updates handled twice",
			l.Resent, l.CallbackTwice, c.NotesTwice)
	}
	if l.Resent > 0 {
		note("%d replies received twice (identical to one just before: sent again after a crash)", l.Resent)
	}
	if l.CallbackTwice > 0 {
		note("%d button presses whose popup was answered twice", l.CallbackTwice)
	}
	for _, e := range l.Errors {
		fail("run: %s", e)
	}
	for _, k := range l.Kills {
		if k.Err != "" {
			fail("restart after a kill: %s", k.Err)
		}
	}
	if l.Outage != nil && l.Outage.Err != "" {
		fail("outage helper: %s", l.Outage.Err)
	}

	// The timing goals.
	if r := l.Recovery; r != nil && l.Outage != nil {
		if strings.HasPrefix(l.Outage.Name, "store") {
			c.Targets = append(c.Targets, Target{
				What:     "outage answer within 2 s",
				Measured: fmt.Sprintf("%d outage answers, p50 %.0f ms, max %.0f ms; %d over 2 s", r.OutageAnswers, r.OutageAnswerMS.P50, r.OutageAnswerMS.Max, r.OutageAnswersOver2s),
				Met:      r.OutageAnswers > 0 && r.OutageAnswersOver2s == 0,
			})
		} else {
			c.Targets = append(c.Targets, Target{
				What:     "outage answer within 2 s",
				Measured: fmt.Sprintf("%d outage answers; %d webhook requests refused (not 200) while it was away", r.OutageAnswers, r.WebhookNot200),
				Met:      r.OutageAnswers > 0 && r.OutageAnswersOver2s == 0,
			})
		}
		c.Targets = append(c.Targets, Target{
			What:     "service resumes within 5 s of the dependency's return",
			Measured: fmt.Sprintf("first normal answer %s after the return; last affected chat (of %d) %s", msText(r.FirstNormalAfterUpMS), r.AffectedChats, msText(r.LastChatBackMS)),
			Met:      r.FirstNormalAfterUpMS >= 0 && r.FirstNormalAfterUpMS <= 5000,
		})
	}
	c.Pass = len(c.Failures) == 0
	return c
}

// few lists up to five items.
func few(items []string) string {
	if len(items) > 5 {
		return strings.Join(items[:5], ", ") + ", …"
	}
	return strings.Join(items, ", ")
}

func msText(v float64) string {
	if v < 0 {
		return "never"
	}
	if v >= 1000 {
		return fmt.Sprintf("%.1f s", v/1000)
	}
	return fmt.Sprintf("%.0f ms", v)
}

const popupApproved = "✅ Disetujui"

// reportNo is the number people see: the last 8 characters of the id
// (handlers/report_draft.go).
func reportNo(id string) string {
	if len(id) <= 8 {
		return id
	}
	return id[len(id)-8:]
}

// runCheck checks one ledger against its store.
func runCheck(ctx context.Context, ledgerPath, dbPath string) (*ledger, *Check, error) {
	l, err := readLedger(ledgerPath)
	if err != nil {
		return nil, nil, err
	}
	if dbPath == "" {
		dbPath = filepath.Join(l.DataDir, "kinerjabot.db")
	}
	acts, orphans, err := readStore(ctx, dbPath)
	if err != nil {
		return l, nil, err
	}
	sort.Slice(acts, func(i, j int) bool { return acts[i].ID < acts[j].ID })
	return l, check(l, acts, orphans), nil
}

// okOrZero is a kind's count of good reports, 0 for no kind.
func (pk *PairKind) okOrZero() int {
	if pk == nil {
		return 0
	}
	return pk.OK
}
