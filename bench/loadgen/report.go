package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// notesMarker separates the generated part of docs/benchmarks.md from the
// hand-written notes below it, which a new report keeps.
const notesMarker = "<!-- Hand-written notes below this line are kept when bench/run.sh rewrites this file. -->"

// point is the runs of one bot at one load (and label).
type point struct {
	bot   string
	users int
	label string
	runs  []*Result
}

func (p *point) med(f func(*Result) float64) float64 {
	xs := make([]float64, len(p.runs))
	for i, r := range p.runs {
		xs[i] = f(r)
	}
	return median(xs)
}

func (p *point) span(f func(*Result) float64) (float64, float64) {
	xs := make([]float64, len(p.runs))
	for i, r := range p.runs {
		xs[i] = f(r)
	}
	return slices.Min(xs), slices.Max(xs)
}

func (p *point) sum(f func(*Result) int64) int64 {
	var n int64
	for _, r := range p.runs {
		n += f(r)
	}
	return n
}

func errorsOf(r *Result) int64 {
	var n int64
	for _, v := range r.Errors {
		n += v
	}
	return n
}

// runReport reads results and writes the markdown report.
func runReport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "docs/benchmarks.md", "the markdown file to write")
	metaPath := fs.String("meta", "", "key=value lines: date, machine facts, commands (from bench/run.sh)")
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: loadgen report -out FILE -meta FILE RESULT.json…")
		return 2
	}
	meta, err := readMeta(*metaPath)
	if err != nil {
		fmt.Fprintln(stderr, "loadgen report:", err)
		return 2
	}
	var results []*Result
	for _, path := range fs.Args() {
		b, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(stderr, "loadgen report:", err)
			return 1
		}
		r := &Result{}
		if err := json.Unmarshal(b, r); err != nil {
			fmt.Fprintf(stderr, "loadgen report: %s: %v\n", path, err)
			return 1
		}
		results = append(results, r)
	}
	notes := ""
	if old, err := os.ReadFile(*out); err == nil {
		if _, after, ok := strings.Cut(string(old), notesMarker); ok {
			notes = strings.TrimLeft(after, "\n")
		}
	}
	md := renderReport(results, meta, notes)
	if err := os.WriteFile(*out, []byte(md), 0o644); err != nil {
		fmt.Fprintln(stderr, "loadgen report:", err)
		return 1
	}
	fmt.Fprintln(stdout, "wrote", *out)
	return 0
}

// readMeta reads key=value lines; a key may repeat (its values are joined
// with newlines).
func readMeta(path string) (map[string]string, error) {
	m := map[string]string{}
	if path == "" {
		return m, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if !ok || strings.TrimSpace(k) == "" {
			continue
		}
		k = strings.TrimSpace(k)
		if m[k] != "" {
			m[k] += "\n" + v
		} else {
			m[k] = v
		}
	}
	return m, sc.Err()
}

// group sorts results into points, ordered by label, users, bot.
func group(results []*Result) []*point {
	var ps []*point
	find := func(r *Result) *point {
		for _, p := range ps {
			if p.bot == r.Bot && p.users == r.Users && p.label == r.Label {
				return p
			}
		}
		p := &point{bot: r.Bot, users: r.Users, label: r.Label}
		ps = append(ps, p)
		return p
	}
	for _, r := range results {
		p := find(r)
		p.runs = append(p.runs, r)
	}
	slices.SortFunc(ps, func(a, b *point) int {
		if c := strings.Compare(a.label, b.label); c != 0 {
			return c
		}
		if a.users != b.users {
			return a.users - b.users
		}
		return strings.Compare(a.bot, b.bot)
	})
	return ps
}

func pick(ps []*point, label, bot string, users int) *point {
	for _, p := range ps {
		if p.label == label && p.bot == bot && p.users == users {
			return p
		}
	}
	return nil
}

func usersOf(ps []*point, label string) []int {
	var us []int
	for _, p := range ps {
		if p.label == label && !slices.Contains(us, p.users) {
			us = append(us, p.users)
		}
	}
	slices.Sort(us)
	return us
}

var botNames = map[string]string{"kinerjabot": "kinerjabot", "grammy": "grammY"}

func botName(b string) string {
	if n, ok := botNames[b]; ok {
		return n
	}
	return b
}

func f1(x float64) string { return fmt.Sprintf("%.1f", x) }
func f2(x float64) string { return fmt.Sprintf("%.2f", x) }

func thousands(x float64) string {
	s := fmt.Sprintf("%.0f", x)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func renderReport(results []*Result, meta map[string]string, notes string) string {
	ps := group(results)
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	get := func(k, def string) string {
		if v := meta[k]; v != "" {
			return v
		}
		return def
	}
	w("# Load benchmark: kinerjabot and a grammY bot, the same report flow\n\n")
	w("Written by `bench/run.sh` on %s (the figures above the notes are generated; see [bench/README.md](../bench/README.md)).\n\n",
		get("date", "(date unknown)"))
	if get("quick", "") == "1" {
		w("**Quick mode (`BENCH_QUICK=1`): one short run per point. Development figures, not for comparison.**\n\n")
	}
	w("**Machine.** %s cores (`nproc`), %s, %s memory; %s, %s, Redis %s. ", get("nproc", "?"), get("cpu", "?"), get("mem", "?"),
		get("go", "Go ?"), get("node", "Node ?"), get("redis", "?"))
	w("The load generator (also the fake Bot API), the bot under test and Redis all share this machine, so each figure includes the cost of the others on the same two cores. ")
	w("1-minute load average before the run: %s; after: %s.\n\n", get("load_before", "?"), get("load_after", "?"))
	w("**Flow.** Each virtual user registers once (`/start`, then a shared contact with their own user id, matched against the roster), then files reports in a closed loop: ")
	w("`/lapor` → description → `1 jam 30` → `3 dokumen` → one photo (a different 640×480 JPEG each time, downloaded through `getFile`) → «Selesai» → `Lewati` (no location) → «✅ Kirim». ")
	w("A supervisor per %s staff presses «✅ Setujui» on every approval prompt. Each step waits for the bot's expected message and for the webhook request's answer. ", get("per_supervisor", "50"))
	w("Updates arrive by webhook with the secret header; the bots' Bot API root is the generator.\n\n")
	w("**Measured** in a window of %s after %s of warm-up, median of %s runs per point, each run with a fresh Redis database and a fresh `DATA_DIR`: ", get("duration", "?"), get("warmup", "?"), get("runs", "?"))
	w("updates/s (steps completed), reports/s (confirmed «Kirim»), latency from webhook delivery to the bot's first Bot API call answering that chat, ")
	w("errors (webhook non-200, transport errors, unexpected replies, bad API calls) and step timeouts (%s), Redis commands per update from `INFO commandstats` (commands inside Lua scripts included), ", get("step_timeout", "15s"))
	w("the bot's peak RSS (`VmHWM`) and its CPU time per update.\n\n")

	us := usersOf(ps, "")
	w("## Results\n\n")
	w("| users | bot | updates/s | reports/s | p50 ms | p90 ms | p99 ms | max ms | errors | timeouts | Redis cmds/update | peak RSS MB | CPU ms/update |\n")
	w("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, u := range us {
		for _, bot := range []string{"kinerjabot", "grammy"} {
			p := pick(ps, "", bot, u)
			if p == nil {
				continue
			}
			lo, hi := p.span(func(r *Result) float64 { return r.UpdatesPerS })
			w("| %d | %s | %s (%s–%s) | %s | %s | %s | %s | %s | %d | %d | %s | %s | %s |\n", u, botName(bot),
				thousands(p.med(func(r *Result) float64 { return r.UpdatesPerS })), thousands(lo), thousands(hi),
				f1(p.med(func(r *Result) float64 { return r.ReportsPerS })),
				f1(p.med(func(r *Result) float64 { return r.LatencyMS.P50 })),
				f1(p.med(func(r *Result) float64 { return r.LatencyMS.P90 })),
				f1(p.med(func(r *Result) float64 { return r.LatencyMS.P99 })),
				f1(p.med(func(r *Result) float64 { return r.LatencyMS.Max })),
				p.sum(errorsOf), p.sum(func(r *Result) int64 { return r.Timeouts }),
				f1(p.med(func(r *Result) float64 { return r.RedisCommandsPerUpdate })),
				f1(p.med(func(r *Result) float64 { return float64(r.BotPeakRSSKB) / 1024 })),
				f2(p.med(func(r *Result) float64 { return r.BotCPUMSPerUpd })))
		}
	}
	w("\nupdates/s: median (lowest–highest run). Errors and timeouts: summed over the runs.\n\n")

	w("### Against the targets (kinerjabot ÷ grammY at the same load)\n\n")
	w("Issue 23's targets: throughput ≥ %.0f× and p99 ≤ %.1f× grammY's at %d users and more, CPU per update ≤ %.1f× at every load, ≤ %.0f Redis commands per update.\n\n",
		targetThroughput, targetP99, targetFromUsers, targetCPU, targetCommands)
	w("| users | throughput ratio | p99 ratio | CPU per update ratio | reports/s ratio | Redis cmds/update | targets met |\n|---:|---:|---:|---:|---:|---:|---|\n")
	for _, u := range us {
		k, g := pick(ps, "", "kinerjabot", u), pick(ps, "", "grammy", u)
		if k == nil || g == nil {
			continue
		}
		ratio := func(f func(r *Result) float64) float64 { return k.med(f) / g.med(f) }
		tr := ratio(func(r *Result) float64 { return r.UpdatesPerS })
		pr := ratio(func(r *Result) float64 { return r.LatencyMS.P99 })
		cr := ratio(func(r *Result) float64 { return r.BotCPUMSPerUpd })
		rr := ratio(func(r *Result) float64 { return r.ReportsPerS })
		cmds := k.med(func(r *Result) float64 { return r.RedisCommandsPerUpdate })
		w("| %d | %s | %s | %s | %s | %s | %s |\n", u, f2(tr), f2(pr), f2(cr), f2(rr), f1(cmds), targetsMet(u, tr, pr, cr, cmds))
	}
	w("\n")

	if tu := usersOf(ps, "trips"); len(tu) > 0 {
		w("### Redis round trips per update\n\n")
		w("Separate runs (%s) with a counting TCP proxy between the bot and Redis: a round trip starts each time the bot sends after Redis last answered it on that connection (a pipeline or a Lua script is one). ", get("trips_duration", "short"))
		w("With one user each round trip belongs to one update; ioredis shares one connection among concurrent requests, so under load its count would be a lower bound. The proxy costs latency, so these runs are not in the table above. Target: ≤ 2 per update.\n\n")
		w("| users | bot | round trips/update | Redis cmds/update | updates/s through the proxy |\n|---:|---|---:|---:|---:|\n")
		for _, u := range tu {
			for _, bot := range []string{"kinerjabot", "grammy"} {
				p := pick(ps, "trips", bot, u)
				if p == nil {
					continue
				}
				w("| %d | %s | %s | %s | %s |\n", u, botName(bot),
					f2(p.med(func(r *Result) float64 { return r.RedisTripsPerUpdate })),
					f1(p.med(func(r *Result) float64 { return r.RedisCommandsPerUpdate })),
					thousands(p.med(func(r *Result) float64 { return r.UpdatesPerS })))
			}
		}
		w("\n")
	}

	w("### Where the time goes\n\n")
	w("Per step, p50 / p99 ms (median over the runs), and how evenly the users were served (reports per user in the window: lowest / median / highest, median over the runs).\n\n")
	steps := []string{"lapor", "uraian", "waktu", "hasil", "foto", "selesai", "lewati", "kirim", "setujui"}
	w("| users | bot | %s | reports/user |\n|---:|---|%s---:|\n", strings.Join(steps, " | "), strings.Repeat("---:|", len(steps)))
	for _, u := range us {
		for _, bot := range []string{"kinerjabot", "grammy"} {
			p := pick(ps, "", bot, u)
			if p == nil {
				continue
			}
			w("| %d | %s |", u, botName(bot))
			for _, s := range steps {
				w(" %s / %s |", f1(p.med(func(r *Result) float64 { return r.LatencyByStepMS[s].P50 })),
					f1(p.med(func(r *Result) float64 { return r.LatencyByStepMS[s].P99 })))
			}
			w(" %.0f / %.0f / %.0f |\n", p.med(func(r *Result) float64 { return r.ReportsPerUser[0] }),
				p.med(func(r *Result) float64 { return r.ReportsPerUser[1] }), p.med(func(r *Result) float64 { return r.ReportsPerUser[2] }))
		}
	}
	w("\n")

	if du := usersOf(ps, "apidelay"); len(du) > 0 {
		w("### With a slow Bot API\n\n")
		w("The fake Bot API answers every call after %s, about what a bot sees from Telegram (loopback answers in well under a millisecond). Runs per point: %s.\n\n",
			get("api_delay", "a delay"), get("apidelay_runs", "?"))
		w("| users | bot | updates/s | reports/s | p50 ms | p99 ms | errors | timeouts |\n|---:|---|---:|---:|---:|---:|---:|---:|\n")
		for _, u := range du {
			for _, bot := range []string{"kinerjabot", "grammy"} {
				p := pick(ps, "apidelay", bot, u)
				if p == nil {
					continue
				}
				w("| %d | %s | %s | %s | %s | %s | %d | %d |\n", u, botName(bot),
					thousands(p.med(func(r *Result) float64 { return r.UpdatesPerS })),
					f1(p.med(func(r *Result) float64 { return r.ReportsPerS })),
					f1(p.med(func(r *Result) float64 { return r.LatencyMS.P50 })),
					f1(p.med(func(r *Result) float64 { return r.LatencyMS.P99 })),
					p.sum(errorsOf), p.sum(func(r *Result) int64 { return r.Timeouts }))
			}
		}
		w("\n")
	}

	w("### The bots\n\n")
	w("- **kinerjabot**: `go build ./cmd/kinerjabot` (this commit), `TELEGRAM_MODE=webhook`, `WORKERS=64` (the default), `LOG_LEVEL=warn`, the embedded store (SQLite, WAL, `synchronous=FULL`, each photo's bytes a row written in its record's transaction), Redis for the engine (inbox, session, outbox, lease). Each photo is decoded for its EXIF data and perceptual hash and compared with the evidence on file.\n")
	w("- **grammY** (`bench/grammy`, %s): webhook via `webhookCallback(bot, \"http\", { secretToken })`, sessions and `@grammyjs/conversations` state in Redis through `@grammyjs/storage-redis` on ioredis, records in SQLite through better-sqlite3 (WAL, `synchronous=FULL`), photos as fsynced files. ", get("grammy_versions", "grammy, @grammyjs/conversations, @grammyjs/storage-redis, ioredis, better-sqlite3"))
	w("Same texts and buttons; it checks photos by their magic bytes and reads their size from the header but does not decode them (no EXIF, no perceptual hash), so it does less work per photo than kinerjabot.\n\n")

	w("### Commands\n\n```sh\n%s\n```\n\n", get("commands", "bash bench/run.sh"))
	w("%s\n\n", notesMarker)
	if notes != "" {
		w("%s", notes)
		if !strings.HasSuffix(notes, "\n") {
			w("\n")
		}
	}
	return b.String()
}

// Issue 23's targets, kinerjabot against grammY at the same load: the
// throughput and p99 ratios from targetFromUsers users on, the CPU ratio
// at every load, and Redis commands per update.
const (
	targetThroughput = 2.0 // at least
	targetP99        = 0.5 // at most
	targetCPU        = 0.5 // at most
	targetCommands   = 8.0 // at most
	targetFromUsers  = 50
)

// targetsMet names the targets met at a load among those that apply to it,
// or says none is.
func targetsMet(users int, throughput, p99, cpu, commands float64) string {
	var met, missed []string
	check := func(name string, ok bool) {
		if ok {
			met = append(met, name)
		} else {
			missed = append(missed, name)
		}
	}
	if users >= targetFromUsers {
		check("throughput", throughput >= targetThroughput)
		check("p99", p99 <= targetP99)
	}
	check("CPU", cpu <= targetCPU)
	check("Redis commands", commands <= targetCommands)
	switch {
	case len(missed) == 0:
		return "all"
	case len(met) == 0:
		return "none"
	}
	return strings.Join(met, ", ") + " (not " + strings.Join(missed, ", ") + ")"
}
