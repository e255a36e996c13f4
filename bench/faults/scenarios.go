package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// scenario is one fault of the suite: the load generator's arguments
// besides the common ones.
type scenario struct {
	Name  string
	Title string
	What  string
	args  func(s *suite, dir string) []string
	// embedded: the bot runs without REDIS_URL, on its in-process state
	// journaled in DATA_DIR; no redis-server is started.
	embedded bool
	// sentinel: the bots use a Sentinel-watched master with two replicas
	// (sentinel.go) instead of the single private redis-server.
	sentinel bool
	// whatsapp: run by runWhatsApp (bench/wabot and a fake WhatsApp
	// server here) rather than by the load generator.
	whatsapp bool
}

type suite struct {
	quick     bool
	self      string // this program, for the outage helpers
	loadgen   string
	bin       string
	work      string
	redisPort int
	// sentinels: the set of the scenario running (sentinel scenarios).
	sentinels sentinelSet
}

// pick returns full unless quick.
func (s *suite) pick(full, quick string) string {
	if s.quick {
		return quick
	}
	return full
}

var scenarios = []scenario{
	{
		Name:  "replay",
		Title: "Replays",
		What: "Telegram's redelivery taken to the extreme: after the webhook answered 200, 30 % of the updates " +
			"(every kind: commands, texts, photos, contacts, button presses, decisions) are delivered again once or twice, " +
			"half of those at once (racing the first delivery's handling) and half after a random delay of up to 10 s, " +
			"when the person is already further in the flow.",
		args: func(s *suite, _ string) []string {
			return []string{"-users", "20", "-duration", s.pick("60s", "15s"), "-replay", "0.3", "-replay-max", "2", "-replay-delay", "10s"}
		},
	},
	{
		Name:  "crash",
		Title: "Crash (SIGKILL) and restart",
		What: "The bot is killed with SIGKILL at random moments (every 2–6 s, 20 times) and started again at once with the " +
			"same DATA_DIR, REDIS_URL and REDIS_PREFIX. Updates whose webhook request failed are delivered again (as Telegram " +
			"does); updates that were acknowledged must be answered by the restarted process from Redis. People keep going " +
			"from where they were: a report in progress is not started over.",
		args: func(s *suite, _ string) []string {
			return []string{"-users", "20", "-duration", s.pick("80s", "20s"), "-kills", s.pick("20", "5"), "-kill-min", "2s", "-kill-max", "6s"}
		},
	},
	{
		Name:  "crash-embedded",
		Title: "Crash (SIGKILL) and restart, embedded conversation state",
		What: "As the crash scenario, without REDIS_URL: the conversation state is the bot's in-process Redis-compatible " +
			"server, whose every write is journaled in DATA_DIR/conversation and fsynced before the reply (conversation/memredis). " +
			"The bot is killed with SIGKILL at random moments (every 2–6 s, 20 times) and started again at once on the same " +
			"DATA_DIR; the new process replays the journal. Updates whose webhook request failed are delivered again; updates " +
			"that were acknowledged must be answered by the restarted process, and a report in progress goes on.",
		embedded: true,
		args: func(s *suite, _ string) []string {
			return []string{"-users", "20", "-duration", s.pick("80s", "20s"), "-kills", s.pick("20", "5"), "-kill-min", "2s", "-kill-max", "6s"}
		},
	},
	{
		Name:  "crash-replicas",
		Title: "Kills of either of two replicas, with replays",
		What: "Two bot processes share one Redis and one DATA_DIR, and every webhook request goes to either at random. Every " +
			"2–6 s one of them, at random, is killed with SIGKILL (20 times) and started again at once, while 30 % of the " +
			"updates are delivered again once or twice (as in Replays). A chat whose replica died is taken over by the other " +
			"once the dead one's lease expires, or by the restarted one; a replayed update may reach the replica that did not " +
			"see it first.",
		args: func(s *suite, _ string) []string {
			return []string{"-replicas", "2", "-users", "20", "-duration", s.pick("80s", "20s"),
				"-kills", s.pick("20", "5"), "-kill-min", "2s", "-kill-max", "6s",
				"-replay", "0.3", "-replay-max", "2", "-replay-delay", "10s"}
		},
	},
	{
		Name:  "redis",
		Title: "Redis restart mid-load",
		What: "The private redis-server (append-only file, fsync every second, as in docker-compose.yml) is shut down " +
			"(SHUTDOWN, as a restart or a failover does), kept down for 10 s, and started again from its append-only file, " +
			"while the load runs. Webhook requests refused meanwhile are delivered again.",
		args: func(s *suite, dir string) []string {
			return []string{"-users", "20", "-duration", s.pick("50s", "25s"), "-outage", "redis",
				"-outage-cmd", fmt.Sprintf("%s redis-down -port %d -dir %s", s.self, s.redisPort, filepath.Join(dir, "redis")),
				"-outage-at", s.pick("15s", "5s"), "-outage-for", "10s"}
		},
	},
	{
		Name:  "sentinel-failover",
		Title: "Redis master killed, Sentinel fails over to a replica",
		What: "The bots reach Redis through three sentinels watching a master with two replicas (REDIS_SENTINEL_ADDRS, " +
			"REDIS_SENTINEL_MASTER; each server with an append-only file, fsync every second), and acknowledge an update only " +
			"once a replica has it (REDIS_WAIT_REPLICAS=1, REDIS_WAIT_TIMEOUT=500ms). The master is killed with SIGKILL " +
			"mid-load; the sentinels (down after 1 s, quorum 2) promote a replica, and the bots follow. Webhook requests " +
			"refused meanwhile (503) are delivered again. The old master comes back 20 s later as a replica. Lost: an " +
			"acknowledged update never answered; the helper's output gives the time to the promotion.",
		sentinel: true,
		args: func(s *suite, dir string) []string {
			return []string{"-users", "20", "-duration", s.pick("60s", "30s"), "-outage", "redis-failover",
				"-outage-cmd", fmt.Sprintf("%s sentinel-kill -sentinel-port %d -dir %s", s.self, s.sentinels.sentinels[0], filepath.Join(dir, "sentinel")),
				"-outage-at", s.pick("15s", "8s"), "-outage-for", "20s",
				"-bot-env", "REDIS_WAIT_REPLICAS=1", "-bot-env", "REDIS_WAIT_TIMEOUT=500ms"}
		},
	},
	{
		Name:  "store",
		Title: "Record store refusing writes for 30 s",
		What: "MongoDB is not available on this machine, so the bot runs on its embedded store (SQLite, DATA_DIR/kinerjabot.db). " +
			"Another process holds a write transaction on the file (BEGIN EXCLUSIVE) for 30 s, as a long import or a stuck tool " +
			"would: in WAL mode the bot's reads go on, every write waits the store's busy timeout and fails. People told " +
			"\"sedang gangguan\" (or, at «Kirim», that the report is kept as a draft) send the same thing again 2 s later.",
		args: func(s *suite, _ string) []string {
			return []string{"-users", "20", "-duration", s.pick("65s", "40s"), "-outage", "store-write",
				"-outage-cmd", s.self + " sqlite-lock -mode write -db {data}/kinerjabot.db",
				"-outage-at", s.pick("15s", "5s"), "-outage-for", "30s"}
		},
	},
	{
		Name:  "store-all",
		Title: "Record store unavailable for 30 s",
		What: "As above, but nothing of the store works for 30 s: another process holds every lock byte of the file's WAL index " +
			"(what a process stuck while holding them leaves), so no read or write transaction of the bot can begin. This is " +
			"the closest the embedded store comes to \"MongoDB unavailable\".",
		args: func(s *suite, _ string) []string {
			return []string{"-users", "20", "-duration", s.pick("65s", "40s"), "-outage", "store-all",
				"-outage-cmd", s.self + " sqlite-lock -mode all -db {data}/kinerjabot.db",
				"-outage-at", s.pick("15s", "5s"), "-outage-for", "30s"}
		},
	},
	{
		Name:  "concurrency",
		Title: "Two replicas, two deciders at the same instant",
		What: "Two bot processes share one Redis and one DATA_DIR; every webhook request goes to either at random. " +
			"For 1,000 reports the owner's supervisor (pressing «✅ Setujui» on the approval prompt) and the unit's admin " +
			"(pressing «✅ n» for the same report on the list of `/persetujuan unit`, handlers/approve.go) press at the same " +
			"instant, one press to each replica; for 200 more the supervisor presses the prompt's button twice at the same " +
			"instant (two devices), once to each replica. Each report's first four steps (/lapor, description, duration, output) " +
			"are sent back to back, each once the previous was acknowledged, to random replicas, and the answers must come in " +
			"that order.",
		args: func(s *suite, _ string) []string {
			return []string{"-replicas", "2", "-users", "40", "-per-supervisor", "10", "-admins", "-pipeline",
				"-pairs", s.pick("1000", "100"), "-double-press", s.pick("200", "20"), "-duration", "300s"}
		},
	},
	{
		Name:  "whatsapp",
		Title: "WhatsApp: crash (SIGKILL) and Redis restart while people write",
		What: "The bot on WhatsApp only (bench/wabot: kinerjabot built by package app, its WhatsApp client speaking to a fake " +
			"WhatsApp server in the fault runner, which outlives the bot). Ten people each send a text, wait for the answer and " +
			"send the next; the bot is killed with SIGKILL every 2–6 s (20 times) and started again at once, and the private " +
			"Redis is shut down for 5 s once, half way. As whatsmeow's server does, a message is receipted only once the adapter " +
			"reports it handled, and every message not receipted is delivered again at the next connect; a receipt on a socket " +
			"that is gone is lost. Lost: a receipted message never answered. Duplicated: a message answered by two messages " +
			"with different ids (one sent again under the same id is dropped by WhatsApp, so the person sees it once).",
		whatsapp: true,
	},
}

func scenarioByName(name string) (scenario, bool) {
	for _, s := range scenarios {
		if s.Name == name {
			return s, true
		}
	}
	return scenario{}, false
}

// result is one scenario's run, kept as JSON for the report.
type result struct {
	Name      string    `json:"name"`
	Title     string    `json:"title"`
	What      string    `json:"what"`
	Command   string    `json:"command"`
	StartedAt time.Time `json:"started_at"`
	ElapsedS  float64   `json:"elapsed_s"`
	Quick     bool      `json:"quick"`
	Ledger    *ledger   `json:"ledger,omitempty"`
	Check     *Check    `json:"check,omitempty"`
	Err       string    `json:"error,omitempty"`
}

func cmdRun(args []string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	which := fs.String("scenario", "all", "all, or names separated by commas: replay,crash,crash-embedded,crash-replicas,redis,sentinel-failover,store,store-all,concurrency,whatsapp")
	out := fs.String("out", "docs/reliability.md", "the report to write (from every result in -work/results)")
	work := fs.String("work", filepath.Join(os.TempDir(), "kinerjabot-faults"), "work directory")
	bin := fs.String("kinerjabot", "", "the kinerjabot binary (default -work/kinerjabot)")
	lg := fs.String("loadgen", "", "the load generator (default -work/loadgen)")
	port := fs.Int("redis-port", 6471, "first port to try for the private redis-server")
	quick := fs.Bool("quick", false, "short runs (development); the report says so")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "faults:", err)
		return 1
	}
	s := &suite{quick: *quick, self: self, loadgen: *lg, bin: *bin, work: *work}
	if s.loadgen == "" {
		s.loadgen = filepath.Join(*work, "loadgen")
	}
	if s.bin == "" {
		s.bin = filepath.Join(*work, "kinerjabot")
	}
	var list []scenario
	if *which == "all" {
		list = scenarios
	} else {
		for _, n := range strings.Split(*which, ",") {
			sc, ok := scenarioByName(strings.TrimSpace(n))
			if !ok {
				fmt.Fprintln(os.Stderr, "faults: unknown scenario", n)
				return 2
			}
			list = append(list, sc)
		}
	}
	resDir := filepath.Join(*work, "results")
	if err := os.MkdirAll(resDir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "faults:", err)
		return 1
	}
	if s.redisPort, err = freeRedisPort(*port); err != nil {
		fmt.Fprintln(os.Stderr, "faults:", err)
		return 1
	}
	meta := machineMeta()
	failed := 0
	for _, sc := range list {
		r := s.runScenario(sc)
		if err := writeJSON(filepath.Join(resDir, sc.Name+".json"), r); err != nil {
			fmt.Fprintln(os.Stderr, "faults:", err)
			return 1
		}
		verdict := "PASS"
		if r.Err != "" || r.Check == nil || !r.Check.Pass {
			verdict = "FAIL"
			failed++
		}
		say("%s: %s in %.0fs%s", sc.Name, verdict, r.ElapsedS, errSuffix(r))
		if r.Check != nil {
			for _, f := range r.Check.Failures {
				say("  - %s", f)
			}
		}
	}
	meta["load_after"] = loadavg()
	if err := writeJSON(filepath.Join(*work, "meta-"+time.Now().UTC().Format("20060102T150405")+".json"), meta); err != nil {
		fmt.Fprintln(os.Stderr, "faults:", err)
	}
	if err := writeJSON(filepath.Join(resDir, "meta.json"), meta); err != nil {
		fmt.Fprintln(os.Stderr, "faults:", err)
		return 1
	}
	if *out != "" {
		if err := writeReport(*out, resDir); err != nil {
			fmt.Fprintln(os.Stderr, "faults: report:", err)
			return 1
		}
		say("wrote %s", *out)
	}
	if failed > 0 {
		return 1
	}
	return 0
}

func errSuffix(r *result) string {
	if r.Err != "" {
		return ": " + r.Err
	}
	return ""
}

func say(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "%s faults: %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, a...))
}

// freeRedisPort finds a port from first on where nothing listens (other
// engineers' servers run on this machine too).
func freeRedisPort(first int) (int, error) {
	for p := first; p < first+50; p++ {
		if p == 6379 {
			continue
		}
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", p), 200*time.Millisecond)
		if err == nil {
			c.Close()
			continue
		}
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			continue
		}
		ln.Close()
		return p, nil
	}
	return 0, fmt.Errorf("no free port from %d", first)
}

func (s *suite) runScenario(sc scenario) *result {
	r := &result{Name: sc.Name, Title: sc.Title, What: sc.What, StartedAt: time.Now().UTC(), Quick: s.quick}
	start := time.Now()
	defer func() { r.ElapsedS = time.Since(start).Seconds() }()
	dir := filepath.Join(s.work, sc.Name)
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		r.Err = err.Error()
		return r
	}
	redisURL := ""
	switch {
	case sc.sentinel:
		set, err := newSentinelSet(s.redisPort + 1)
		if err != nil {
			r.Err = err.Error()
			return r
		}
		say("%s: starting a master, two replicas and three sentinels on ports %v %v", sc.Name, set.servers(), set.sentinels)
		defer set.stop()
		if err := set.start(filepath.Join(dir, "sentinel")); err != nil {
			r.Err = err.Error()
			return r
		}
		s.sentinels, redisURL = set, set.url()
	case !sc.embedded:
		say("%s: starting redis-server on port %d", sc.Name, s.redisPort)
		if err := startRedis(s.redisPort, filepath.Join(dir, "redis")); err != nil {
			r.Err = err.Error()
			return r
		}
		defer func() {
			if err := stopRedis(s.redisPort); err != nil {
				say("%s: stopping redis: %v", sc.Name, err)
			}
		}()
		redisURL = fmt.Sprintf("redis://127.0.0.1:%d/0", s.redisPort)
	}
	if sc.whatsapp {
		s.runWhatsApp(dir, redisURL, r)
		return r
	}
	ledgerPath := filepath.Join(dir, "ledger.json")
	args := append([]string{"fault", "-scenario", sc.Name, "-bin", s.bin,
		"-redis", redisURL, "-work", filepath.Join(dir, "run"),
		"-ledger", ledgerPath, "-photo-dir", filepath.Join(s.work, "photos")}, sc.args(s, dir)...)
	r.Command = commandLine(s, args)
	say("%s: %s", sc.Name, r.Command)
	logf, err := os.Create(filepath.Join(dir, "loadgen.log"))
	if err != nil {
		r.Err = err.Error()
		return r
	}
	defer logf.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.loadgen, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	runErr := cmd.Run()
	l, c, err := runCheck(context.Background(), ledgerPath, "")
	if err != nil {
		r.Err = fmt.Sprintf("check: %v (loadgen: %v; see %s)", err, runErr, logf.Name())
		return r
	}
	if runErr != nil {
		r.Err = fmt.Sprintf("loadgen: %v (see %s)", runErr, logf.Name())
	}
	l.Tells, l.Filed, l.Approvals, l.Pairs = nil, nil, nil, nil // the counts are in the check
	l.Prompts, l.Notes = nil, nil
	r.Ledger, r.Check = l, c
	return r
}

// commandLine is the generator's command as the report shows it, with the
// work directory as $WORK and this program as faults.
func commandLine(s *suite, args []string) string {
	q := make([]string, 0, len(args)+1)
	q = append(q, "$WORK/loadgen")
	for _, a := range args {
		a = strings.ReplaceAll(a, s.self, "$WORK/faults")
		a = strings.ReplaceAll(a, s.work, "$WORK")
		if a == "" || strings.ContainsAny(a, " {}") {
			a = "'" + a + "'"
		}
		q = append(q, a)
	}
	return strings.Join(q, " ")
}

func machineMeta() map[string]string {
	m := map[string]string{
		"date":        time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		"nproc":       strconv.Itoa(numCPU()),
		"cpu":         cpuModel(),
		"mem":         memTotal(),
		"go":          cmdOut("go", "version"),
		"redis":       cmdOut("redis-server", "--version"),
		"load_before": loadavg(),
		"kernel":      cmdOut("uname", "-sr"),
	}
	return m
}

func cmdOut(name string, args ...string) string {
	b, err := exec.Command(name, args...).Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(b))
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], ", ")
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

func memTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && k == "MemTotal" {
			f := strings.Fields(v)
			if kb, err := strconv.ParseFloat(f[0], 64); err == nil {
				return fmt.Sprintf("%.0f GiB", kb/1024/1024)
			}
		}
	}
	return "?"
}

func numCPU() int {
	n, err := strconv.Atoi(cmdOut("nproc"))
	if err != nil {
		return 0
	}
	return n
}
