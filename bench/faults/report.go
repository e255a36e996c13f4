package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// notesMarker separates the generated report from hand-written notes, which
// a new report keeps.
const notesMarker = "<!-- Hand-written notes below this line are kept when the report is written again. -->"

func cmdReport(args []string) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	out := fs.String("out", "docs/reliability.md", "the report")
	dir := fs.String("results", filepath.Join(os.TempDir(), "kinerjabot-faults", "results"), "the results directory of `faults run`")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := writeReport(*out, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "faults report:", err)
		return 1
	}
	return 0
}

func writeReport(out, resDir string) error {
	var meta map[string]string
	if err := readJSON(filepath.Join(resDir, "meta.json"), &meta); err != nil {
		return err
	}
	var results []*result
	for _, sc := range scenarios {
		r := &result{}
		if err := readJSON(filepath.Join(resDir, sc.Name+".json"), r); err != nil {
			if os.IsNotExist(err) {
				continue
			}
			return err
		}
		results = append(results, r)
	}
	notes := ""
	if old, err := os.ReadFile(out); err == nil {
		if _, after, ok := strings.Cut(string(old), notesMarker); ok {
			notes = after
		}
	}
	return os.WriteFile(out, []byte(renderReport(results, meta, notes)), 0o644)
}

func n(v int64) string { return thousands(v) }

func thousands(v int64) string {
	s := fmt.Sprint(v)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// goVersion makes "go version go1.26.8 linux/amd64" "Go 1.26.8".
func goVersion(s string) string {
	for _, f := range strings.Fields(s) {
		if v, ok := strings.CutPrefix(f, "go1"); ok {
			return "Go 1" + v
		}
	}
	return s
}

// redisVersion makes "Redis server v=7.0.15 sha=…" "Redis 7.0.15".
func redisVersion(s string) string {
	for _, f := range strings.Fields(s) {
		if v, ok := strings.CutPrefix(f, "v="); ok {
			return "Redis " + v
		}
	}
	return s
}

func verdict(r *result) string {
	switch {
	case r.Check == nil:
		return "**not run**: " + r.Err
	case r.Err != "" || !r.Check.Pass:
		return "**FAIL**"
	default:
		return "pass"
	}
}

func renderReport(results []*result, meta map[string]string, notes string) string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("# Reliability: the fault suite\n\n")
	quick := false
	for _, r := range results {
		quick = quick || r.Quick
	}
	w("Written by `bench/faults/run.sh` on %s (the figures above the notes are generated from the runs; see "+
		"[bench/faults/README.md](../bench/faults/README.md)).", meta["date"])
	if quick {
		w(" **Quick runs (`FAULTS_QUICK=1`): shorter than the issue asks; not the figures of record.**")
	}
	w("\n\n")
	w("**Machine.** %s cores (`nproc`), %s, %s memory, %s; %s, %s. The load generator (also the fake Telegram Bot API), "+
		"the bot processes, Redis and the fault helpers share this machine with other engineers' work. 1-minute load "+
		"average before: %s; after: %s.\n\n", meta["nproc"], meta["cpu"], meta["mem"], meta["kernel"], goVersion(meta["go"]), redisVersion(meta["redis"]),
		meta["load_before"], meta["load_after"])
	w("**Store.** `MONGODB_URI` is not available on this machine: every scenario runs on the embedded store " +
		"(SQLite, `DATA_DIR/kinerjabot.db`), and the store outage is an outage of that file. Redis is a private " +
		"`redis-server` per scenario (append-only file, fsync every second, no snapshots: the persistence of " +
		"docker-compose.yml), never the shared one on 6379.\n\n")
	w("**Repeat.**\n\n```sh\n")
	w("bash bench/faults/run.sh                        # every scenario, then docs/reliability.md (about 10 minutes)\n")
	w("FAULTS=crash,store bash bench/faults/run.sh     # some scenarios; the report keeps the others' last results\n")
	w("FAULTS_QUICK=1 bash bench/faults/run.sh         # short runs while developing\n")
	w("```\n\n")
	w("`run.sh` builds `kinerjabot`, `loadgen` and `faults` into `$WORK` (`${TMPDIR:-/tmp}/kinerjabot-faults`) and runs " +
		"`$WORK/faults run`, which for each scenario starts a private `redis-server`, runs the generator's command shown " +
		"below, and checks its ledger against the store (`$WORK/faults check -ledger $WORK/<scenario>/ledger.json`); " +
		"the WhatsApp scenario runs `$WORK/wabot` against a fake WhatsApp server inside `faults run` instead.\n\n")

	w("## Results\n\n")
	w("| scenario | updates sent | acknowledged | answered | lost updates | reports told sent | stored | duplicated | lost reports | decided twice | notices lost | result |\n")
	w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, r := range results {
		c := r.Check
		if c == nil {
			w("| %s | | | | | | | | | | | %s |\n", r.Title, verdict(r))
			continue
		}
		w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.Title, n(c.Sent), n(c.Acknowledged), n(c.Answered),
			n(c.Unanswered), n(int64(c.ToldSent)), n(int64(c.Stored)), n(int64(c.Duplicated)), n(int64(c.LostReports)),
			n(int64(c.DoubleDecisions)), n(int64(c.PromptsMissing+c.NotesMissing)), verdict(r))
	}
	w("\n*Updates* are the people's messages and button presses (each counted once however often it was delivered); " +
		"*acknowledged*: the webhook answered 200 (the bot holds it in Redis); *answered*: the step's answer or the outage " +
		"message arrived. *Reports told sent*: distinct report numbers the bot told their owner were sent (\"Laporan No. X " +
		"terkirim ke atasan\" or \"sudah terkirim\"); *stored*: reports in the store; *duplicated*: extra copies of one report " +
		"(same person, same description: every description carries a unique tag); *lost reports*: told sent, not stored; " +
		"*decided twice*: reports with more than one decision in their audit; *notices lost*: what the handling of an " +
		"acknowledged update owed someone else and never delivered (a report confirmed as sent whose approval prompt never " +
		"reached the supervisor, an approved report whose owner was never told).\n\n")

	var targets []string
	for _, r := range results {
		if r.Check == nil {
			continue
		}
		for _, t := range r.Check.Targets {
			met := "met"
			if !t.Met {
				met = "**not met**"
			}
			targets = append(targets, fmt.Sprintf("| %s | %s | %s | %s |", r.Title, t.What, t.Measured, met))
		}
	}
	if len(targets) > 0 {
		w("### The issue's timing goals\n\n| scenario | goal | measured | |\n|---|---|---|---|\n%s\n\n", strings.Join(targets, "\n"))
	}

	for _, r := range results {
		renderScenario(&b, r)
	}

	w("## How the runs are checked\n\n")
	w("- The generator is Telegram and the people. An update whose webhook request fails (no 200) is delivered again, " +
		"same update id, after 250 ms, 500 ms, 1 s, then every 2 s, for up to 3 minutes; a chat's next update waits for " +
		"the previous one's 200. A person sends one thing at a time and waits for its answer; told \"sedang gangguan\" " +
		"they send the same thing again 2 s later (a new update: the same text, the same photo, the same button).\n")
	w("- An acknowledged update must be answered within 75 s (a killed process's chat lease lasts 30 s). It is " +
		"*answered* when the message the step expects arrives (or, for a decision, its popup), or the outage message. " +
		"A message that is neither is *unexpected* (a repeat of one of the chat's last four messages is counted apart, as " +
		"*sent again*: replies are sent at least once).\n")
	w("- After the load the generator waits for every step in flight, then for Redis to hold no update in any chat's " +
		"inbox (an update accepted and never handled would stay there), stops the bots with SIGTERM, and writes its " +
		"ledger; `faults check` opens the store read-only and compares.\n")
	w("- **Pass** needs: no acknowledged update unanswered or answered wrongly, none left unacknowledged, no unexpected " +
		"reply, no report told sent and missing, no report stored twice, no report decided twice, no notice lost (approval " +
		"prompt, owner's note), every two-decider press ending in exactly one decision by one of them with exactly one of " +
		"them told so, answers in each chat's order, Redis inboxes empty, and, where nothing crashed and nothing was " +
		"away, nothing received twice. After a crash or an outage a reply may come twice (replies are sent at least once, " +
		"docs/design.md): counted, not failed. Timing goals are reported apart, as measured on this shared 2-core machine.\n\n")
	w("%s\n", notesMarker)
	if notes != "" {
		w("%s", strings.TrimLeft(notes, "\n"))
	}
	return b.String()
}

func renderScenario(b *strings.Builder, r *result) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	w("## %s — %s\n\n", r.Title, verdict(r))
	w("%s\n\n", r.What)
	if r.Command != "" {
		w("```sh\n%s\n```\n\n", r.Command)
	}
	if r.Err != "" {
		w("Run error: `%s`\n\n", r.Err)
	}
	l, c := r.Ledger, r.Check
	if c != nil && c.WhatsApp != nil {
		renderWhatsApp(b, c)
		return
	}
	if l == nil || c == nil {
		return
	}
	keys := make([]string, 0, len(l.Params))
	for k := range l.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var ps []string
	for _, k := range keys {
		ps = append(ps, fmt.Sprintf("%s %s", k, l.Params[k]))
	}
	w("Parameters: %s. Load %.0f s after registration; %.0f s to the end of the checks; %d bot start(s).\n\n",
		strings.Join(ps, ", "), l.LoadS, r.ElapsedS, l.BotStarts)
	u := l.Updates
	w("| | count |\n|---|---:|\n")
	row := func(k string, v int64) { w("| %s | %s |\n", k, n(v)) }
	row("updates sent (distinct)", u.Sent)
	row("webhook requests for them (with redeliveries)", u.Deliveries)
	row("redeliveries (not 200 the time before)", u.Redeliveries)
	if u.Replays > 0 {
		row("replays of acknowledged updates", u.Replays)
		row("replays answered 200", u.ReplaysAcked)
	}
	row("acknowledged", u.Acked)
	row("answered", u.Answered)
	row("… with the outage message", u.Outage)
	row("acknowledged, never answered (lost)", u.Unanswered)
	row("answered wrongly", u.WrongOnly)
	row("never acknowledged", u.NeverAcked)
	row("reports told sent", int64(c.ToldSent))
	row("reports stored", int64(c.Stored))
	row("duplicated", int64(c.Duplicated))
	row("lost (told sent, not stored)", int64(c.LostReports))
	row("stored, owner never told", int64(c.StoredNotTold))
	row("approved (one decision each)", int64(c.Approved))
	row("decided more than once", int64(c.DoubleDecisions))
	if c.Pairs > 0 {
		for _, kind := range []string{"two-people", "double-press"} {
			pk := c.PairKinds[kind]
			if pk == nil {
				continue
			}
			label := map[string]string{"two-people": "supervisor and admin at once", "double-press": "supervisor twice at once, one press per replica"}[kind]
			w("| reports pressed by the %s | %s |\n", label, n(int64(pk.Presses)))
			w("| … exactly one decision, by one of them, exactly one told it was theirs | %s |\n", n(int64(pk.OK)))
			w("| … the other told «baru saja diputuskan» (both read it pending; the store's conditional update refused one) | %s |\n", n(int64(pk.RaceLost)))
			w("| … gap between the two webhook requests' starts, median / max | %.2f / %.2f ms |\n", pk.SkewP50MS, pk.SkewMaxMS)
		}
		w("| two-press reports wrong | %s |\n", n(int64(c.PairsBad)))
		if pk := c.PairKinds["two-people"]; pk != nil {
			w("| supervisor and admin at once: won by the supervisor / the admin | %d / %d |\n", c.PairsWonBySupervisor-c.PairKinds["double-press"].okOrZero(), c.PairsWonByAdmin)
		}
	}
	if c.Bursts > 0 {
		row("bursts of four updates sent back to back", c.Bursts)
		row("answers out of order", c.OrderViolations)
	}
	row("approval prompts missing", int64(c.PromptsMissing))
	row("owner's note received twice", int64(c.NotesTwice))
	row("unexpected replies", c.Unexpected)
	row("replies sent again (identical)", c.Resent)
	row("left in Redis inboxes at the end", c.RedisInbox)
	w("| answer latency ms p50 / p99 / max | %.1f / %.1f / %.1f |\n", l.LatencyMS.P50, l.LatencyMS.P99, l.LatencyMS.Max)
	if len(l.Kills) > 0 {
		var worst, sum float64
		for _, k := range l.Kills {
			worst = max(worst, k.RestartMS)
			sum += k.RestartMS
		}
		w("| kills (SIGKILL) | %d |\n", len(l.Kills))
		w("| restart until the webhook port answers, mean / max | %.0f / %.0f ms |\n", sum/float64(len(l.Kills)), worst)
		w("| report flows under way at a kill / completed without starting over | %d / %d |\n", l.FlowsAcrossKill, l.FlowsAcrossKillCompleted)
	}
	if o := l.Outage; o != nil {
		w("| %s away | %.1f s |\n", o.Name, o.DownForS)
	}
	if rc := l.Recovery; rc != nil {
		w("| webhook requests not answered 200 while away | %s |\n", n(rc.WebhookNot200))
		w("| outage answers: count, p50 / max ms | %d, %.0f / %.0f |\n", rc.OutageAnswers, rc.OutageAnswerMS.P50, rc.OutageAnswerMS.Max)
		w("| person retries after an outage answer | %s |\n", n(l.PersonRetries))
		w("| updates sent while away: answer latency p50 / max ms | %.0f / %.0f |\n", rc.SentInWindowAnswerMS.P50, rc.SentInWindowAnswerMS.Max)
		w("| first normal answer after the return | %s |\n", msText(rc.FirstNormalAfterUpMS))
		w("| last affected chat (of %d) answered normally again | %s after the return |\n", rc.AffectedChats, msText(rc.LastChatBackMS))
	}
	w("\n")
	if len(c.Failures) > 0 {
		w("Failed rules:\n\n")
		for i, f := range c.Failures {
			if i == 20 {
				w("- … and %d more\n", len(c.Failures)-20)
				break
			}
			w("- %s\n", f)
		}
		w("\n")
	}
	if len(c.Notes) > 0 {
		w("Notes from the check:\n\n")
		for _, s := range c.Notes {
			w("- %s\n", s)
		}
		w("\n")
	}
	var samples []string
	samples = append(samples, l.OrderSamples...)
	samples = append(samples, l.Samples...)
	if len(samples) > 0 {
		w("<details><summary>Samples from the generator (%d)</summary>\n\n", len(samples))
		for i, s := range samples {
			if i == 15 {
				break
			}
			w("- `%s`\n", strings.ReplaceAll(s, "`", "'"))
		}
		w("\n</details>\n\n")
	}
}

// renderWhatsApp is the whatsapp scenario's figures (it has no ledger of
// the load generator's).
func renderWhatsApp(b *strings.Builder, c *Check) {
	wa := c.WhatsApp
	fmt.Fprintf(b, "| | count |\n|---|---:|\n")
	for _, row := range []struct {
		k string
		v int
	}{
		{"people", wa.People}, {"messages sent", wa.Messages}, {"deliveries to the bot", wa.Deliveries},
		{"messages delivered more than once", wa.Redelivered}, {"receipted", wa.Receipted}, {"never receipted", wa.NotReceipted},
		{"answered", wa.Answered}, {"**lost** (receipted, never answered)", wa.Lost},
		{"**duplicated** (answered by two message ids)", wa.Duplicated}, {"answers to no message", wa.Stray},
		{"answers sent again under their id (dropped)", wa.SameIDDropped}, {"SIGKILLs", wa.Kills}, {"Redis restarts", wa.RedisRestarts},
		{"connects", wa.Connects}, {"at the kills: receipted, answer not yet sent", wa.ReceiptedUnansweredAtKills},
		{"at the kills: delivered, not receipted", wa.DeliveredUnreceiptedAtKills},
	} {
		fmt.Fprintf(b, "| %s | %d |\n", row.k, row.v)
	}
	b.WriteString("\n")
	for _, f := range c.Failures {
		fmt.Fprintf(b, "- **%s**\n", f)
	}
	for _, n := range c.Notes {
		fmt.Fprintf(b, "- %s\n", n)
	}
	if len(c.Failures)+len(c.Notes) > 0 {
		b.WriteString("\n")
	}
}
