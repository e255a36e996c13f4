// Command loadgen is a load generator for Telegram bots that is also a fake
// Telegram Bot API server on loopback. It starts the bot under test (or is
// given its pid), delivers updates to it by webhook, answers its Bot API
// calls, and runs virtual users through the kinerjabot report flow in a
// closed loop while supervisors approve each report. It measures updates/s,
// reports/s, latency from webhook delivery to the bot's first API call
// answering that chat, errors and timeouts, Redis commands (and optionally
// round trips) per update, and the bot's peak RSS and CPU.
//
//	loadgen [run] -bot kinerjabot -bin ./kinerjabot -users 10 -out r.json
//	loadgen [run] -bot grammy -grammy-dir bench/grammy -users 10 -out r.json
//	loadgen [run] -bot attach -pid PID -api-addr 127.0.0.1:8081 -webhook URL -secret S
//	loadgen [run] -bot kinerjabot -redis "" …      (no REDIS_URL: the embedded, journaled state)
//	loadgen report -out docs/benchmarks.md -meta meta.txt results/*.json
//	loadgen table results/*.json                  (a Markdown table by label and users: bench/embedded.sh)
//	loadgen photos -photo-dir DIR -photo-pool N   (make the photos ahead)
//	loadgen roster -users N -dir DIR              (the units and roster files, for -bot attach)
//	loadgen fault -bin ./kinerjabot -users 30 -ledger l.json [-replay 0.3 | -kills 20 | -outage-cmd … | -replicas 2 -pairs 1000]
//
// See bench/README.md.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

type runConfig struct {
	bot         string
	bin         string
	grammyDir   string
	node        string
	pid         int
	pidFile     string
	apiAddr     string
	webhook     string
	secret      string
	redisURL    string
	redisPrefix string
	flushDB     bool
	roundTrips  bool
	users       int
	perSup      int
	duration    time.Duration
	warmup      time.Duration
	stepTimeout time.Duration
	apiDelay    time.Duration
	photoDir    string
	photoPool   int
	work        string
	keep        bool
	out         string
	label       string
	botEnv      multiFlag
	botArgs     multiFlag
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// Result is one run's figures, written as JSON.
type Result struct {
	Bot         string    `json:"bot"`
	Label       string    `json:"label,omitempty"`
	Users       int       `json:"users"`
	Supervisors int       `json:"supervisors"`
	StartedAt   time.Time `json:"started_at"`
	WarmupS     float64   `json:"warmup_s"`
	WindowS     float64   `json:"window_s"`

	Updates          int64   `json:"updates"` // measured updates whose step completed
	UpdatesPerS      float64 `json:"updates_per_s"`
	ReportsSubmitted int64   `json:"reports_submitted"`
	ReportsPerS      float64 `json:"reports_per_s"`
	// Reports per staff user in the window: min, median, max (fairness).
	ReportsPerUser  [3]float64 `json:"reports_per_user_min_median_max"`
	ReportsApproved int64      `json:"reports_approved"`
	ApprovedPerS    float64    `json:"approved_per_s"`

	// Latency: webhook delivery → the bot's first API call answering the chat.
	LatencyMS       Summary            `json:"latency_ms"`
	LatencyByStepMS map[string]Summary `json:"latency_by_step_ms"`
	// Press of «Setujui» → the owner's note.
	DecisionMS Summary `json:"decision_ms"`

	Errors   map[string]int64 `json:"errors"`
	Timeouts int64            `json:"timeouts"`
	Samples  []string         `json:"unexpected_samples,omitempty"`

	RedisCommands          int64            `json:"redis_commands"`
	RedisCommandsPerUpdate float64          `json:"redis_commands_per_update"`
	RedisByCommand         map[string]int64 `json:"redis_by_command"`
	RedisTrips             int64            `json:"redis_round_trips,omitempty"`
	RedisTripsPerUpdate    float64          `json:"redis_round_trips_per_update,omitempty"`
	RedisCPUS              float64          `json:"redis_cpu_s"`

	BotPID           int              `json:"bot_pid"`
	BotPeakRSSKB     int64            `json:"bot_peak_rss_kb"`
	BotRSSEndKB      int64            `json:"bot_rss_end_kb"`
	BotCPUS          float64          `json:"bot_cpu_s"`
	BotCPUMSPerUpd   float64          `json:"bot_cpu_ms_per_update"`
	GeneratorCPUS    float64          `json:"generator_cpu_s"`
	APICalls         map[string]int64 `json:"api_calls"`
	PhotoPoolWrapped int64            `json:"photo_pool_wrapped,omitempty"`
}

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "report" {
		os.Exit(runReport(args[1:], os.Stdout, os.Stderr))
	}
	if len(args) > 0 && args[0] == "roster" {
		os.Exit(runRoster(args[1:], os.Stdout, os.Stderr))
	}
	if len(args) > 0 && args[0] == "fault" {
		os.Exit(runFault(args[1:], os.Stdout, os.Stderr))
	}
	if len(args) > 0 && args[0] == "photos" {
		os.Exit(runPhotos(args[1:], os.Stderr))
	}
	if len(args) > 0 && args[0] == "table" {
		os.Exit(runTable(args[1:], os.Stdout, os.Stderr))
	}
	if len(args) > 0 && args[0] == "run" {
		args = args[1:]
	}
	cfg, err := parseRun(args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}
	res, err := run(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	fmt.Println(res.line())
}

// runRoster writes the units and roster files a run with these flags uses.
func runRoster(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("roster", flag.ContinueOnError)
	fs.SetOutput(stderr)
	users := fs.Int("users", 10, "staff virtual users")
	perSup := fs.Int("per-supervisor", 50, "staff per supervisor")
	dir := fs.String("dir", ".", "where to write units.csv and roster.csv")
	if err := fs.Parse(args); err != nil || *users < 1 {
		return 2
	}
	sups, staff := people(*users, *perSup)
	units, roster, err := writeRoster(*dir, sups, staff)
	if err != nil {
		fmt.Fprintln(stderr, "loadgen roster:", err)
		return 1
	}
	fmt.Fprintln(stdout, units)
	fmt.Fprintln(stdout, roster)
	return 0
}

// runPhotos makes the pool's photos ahead of the runs.
func runPhotos(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("photos", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("photo-dir", filepath.Join(os.TempDir(), "loadgen-photos"), "where generated photos are kept")
	n := fs.Int("photo-pool", 4096, "how many")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	p, err := newPhotoPool(*dir, *n)
	if err == nil {
		err = p.prepare(*n)
	}
	if err != nil {
		fmt.Fprintln(stderr, "loadgen photos:", err)
		return 1
	}
	return 0
}

func parseRun(args []string) (*runConfig, error) {
	c := &runConfig{}
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.StringVar(&c.bot, "bot", "kinerjabot", "kinerjabot (start -bin), grammy (start node on -grammy-dir), or attach (-pid)")
	fs.StringVar(&c.bin, "bin", "./kinerjabot", "the kinerjabot binary")
	fs.StringVar(&c.grammyDir, "grammy-dir", "bench/grammy", "the grammY bot's directory (with node_modules)")
	fs.StringVar(&c.node, "node", "node", "the node binary")
	fs.IntVar(&c.pid, "pid", 0, "attach: the bot's pid (for RSS and CPU)")
	fs.StringVar(&c.pidFile, "pid-file", "", "attach: a file with the bot's pid, read once the bot set its webhook")
	fs.StringVar(&c.apiAddr, "api-addr", "127.0.0.1:0", "where the fake Bot API listens")
	fs.StringVar(&c.webhook, "webhook", "", "attach: the bot's webhook URL on loopback")
	fs.StringVar(&c.secret, "secret", "", "attach: the webhook secret")
	fs.StringVar(&c.redisURL, "redis", "redis://127.0.0.1:6379/0", "the Redis the bot uses (INFO commandstats is read from it); empty: none, kinerjabot's embedded state")
	fs.StringVar(&c.redisPrefix, "redis-prefix", "", "the bot's key prefix (default: bench:<bot>:<random>:)")
	fs.BoolVar(&c.flushDB, "flushdb", false, "FLUSHDB the Redis db before the run (only for a Redis of its own)")
	fs.BoolVar(&c.roundTrips, "round-trips", false, "put a counting proxy between the bot and Redis to count round trips")
	fs.IntVar(&c.users, "users", 10, "staff virtual users")
	fs.IntVar(&c.perSup, "per-supervisor", 50, "staff per supervisor (one unit each)")
	fs.DurationVar(&c.duration, "duration", 20*time.Second, "measured window")
	fs.DurationVar(&c.warmup, "warmup", 5*time.Second, "unmeasured load after registration")
	fs.DurationVar(&c.stepTimeout, "step-timeout", 15*time.Second, "how long a step waits for the bot")
	fs.DurationVar(&c.apiDelay, "api-delay", 0, "the fake Bot API answers every call after this long (Telegram is not on loopback)")
	fs.StringVar(&c.photoDir, "photo-dir", filepath.Join(os.TempDir(), "loadgen-photos"), "where generated photos are kept between runs")
	fs.IntVar(&c.photoPool, "photo-pool", 4096, "different photos per run (0: the fixture JPEG every time)")
	fs.StringVar(&c.work, "work", "", "work directory (DATA_DIR, logs); default a new temporary one")
	fs.BoolVar(&c.keep, "keep", false, "keep the work directory")
	fs.StringVar(&c.out, "out", "", "write the result as JSON here")
	fs.StringVar(&c.label, "label", "", "free text kept in the result")
	fs.Var(&c.botEnv, "bot-env", "KEY=VALUE added to the bot's environment (repeatable)")
	fs.Var(&c.botArgs, "bot-arg", "argument added to the bot's command line (repeatable)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	switch {
	case c.bot != "kinerjabot" && c.bot != "grammy" && c.bot != "attach":
		return nil, fmt.Errorf("-bot must be kinerjabot, grammy or attach")
	case c.bot == "attach" && (c.pid == 0 && c.pidFile == "" || c.webhook == "" || c.secret == "" || strings.HasSuffix(c.apiAddr, ":0")):
		return nil, fmt.Errorf("-bot attach needs -pid or -pid-file, -webhook, -secret and a fixed -api-addr")
	case c.users < 1:
		return nil, fmt.Errorf("-users must be at least 1")
	case c.redisURL == "" && (c.bot != "kinerjabot" || c.roundTrips || c.flushDB):
		return nil, fmt.Errorf("-redis '' (kinerjabot's embedded state) goes without -round-trips and -flushdb, and only with -bot kinerjabot")
	}
	return c, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func run(cfg *runConfig) (*Result, error) {
	work := cfg.work
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "loadgen-"+cfg.bot+"-"); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(filepath.Join(work, "data"), 0o755); err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !cfg.keep && ok {
			os.RemoveAll(work)
		} else {
			fmt.Fprintln(os.Stderr, "loadgen: work directory kept:", work)
		}
	}()

	photos, err := newPhotoPool(cfg.photoDir, cfg.photoPool)
	if err != nil {
		return nil, err
	}
	if err := photos.prepare(cfg.photoPool); err != nil {
		return nil, fmt.Errorf("photos: %w", err)
	}
	sups, staff := people(cfg.users, cfg.perSup)
	unitsPath, rosterPath, err := writeRoster(work, sups, staff)
	if err != nil {
		return nil, err
	}

	g := &gen{cfg: cfg, photos: photos, chats: map[int64]*chatState{}, rec: newRecorder(), decide: newRecorder(),
		stopped: make(chan struct{})}
	g.api = newAPIServer(g)
	apiLn, err := net.Listen("tcp", cfg.apiAddr)
	if err != nil {
		return nil, fmt.Errorf("fake Bot API: %w", err)
	}
	apiSrv := &http.Server{Handler: g.api, ReadHeaderTimeout: 10 * time.Second}
	go apiSrv.Serve(apiLn)
	defer apiSrv.Close()
	apiURL := "http://" + apiLn.Addr().String()

	rc, raddr, err := openStats(cfg)
	if err != nil {
		return nil, err
	}
	if rc != nil {
		defer rc.Close()
	}
	prefix := cfg.redisPrefix
	if prefix == "" {
		prefix = "bench:" + cfg.bot + ":" + randomHex(4) + ":"
	}
	botRedis := cfg.redisURL
	var proxy *tripProxy
	if cfg.roundTrips {
		if proxy, err = startTripProxy(raddr.host, &g.measuring); err != nil {
			return nil, err
		}
		defer proxy.close()
		botRedis = strings.Replace(cfg.redisURL, raddr.host, proxy.addr(), 1)
	}

	var bot *child
	pid := cfg.pid
	g.hookURL, g.secret = cfg.webhook, cfg.secret
	if cfg.bot == "attach" {
		fmt.Fprintf(os.Stderr, "loadgen: Bot API on %s; roster in %s; waiting for the bot's setWebhook\n", apiURL, work)
		if err := waitAttached(g, cfg, 2*time.Minute); err != nil {
			return nil, err
		}
		if cfg.pidFile != "" {
			b, err := os.ReadFile(cfg.pidFile)
			if err == nil {
				_, err = fmt.Sscan(string(b), &pid)
			}
			if err != nil {
				return nil, fmt.Errorf("-pid-file: %w", err)
			}
		}
	} else {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		path := "/tg/" + randomHex(8)
		g.hookURL = fmt.Sprintf("http://127.0.0.1:%d%s", port, path)
		g.secret = randomHex(16)
		env := append(os.Environ(),
			"TELEGRAM_TOKEN="+fmt.Sprint(botID)+":BENCH-"+randomHex(8),
			"TELEGRAM_API_URL="+apiURL,
			"TELEGRAM_MODE=webhook",
			"TELEGRAM_WEBHOOK_URL=https://bench.invalid"+path,
			"TELEGRAM_WEBHOOK_SECRET="+g.secret,
			"REDIS_URL="+botRedis,
			"REDIS_PREFIX="+prefix,
			"DATA_DIR="+filepath.Join(work, "data"),
			fmt.Sprintf("HTTP_ADDR=127.0.0.1:%d", port),
			"LOG_LEVEL=warn",
			"PLAYGROUND=off",
			"BOT_LANGUAGE=id",
			"DEFAULT_TIMEZONE=Asia/Makassar",
			"SURVEY_SECRET=bench-survey-secret-0123456789",
			"UNITS_CSV="+unitsPath,
			"ROSTER_CSV="+rosterPath,
		)
		env = append(env, cfg.botEnv...)
		var name string
		var args []string
		switch cfg.bot {
		case "kinerjabot":
			name = cfg.bin
			for _, imp := range [][2]string{{"import-units", unitsPath}, {"import-roster", rosterPath}} {
				if err := runOnce(cfg.bin, []string{imp[0], imp[1]}, env, filepath.Join(work, imp[0]+".log")); err != nil {
					return nil, err
				}
			}
		case "grammy":
			name = cfg.node
			args = []string{filepath.Join(cfg.grammyDir, "bot.js")}
		}
		args = append(args, cfg.botArgs...)
		logPath := filepath.Join(work, "bot.log")
		if bot, err = startChild(name, args, env, logPath); err != nil {
			return nil, err
		}
		defer bot.stop(20 * time.Second)
		pid = bot.pid()
		if err := waitReady(g, bot, port, 60*time.Second); err != nil {
			return nil, fmt.Errorf("%w\n%s", err, tail(logPath, 30))
		}
	}

	g.client = &http.Client{Transport: &http.Transport{
		MaxIdleConns: 4096, MaxIdleConnsPerHost: 4096, IdleConnTimeout: time.Minute, DisableCompression: true,
	}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var registered, exited sync.WaitGroup
	start := make(chan struct{})
	for _, p := range sups {
		c := g.addChat(p)
		registered.Add(1)
		exited.Add(1)
		go func() { defer exited.Done(); g.runSupervisor(ctx, c, &registered, start) }()
	}
	regDone := make(chan struct{})
	go func() { registered.Wait(); close(regDone) }()
	// Supervisors first, so that they receive the prompts.
	select {
	case <-regDone:
	case <-time.After(2 * time.Minute):
		return nil, errors.New("supervisors did not register in 2 minutes")
	}
	regDone = make(chan struct{})
	for _, p := range staff {
		c := g.addChat(p)
		registered.Add(1)
		exited.Add(1)
		go func() { defer exited.Done(); g.runStaff(ctx, c, &registered, start) }()
	}
	go func() { registered.Wait(); close(regDone) }()
	select {
	case <-regDone:
	case <-time.After(5 * time.Minute):
		return nil, errors.New("users did not register in 5 minutes")
	}
	if n := g.regFailed.Load(); n > 0 {
		return nil, fmt.Errorf("%d users could not register (samples: %v)%s", n, g.samples, botTail(work, bot))
	}

	res := &Result{Bot: cfg.bot, Label: cfg.label, Users: cfg.users, Supervisors: len(sups), StartedAt: time.Now().UTC(),
		WarmupS: cfg.warmup.Seconds(), BotPID: pid}
	close(start)
	time.Sleep(cfg.warmup)

	before, err := rc.stats()
	if err != nil {
		return nil, fmt.Errorf("redis INFO: %w", err)
	}
	botCPU0, _ := procCPUSeconds(pid)
	genCPU0 := selfCPUSeconds()
	t0 := time.Now()
	g.measuring.Store(true)
	time.Sleep(cfg.duration)
	g.measuring.Store(false)
	g.stopping.Store(true)
	close(g.stopped)
	window := time.Since(t0)
	after, err := rc.stats()
	if err != nil {
		return nil, fmt.Errorf("redis INFO: %w", err)
	}
	botCPU1, _ := procCPUSeconds(pid)
	genCPU1 := selfCPUSeconds()

	// Let the steps in flight finish (their samples count), then stop.
	allOut := make(chan struct{})
	go func() { exited.Wait(); close(allOut) }()
	select {
	case <-allOut:
	case <-time.After(cfg.stepTimeout + 2*time.Second):
	}
	cancel()
	res.BotPeakRSSKB, _ = procStatusKB(pid, "VmHWM")
	res.BotRSSEndKB, _ = procStatusKB(pid, "VmRSS")

	secs := window.Seconds()
	res.WindowS = secs
	res.Updates = g.completed.Load()
	res.UpdatesPerS = float64(res.Updates) / secs
	res.ReportsSubmitted = g.submitted.Load()
	res.ReportsPerS = float64(res.ReportsSubmitted) / secs
	var per []float64
	for _, c := range g.chats {
		if !c.p.supervisor {
			per = append(per, float64(c.reports.Load()))
		}
	}
	if len(per) > 0 {
		res.ReportsPerUser = [3]float64{slices.Min(per), median(per), slices.Max(per)}
	}
	res.ReportsApproved = g.approved.Load()
	res.ApprovedPerS = float64(res.ReportsApproved) / secs
	res.LatencyMS, res.LatencyByStepMS = g.rec.summaries()
	res.DecisionMS, _ = g.decide.summaries()
	res.Timeouts = g.timeouts.Load()
	res.Errors = map[string]int64{
		"webhook_status":     g.webhookStatus.Load(),
		"webhook_transport":  g.webhookTransport.Load(),
		"unexpected_replies": g.unexpected.Load(),
		"api_errors":         g.api.apiErrors.Load(),
		"inbox_drops":        g.inboxDrops.Load(),
		"unknown_chat":       g.unknownChat.Load(),
	}
	g.sampleMu.Lock()
	res.Samples = append([]string(nil), g.samples...)
	g.sampleMu.Unlock()
	res.RedisCommands, res.RedisByCommand = commandDelta(before.calls, after.calls)
	res.RedisCPUS = after.cpuSecs - before.cpuSecs
	if res.Updates > 0 {
		res.RedisCommandsPerUpdate = float64(res.RedisCommands) / float64(res.Updates)
		res.BotCPUMSPerUpd = (botCPU1 - botCPU0) * 1000 / float64(res.Updates)
	}
	if proxy != nil {
		res.RedisTrips = proxy.trips.Load()
		if res.Updates > 0 {
			res.RedisTripsPerUpdate = float64(res.RedisTrips) / float64(res.Updates)
		}
	}
	res.BotCPUS = botCPU1 - botCPU0
	res.GeneratorCPUS = genCPU1 - genCPU0
	res.APICalls = g.api.callCounts()
	res.PhotoPoolWrapped = photos.wraps.Load()

	if bot != nil {
		bot.stop(20 * time.Second)
	}
	switch {
	case rc == nil:
	case cfg.flushDB:
		_, _ = rc.do("FLUSHDB")
	default:
		if _, err := rc.deletePrefix(prefix); err != nil {
			fmt.Fprintln(os.Stderr, "loadgen: clean-up of", prefix, "failed:", err)
		}
	}
	if cfg.out != "" {
		b, _ := json.MarshalIndent(res, "", "  ")
		if err := os.WriteFile(cfg.out, append(b, '\n'), 0o644); err != nil {
			return nil, err
		}
	}
	if res.Updates == 0 {
		return res, fmt.Errorf("no update completed in the window (samples: %v)%s", res.Samples, botTail(work, bot))
	}
	ok = true
	return res, nil
}

// openStats connects to the bot's Redis, for its INFO commandstats, and
// flushes it when asked; with no Redis (kinerjabot's embedded state) it
// returns a nil connection, whose stats are zero.
func openStats(cfg *runConfig) (*respConn, redisAddr, error) {
	if cfg.redisURL == "" {
		return nil, redisAddr{}, nil
	}
	raddr, err := parseRedisURL(cfg.redisURL)
	if err != nil {
		return nil, raddr, err
	}
	rc, err := dialRedis(raddr)
	if err != nil {
		return nil, raddr, fmt.Errorf("redis: %w", err)
	}
	if cfg.flushDB {
		if _, err := rc.do("FLUSHDB"); err != nil {
			rc.Close()
			return nil, raddr, fmt.Errorf("redis FLUSHDB: %w", err)
		}
	}
	return rc, raddr, nil
}

// waitReady waits for the bot's setWebhook and for its webhook port.
func waitReady(g *gen, bot *child, port int, limit time.Duration) error {
	deadline := time.After(limit)
	select {
	case <-g.api.ready:
	case <-bot.done:
		return fmt.Errorf("the bot exited before it set its webhook: %v", bot.err)
	case <-deadline:
		return fmt.Errorf("the bot did not call setWebhook in %s", limit)
	}
	for {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			c.Close()
			return nil
		}
		select {
		case <-bot.done:
			return fmt.Errorf("the bot exited: %v", bot.err)
		case <-deadline:
			return fmt.Errorf("the bot's webhook port %d did not open in %s", port, limit)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// waitAttached waits for a bot started by hand: its setWebhook, then its
// webhook port.
func waitAttached(g *gen, cfg *runConfig, limit time.Duration) error {
	select {
	case <-g.api.ready:
	case <-time.After(limit):
		return fmt.Errorf("no setWebhook in %s", limit)
	}
	u, err := url.Parse(cfg.webhook)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(limit)
	for {
		c, err := net.DialTimeout("tcp", u.Host, time.Second)
		if err == nil {
			c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("webhook %s: %w", cfg.webhook, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func botTail(work string, bot *child) string {
	if bot == nil {
		return ""
	}
	return "\n" + tail(filepath.Join(work, "bot.log"), 30)
}

// tail returns the last n lines of a file.
func tail(path string, n int) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	b, _ := io.ReadAll(f)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "--- " + path + " (last lines)\n" + strings.Join(lines, "\n")
}

// line is the one-line human summary of a run.
func (r *Result) line() string {
	var errs int64
	for _, n := range r.Errors {
		errs += n
	}
	s := fmt.Sprintf("%s users=%d: %.1f updates/s, %.2f reports/s (%.2f approved/s), latency ms p50 %.2f p90 %.2f p99 %.2f max %.2f, "+
		"%d errors, %d timeouts, %.2f redis cmds/update",
		r.Bot, r.Users, r.UpdatesPerS, r.ReportsPerS, r.ApprovedPerS, r.LatencyMS.P50, r.LatencyMS.P90, r.LatencyMS.P99, r.LatencyMS.Max,
		errs, r.Timeouts, r.RedisCommandsPerUpdate)
	if r.RedisTrips > 0 {
		s += fmt.Sprintf(" (%.2f round trips)", r.RedisTripsPerUpdate)
	}
	return s + fmt.Sprintf(", peak RSS %.1f MB, bot CPU %.2f ms/update, reports/user min %.0f median %.0f max %.0f",
		float64(r.BotPeakRSSKB)/1024, r.BotCPUMSPerUpd, r.ReportsPerUser[0], r.ReportsPerUser[1], r.ReportsPerUser[2])
}
