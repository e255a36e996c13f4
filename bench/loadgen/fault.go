package main

// `loadgen fault` (issue 8): the generator drives kinerjabot through
// registration and the report flow, with supervisors approving, while it
// injects one kind of fault, and keeps a ledger of what the people and
// Telegram know: every update sent, acknowledged (the webhook answered 200)
// and answered, every report the bot said was sent (with its number), every
// approval prompt, decision popup and owner's note. bench/faults checks the
// ledger against the store. Faults:
//
//	-replay 0.3 -replay-max 2 -replay-delay 10s   resend updates already acknowledged
//	-kills 20 -kill-min 2s -kill-max 6s           SIGKILL a bot at random moments, start it again
//	-outage-cmd CMD -outage-at 20s -outage-for 30s  run a helper that takes a dependency away
//	-replicas 2                                    two bots on one Redis, each update to either
//	-pairs 1000 -double-press 200 -admins          two deciders press one report at the same instant
//	-pipeline                                      a report's text steps sent back to back (order check)
//
// As Telegram does, an update whose webhook request was not answered 200 is
// delivered again (same update id) until it is; a chat's next update waits
// for the previous one's 200. A person waits for the answer to each message;
// told "sedang gangguan", they send the same thing again after -retry-pause.

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kinerjabot/kinerjabot/conversation/memredis"
)

type faultConfig struct {
	scenario      string
	bin           string
	users         int
	perSup        int
	admins        bool
	replicas      int
	redisURL      string
	redisPrefix   string
	work          string
	ledger        string
	duration      time.Duration
	answerTimeout time.Duration
	redeliverFor  time.Duration
	redeliverGap  time.Duration
	postTimeout   time.Duration
	retryPause    time.Duration
	retryFor      time.Duration
	replay        float64
	replayMax     int
	replayDelay   time.Duration
	kills         int
	killMin       time.Duration
	killMax       time.Duration
	outageName    string
	outageCmd     string
	outageAt      time.Duration
	outageFor     time.Duration
	pairs         int
	doublePress   int
	pipeline      bool
	photoDir      string
	photoPool     int
	botEnv        multiFlag
}

func parseFault(args []string, stderr io.Writer) (*faultConfig, error) {
	c := &faultConfig{}
	fs := flag.NewFlagSet("loadgen fault", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.scenario, "scenario", "", "the scenario's name, kept in the ledger")
	fs.StringVar(&c.bin, "bin", "./kinerjabot", "the kinerjabot binary")
	fs.IntVar(&c.users, "users", 30, "staff virtual users")
	fs.IntVar(&c.perSup, "per-supervisor", 10, "staff per supervisor (one unit each)")
	fs.BoolVar(&c.admins, "admins", false, "one admin per unit on the roster (role admin), registered too")
	fs.IntVar(&c.replicas, "replicas", 1, "bot processes on one Redis and one DATA_DIR; each update goes to either")
	fs.StringVar(&c.redisURL, "redis", "redis://127.0.0.1:6379/0", "the Redis the bots use; empty: none, the bot's embedded state (journaled in DATA_DIR)")
	fs.StringVar(&c.redisPrefix, "redis-prefix", "", "the bots' key prefix (default fault:<random>:)")
	fs.StringVar(&c.work, "work", "", "work directory (DATA_DIR in work/data, logs); default a new temporary one")
	fs.StringVar(&c.ledger, "ledger", "", "write the ledger (JSON) here (default work/ledger.json)")
	fs.DurationVar(&c.duration, "duration", 60*time.Second, "load after registration (with -pairs: at most this long)")
	fs.DurationVar(&c.answerTimeout, "answer-timeout", 75*time.Second, "how long an acknowledged update may wait for its answer (a killed bot's chat lease lasts 30s)")
	fs.DurationVar(&c.redeliverFor, "redeliver-for", 3*time.Minute, "how long an unacknowledged update is delivered again")
	fs.DurationVar(&c.redeliverGap, "redeliver-gap", 2*time.Second, "the longest wait between two deliveries of an unacknowledged update (from 250ms, doubling)")
	fs.DurationVar(&c.postTimeout, "post-timeout", 15*time.Second, "timeout of one webhook request")
	fs.DurationVar(&c.retryPause, "retry-pause", 2*time.Second, "a person told of an outage tries again after this long")
	fs.DurationVar(&c.retryFor, "retry-for", 3*time.Minute, "and gives up after this long")
	fs.Float64Var(&c.replay, "replay", 0, "share of acknowledged updates delivered again (once or twice)")
	fs.IntVar(&c.replayMax, "replay-max", 2, "most replays of one update")
	fs.DurationVar(&c.replayDelay, "replay-delay", 10*time.Second, "half the replays go at once, half after a random delay up to this")
	fs.IntVar(&c.kills, "kills", 0, "SIGKILL a bot this many times during the load, starting it again each time")
	fs.DurationVar(&c.killMin, "kill-min", 2*time.Second, "least time between two kills")
	fs.DurationVar(&c.killMax, "kill-max", 6*time.Second, "most time between two kills")
	fs.StringVar(&c.outageName, "outage", "", "the outage's name (redis, store)")
	fs.StringVar(&c.outageCmd, "outage-cmd", "", "helper command (words split on spaces, {data} = DATA_DIR): prints \"down\", restores on SIGTERM")
	fs.DurationVar(&c.outageAt, "outage-at", 20*time.Second, "when the outage starts, after the load started")
	fs.DurationVar(&c.outageFor, "outage-for", 30*time.Second, "how long the dependency stays away")
	fs.IntVar(&c.pairs, "pairs", 0, "reports pressed «Setujui» at the same instant by the owner's supervisor and the unit's admin (needs -admins)")
	fs.IntVar(&c.doublePress, "double-press", 0, "reports pressed twice at the same instant by the supervisor, each press to another replica")
	fs.BoolVar(&c.pipeline, "pipeline", false, "send a report's first four text steps back to back and check the answers' order")
	fs.StringVar(&c.photoDir, "photo-dir", filepath.Join(os.TempDir(), "loadgen-photos"), "where generated photos are kept between runs")
	fs.IntVar(&c.photoPool, "photo-pool", 4096, "different photos per run")
	fs.Var(&c.botEnv, "bot-env", "KEY=VALUE added to the bots' environment (repeatable)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	switch {
	case c.users < 1:
		return nil, errors.New("-users must be at least 1")
	case c.replicas < 1:
		return nil, errors.New("-replicas must be at least 1")
	case c.pairs > 0 && !c.admins:
		return nil, errors.New("-pairs needs -admins")
	case c.replay < 0 || c.replay > 1:
		return nil, errors.New("-replay is a share, 0 to 1")
	case c.killMax < c.killMin:
		return nil, errors.New("-kill-max is below -kill-min")
	case c.redisURL == "" && c.replicas > 1:
		return nil, errors.New("-redis '' (the embedded state) admits one process: -replicas 1")
	}
	if c.replayMax < 1 {
		c.replayMax = 1
	}
	return c, nil
}

// Ledger is what a fault run writes for bench/faults to check.
type Ledger struct {
	Scenario   string                `json:"scenario"`
	Params     map[string]string     `json:"params"`
	StartedAt  time.Time             `json:"started_at"`
	LoadS      float64               `json:"load_s"`
	TotalS     float64               `json:"total_s"`
	Replicas   int                   `json:"replicas"`
	BotStarts  int                   `json:"bot_starts"`
	DataDir    string                `json:"data_dir"`
	Redis      string                `json:"redis"`
	Prefix     string                `json:"redis_prefix"`
	People     []ledgerPerson        `json:"people"`
	Updates    stepTotals            `json:"updates"`
	ByStep     map[string]stepTotals `json:"by_step"`
	WebhookBad map[string]int64      `json:"webhook_not_200"` // by status or "transport"
	Lost       []lostUpdate          `json:"lost_updates"`    // acknowledged, never answered
	LatencyMS  Summary               `json:"answer_latency_ms"`
	ByStepMS   map[string]Summary    `json:"answer_latency_by_step_ms"`

	Unexpected    int64    `json:"unexpected_replies"`
	Resent        int64    `json:"resent_replies"` // a reply identical to one just before (at least once)
	Late          int64    `json:"late_replies"`   // messages after the chat's steps ended
	CallbackTwice int64    `json:"callbacks_answered_twice"`
	UnknownChat   int64    `json:"unknown_chat"`
	Samples       []string `json:"samples,omitempty"`

	Tells        []tell         `json:"tells"`   // every "Laporan No. X terkirim/sudah terkirim/tersimpan"
	Filed        []filed        `json:"filed"`   // the report flows that ended in a confirmation
	Prompts      map[string]int `json:"prompts"` // approval prompts received, by report number
	Notes        map[string]int `json:"notes"`   // owners' notes received, by report number
	Approvals    []approval     `json:"approvals"`
	Pairs        []pairRec      `json:"pairs,omitempty"`
	PairsMissing int64          `json:"pairs_not_found_in_list,omitempty"`

	Bursts          int64    `json:"bursts"`
	OrderViolations int64    `json:"order_violations"`
	OrderSamples    []string `json:"order_samples,omitempty"`

	Kills                    []killRec `json:"kills,omitempty"`
	Flows                    int64     `json:"report_flows"`
	FlowsCompleted           int64     `json:"report_flows_completed"`
	FlowsAcrossKill          int64     `json:"flows_across_kill"`
	FlowsAcrossKillCompleted int64     `json:"flows_across_kill_completed"`
	PersonRetries            int64     `json:"person_retries"`

	Outage   *outageRec   `json:"outage,omitempty"`
	Recovery *recoveryRec `json:"recovery,omitempty"`

	RedisLeft redisLeft `json:"redis_left"`
	Errors    []string  `json:"errors,omitempty"`
}

type ledgerPerson struct {
	Chat int64  `json:"chat"`
	NIP  string `json:"nip"`
	Role string `json:"role"` // staff, supervisor, admin
	Unit int    `json:"unit"`
}

type stepTotals struct {
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

type stepCounts struct {
	sent, deliveries, redeliveries, acked, neverAcked, answered, expected, outage, wrongOnly, unanswered,
	interrupted, replays, replaysAcked atomic.Int64
}

func (s *stepCounts) totals() stepTotals {
	return stepTotals{Sent: s.sent.Load(), Deliveries: s.deliveries.Load(), Redeliveries: s.redeliveries.Load(),
		Acked: s.acked.Load(), NeverAcked: s.neverAcked.Load(), Answered: s.answered.Load(), Expected: s.expected.Load(),
		Outage: s.outage.Load(), WrongOnly: s.wrongOnly.Load(), Unanswered: s.unanswered.Load(),
		Interrupted: s.interrupted.Load(), Replays: s.replays.Load(), ReplaysAcked: s.replaysAcked.Load()}
}

func (t stepTotals) add(o stepTotals) stepTotals {
	return stepTotals{Sent: t.Sent + o.Sent, Deliveries: t.Deliveries + o.Deliveries, Redeliveries: t.Redeliveries + o.Redeliveries,
		Acked: t.Acked + o.Acked, NeverAcked: t.NeverAcked + o.NeverAcked, Answered: t.Answered + o.Answered,
		Expected: t.Expected + o.Expected, Outage: t.Outage + o.Outage, WrongOnly: t.WrongOnly + o.WrongOnly,
		Unanswered: t.Unanswered + o.Unanswered, Interrupted: t.Interrupted + o.Interrupted, Replays: t.Replays + o.Replays,
		ReplaysAcked: t.ReplaysAcked + o.ReplaysAcked}
}

type lostUpdate struct {
	Chat     int64   `json:"chat"`
	Step     string  `json:"step"`
	UpdateID int64   `json:"update_id"`
	AckedAtS float64 `json:"acked_at_s"`
}

type tell struct {
	No   string  `json:"no"`
	Chat int64   `json:"chat"`
	Kind string  `json:"kind"` // sent, already, saved
	AtS  float64 `json:"at_s"`
}

type filed struct {
	No   string `json:"no"`
	Chat int64  `json:"chat"`
	Tag  string `json:"tag"` // the unique part of the description
}

type approval struct {
	No    string `json:"no"`
	Chat  int64  `json:"chat"`
	Popup string `json:"popup"`
}

type pressRec struct {
	Chat    int64  `json:"chat"`
	Who     string `json:"who"` // supervisor, admin, supervisor-again
	Replica int    `json:"replica"`
	Popup   string `json:"popup"`
	Err     string `json:"error,omitempty"`
}

type pairRec struct {
	No      string     `json:"no"`
	ID      string     `json:"id"`
	Kind    string     `json:"kind"` // two-people, double-press
	Presses []pressRec `json:"presses"`
	SkewMS  float64    `json:"skew_ms"` // between the two webhook requests' starts
}

type killRec struct {
	AtS       float64 `json:"at_s"`
	Replica   int     `json:"replica"`
	RestartMS float64 `json:"restart_ms"`
	Err       string  `json:"error,omitempty"`
}

type recoveryRec struct {
	OutageAnswers        int64   `json:"outage_answers"`
	OutageAnswerMS       Summary `json:"outage_answer_ms"`
	OutageAnswersOver2s  int64   `json:"outage_answers_over_2s"`
	WebhookNot200        int64   `json:"webhook_not_200_in_window"`
	SentInWindow         int64   `json:"updates_sent_in_window"`
	SentInWindowAnswerMS Summary `json:"sent_in_window_answer_ms"`
	FirstNormalAfterUpMS float64 `json:"first_normal_answer_after_return_ms"`
	AffectedChats        int     `json:"affected_chats"`
	LastChatBackMS       float64 `json:"last_chat_back_after_return_ms"`
	NormalDuringOutage   int64   `json:"normal_answers_during_outage"`
}

type redisLeft struct {
	Inbox   int64   `json:"inbox_entries"`
	Outbox  int64   `json:"outbox_entries"`
	Ready   int64   `json:"ready_chats"`
	Leases  int64   `json:"leases"`
	WaitedS float64 `json:"waited_s"`
	Err     string  `json:"error,omitempty"`
}

func runFault(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFault(args, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "loadgen fault:", err)
		return 2
	}
	led, err := faultRun(cfg, stderr)
	if led != nil {
		path := cfg.ledger
		if path == "" {
			path = filepath.Join(cfg.work, "ledger.json")
		}
		b, _ := json.MarshalIndent(led, "", "  ")
		if werr := os.WriteFile(path, append(b, '\n'), 0o644); werr != nil {
			fmt.Fprintln(stderr, "loadgen fault:", werr)
			return 1
		}
		fmt.Fprintln(stdout, led.line())
	}
	if err != nil {
		fmt.Fprintln(stderr, "loadgen fault:", err)
		return 1
	}
	return 0
}

func (l *Ledger) line() string {
	u := l.Updates
	return fmt.Sprintf("%s: updates sent %d, acknowledged %d, answered %d (outage answers %d), unanswered %d, never acknowledged %d; "+
		"replays %d; reports told sent %d; kills %d; order violations %d; unexpected %d; redis left inbox %d outbox %d",
		l.Scenario, u.Sent, u.Acked, u.Answered, u.Outage, u.Unanswered, u.NeverAcked, u.Replays, len(uniqueTells(l.Tells)),
		len(l.Kills), l.OrderViolations, l.Unexpected, l.RedisLeft.Inbox, l.RedisLeft.Outbox)
}

func uniqueTells(ts []tell) map[string]bool {
	m := map[string]bool{}
	for _, t := range ts {
		m[fmt.Sprintf("%d/%s", t.Chat, t.No)] = true
	}
	return m
}

// faultRun sets everything up, runs the load with its fault, and returns the
// ledger (also when it fails part way, with the error).
func faultRun(cfg *faultConfig, stderr io.Writer) (*Ledger, error) {
	if cfg.work == "" {
		w, err := os.MkdirTemp("", "loadgen-fault-")
		if err != nil {
			return nil, err
		}
		cfg.work = w
	}
	dataDir := filepath.Join(cfg.work, "data")
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, err
	}
	photos, err := newPhotoPool(cfg.photoDir, cfg.photoPool)
	if err == nil {
		err = photos.prepare(cfg.photoPool)
	}
	if err != nil {
		return nil, fmt.Errorf("photos: %w", err)
	}
	sups, staff := people(cfg.users, cfg.perSup)
	var admins []person
	if cfg.admins {
		admins = adminsFor(sups)
	}
	unitsPath, rosterPath, err := writeFaultRoster(cfg.work, sups, staff, admins)
	if err != nil {
		return nil, err
	}

	g := &gen{cfg: &runConfig{bot: "kinerjabot", photoPool: cfg.photoPool, stepTimeout: cfg.answerTimeout},
		photos: photos, chats: map[int64]*chatState{}, rec: newRecorder(), decide: newRecorder(), stopped: make(chan struct{})}
	g.api = newAPIServer(g)
	f := newFaultGen(g, cfg)
	g.route, g.routeCallback = f.route, f.routeCallback
	apiLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("fake Bot API: %w", err)
	}
	apiSrv := &http.Server{Handler: g.api, ReadHeaderTimeout: 10 * time.Second}
	go apiSrv.Serve(apiLn)
	defer apiSrv.Close()
	apiURL := "http://" + apiLn.Addr().String()

	prefix := cfg.redisPrefix
	if prefix == "" {
		prefix = "fault:" + randomHex(4) + ":"
	}
	raddr, err := stateAddr(cfg.redisURL, dataDir)
	if err != nil {
		return nil, err
	}
	led := f.led
	led.Scenario, led.Replicas, led.DataDir, led.Redis, led.Prefix = cfg.scenario, cfg.replicas, dataDir, cfg.redisURL, prefix
	if cfg.redisURL == "" {
		led.Redis = "(embedded, DATA_DIR/conversation)"
	}
	led.StartedAt = time.Now().UTC()
	led.Params = cfg.params()

	path := "/tg/" + randomHex(8)
	secret := randomHex(16)
	f.secret = secret
	base := append(os.Environ(),
		"TELEGRAM_TOKEN="+fmt.Sprint(botID)+":FAULT-"+randomHex(8),
		"TELEGRAM_API_URL="+apiURL,
		"TELEGRAM_MODE=webhook",
		"TELEGRAM_WEBHOOK_URL=https://fault.invalid"+path,
		"TELEGRAM_WEBHOOK_SECRET="+secret,
		"REDIS_PREFIX="+prefix,
		"DATA_DIR="+dataDir,
		"LOG_LEVEL=info",
		"PLAYGROUND=off",
		"BOT_LANGUAGE=id",
		"DEFAULT_TIMEZONE=Asia/Makassar",
		"SURVEY_SECRET=bench-survey-secret-0123456789",
		"REMINDERS=off",
	)
	base = append(base, redisEnv(cfg.redisURL)...) // REDIS_URL empty: the embedded state
	base = append(base, cfg.botEnv...)
	for _, imp := range [][2]string{{"import-units", unitsPath}, {"import-roster", rosterPath}} {
		if err := runOnce(cfg.bin, []string{imp[0], imp[1]}, base, filepath.Join(cfg.work, imp[0]+".log")); err != nil {
			return nil, err
		}
	}
	for i := range cfg.replicas {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		r := &replica{idx: i, bin: cfg.bin, port: port, work: cfg.work,
			url: fmt.Sprintf("http://127.0.0.1:%d%s", port, path),
			env: append(append([]string(nil), base...), fmt.Sprintf("HTTP_ADDR=127.0.0.1:%d", port))}
		if err := r.start(60 * time.Second); err != nil {
			return nil, err
		}
		f.replicas = append(f.replicas, r)
	}
	defer func() {
		for _, r := range f.replicas {
			r.stop(20 * time.Second)
		}
	}()
	select {
	case <-g.api.ready:
	case <-time.After(60 * time.Second):
		return nil, errors.New("no setWebhook in 60s")
	}
	f.client = &http.Client{Transport: &http.Transport{
		MaxIdleConns: 1024, MaxIdleConnsPerHost: 512, IdleConnTimeout: time.Minute, DisableCompression: true,
	}}

	for _, p := range sups {
		led.People = append(led.People, ledgerPerson{Chat: p.id, NIP: p.nip, Role: "supervisor", Unit: p.unit})
	}
	for _, p := range admins {
		led.People = append(led.People, ledgerPerson{Chat: p.id, NIP: p.nip, Role: "admin", Unit: p.unit})
	}
	for _, p := range staff {
		led.People = append(led.People, ledgerPerson{Chat: p.id, NIP: p.nip, Role: "staff", Unit: p.unit})
	}
	supChats := map[int]*fchat{}
	adminChats := map[int]*fchat{}
	for _, p := range sups {
		supChats[p.unit] = f.addChat(p, "supervisor")
	}
	for _, p := range admins {
		adminChats[p.unit] = f.addChat(p, "admin")
	}
	var staffChats []*fchat
	for _, p := range staff {
		staffChats = append(staffChats, f.addChat(p, "staff"))
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Registration: supervisors first, so that they receive the prompts.
	register := func(cs []*fchat) error {
		var wg sync.WaitGroup
		var failed atomic.Int64
		for _, c := range cs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if !f.register(ctx, c) {
					failed.Add(1)
				}
			}()
		}
		wg.Wait()
		if n := failed.Load(); n > 0 {
			return fmt.Errorf("%d users could not register (samples: %v)", n, f.samples)
		}
		return nil
	}
	var first []*fchat
	for _, c := range supChats {
		first = append(first, c)
	}
	if err := register(first); err != nil {
		return led, err
	}
	var second []*fchat
	for _, c := range adminChats {
		second = append(second, c)
	}
	if err := register(append(second, staffChats...)); err != nil {
		return led, err
	}
	fmt.Fprintf(stderr, "loadgen fault %s: %d users registered; load starts\n", cfg.scenario, len(f.chats))

	// The load, and the fault beside it.
	f.t0 = time.Now()
	var users sync.WaitGroup
	for _, c := range staffChats {
		users.Add(1)
		go func() { defer users.Done(); f.staffLoop(ctx, c) }()
	}
	if cfg.pairs > 0 || cfg.doublePress > 0 {
		f.pairsLeft.Store(int64(cfg.pairs))
		f.doubleLeft.Store(int64(cfg.doublePress))
		for unit, s := range supChats {
			users.Add(1)
			go func() { defer users.Done(); f.pairLoop(ctx, s, adminChats[unit]) }()
		}
	} else {
		for _, s := range supChats {
			users.Add(1)
			go func() { defer users.Done(); f.supervisorLoop(ctx, s) }()
		}
	}
	var faults sync.WaitGroup
	if cfg.kills > 0 {
		faults.Add(1)
		go func() { defer faults.Done(); f.killLoop(ctx) }()
	}
	if cfg.outageCmd != "" {
		faults.Add(1)
		go func() {
			defer faults.Done()
			select {
			case <-time.After(cfg.outageAt):
			case <-ctx.Done():
				return
			}
			name := cfg.outageName
			if name == "" {
				name = "outage"
			}
			rec := runOutage(ctx, name, cfg.outageCmd, cfg.outageFor, map[string]string{"data": dataDir})
			f.mu.Lock()
			led.Outage = rec
			f.mu.Unlock()
			fmt.Fprintf(stderr, "loadgen fault %s: %s down %.1fs (%s)\n", cfg.scenario, name, rec.DownForS, rec.Err)
		}()
	}
	faultsDone := make(chan struct{})
	go func() { faults.Wait(); close(faultsDone) }()
	loadEnd := time.After(cfg.duration)
	pairTarget := int64(cfg.pairs + cfg.doublePress)
	tick := time.NewTicker(200 * time.Millisecond)
	for waiting := true; waiting; {
		select {
		case <-tick.C:
			if pairTarget > 0 && f.pairsDone.Load() >= pairTarget {
				<-faultsDone
				waiting = false
			}
		case <-loadEnd:
			<-faultsDone
			waiting = false
		}
	}
	tick.Stop()
	led.LoadS = time.Since(f.t0).Seconds()
	f.stopping.Store(true)
	close(f.stopped)
	fmt.Fprintf(stderr, "loadgen fault %s: load over after %.0fs; waiting for the steps in flight\n", cfg.scenario, led.LoadS)

	usersOut := make(chan struct{})
	go func() { users.Wait(); close(usersOut) }()
	select {
	case <-usersOut:
	case <-time.After(cfg.answerTimeout + cfg.redeliverFor + 30*time.Second):
		led.Errors = append(led.Errors, "virtual users still busy after the wait; interrupted")
		cancel()
		<-usersOut
	}
	f.replayWG.Wait()

	// What is left in Redis once everything settled: an update accepted and
	// never handled stays in its chat's inbox.
	led.RedisLeft = f.redisLeftovers(raddr, prefix, 45*time.Second)
	time.Sleep(500 * time.Millisecond)
	for _, r := range f.replicas {
		r.stop(20 * time.Second)
	}
	for _, r := range f.replicas {
		r.mu.Lock()
		led.BotStarts += r.starts
		r.mu.Unlock()
	}
	f.finish()
	led.TotalS = time.Since(f.t0).Seconds()
	return led, nil
}

func (c *faultConfig) params() map[string]string {
	p := map[string]string{
		"users": fmt.Sprint(c.users), "per_supervisor": fmt.Sprint(c.perSup), "replicas": fmt.Sprint(c.replicas),
		"duration": c.duration.String(), "answer_timeout": c.answerTimeout.String(), "redeliver_gap": c.redeliverGap.String(),
		"retry_pause": c.retryPause.String(),
	}
	if c.replay > 0 {
		p["replay"] = fmt.Sprint(c.replay)
		p["replay_max"] = fmt.Sprint(c.replayMax)
		p["replay_delay"] = c.replayDelay.String()
	}
	if c.kills > 0 {
		p["kills"] = fmt.Sprint(c.kills)
		p["kill_every"] = c.killMin.String() + "–" + c.killMax.String()
	}
	if c.outageCmd != "" {
		p["outage"] = c.outageName
		p["outage_at"] = c.outageAt.String()
		p["outage_for"] = c.outageFor.String()
	}
	if c.pairs > 0 || c.doublePress > 0 {
		p["pairs"] = fmt.Sprint(c.pairs)
		p["double_press"] = fmt.Sprint(c.doublePress)
	}
	if c.pipeline {
		p["pipeline"] = "true"
	}
	if c.admins {
		p["admins"] = "true"
	}
	return p
}

// adminsFor is one admin per unit: on the roster with role admin, reporting
// to the unit's head, filing no reports.
func adminsFor(sups []person) []person {
	var out []person
	for j, s := range sups {
		out = append(out, person{
			id: adminIDBase + int64(j), nip: nipFor(5_000+j, "200801"), name: fmt.Sprintf("Admin Bench %02d", j+1),
			phone: fmt.Sprintf("0814%08d", j+1), unit: s.unit, supNIP: s.nip,
		})
	}
	return out
}

const adminIDBase = 800_000

func writeFaultRoster(dir string, sups, staff, admins []person) (units, roster string, err error) {
	units, roster, err = writeRoster(dir, sups, staff)
	if err != nil || len(admins) == 0 {
		return
	}
	var b strings.Builder
	b.WriteString(rosterCSV(sups, staff))
	for _, a := range admins {
		fmt.Fprintf(&b, "%s,%s,%s,%s,Admin Kepegawaian,%s,%s,admin\n", a.nip, a.name, unitCode(a.unit), unitName(a.unit), a.supNIP, a.phone)
	}
	err = os.WriteFile(roster, []byte(b.String()), 0o644)
	return
}

// stateAddr finds the bots' Redis: the URL's, or, with none, the bot's
// embedded server, whose address its lock file in DATA_DIR names (read
// anew each time: a restarted bot listens elsewhere).
func stateAddr(redisURL, dataDir string) (func() (redisAddr, error), error) {
	if redisURL == "" {
		return func() (redisAddr, error) {
			host, err := memredis.HolderAddr(filepath.Join(dataDir, "conversation"))
			return redisAddr{host: host}, err
		}, nil
	}
	if master, addrs, ok := parseSentinelURL(redisURL); ok {
		return func() (redisAddr, error) { return sentinelMaster(master, addrs) }, nil
	}
	a, err := parseRedisURL(redisURL)
	if err != nil {
		return nil, err
	}
	return func() (redisAddr, error) { return a, nil }, nil
}

// redisLeftovers waits (up to limit) until no chat has an update in its
// inbox or a reply in its outbox, and reports what is left.
func (f *fgen) redisLeftovers(addr func() (redisAddr, error), prefix string, limit time.Duration) redisLeft {
	start := time.Now()
	var left redisLeft
	for {
		left = redisLeft{}
		a, err := addr()
		var rc *respConn
		if err == nil {
			rc, err = dialRedis(a)
		}
		if err == nil {
			left, err = countLeft(rc, prefix)
			rc.Close()
		}
		if err != nil {
			left.Err = err.Error()
		}
		left.WaitedS = time.Since(start).Seconds()
		if err == nil && left.Inbox == 0 && left.Outbox == 0 || time.Since(start) > limit {
			return left
		}
		time.Sleep(time.Second)
	}
}

func countLeft(rc *respConn, prefix string) (redisLeft, error) {
	var left redisLeft
	count := func(pattern string, each func(key string) error) error {
		cursor := "0"
		for {
			v, err := rc.do("SCAN", cursor, "MATCH", prefix+pattern, "COUNT", "1000")
			if err != nil {
				return err
			}
			arr, _ := v.([]any)
			if len(arr) != 2 {
				return errors.New("SCAN: unexpected reply")
			}
			cursor, _ = arr[0].(string)
			keys, _ := arr[1].([]any)
			for _, k := range keys {
				s, _ := k.(string)
				if err := each(s); err != nil {
					return err
				}
			}
			if cursor == "0" {
				return nil
			}
		}
	}
	llen := func(sum *int64) func(string) error {
		return func(k string) error {
			v, err := rc.do("LLEN", k)
			if n, ok := v.(int64); ok {
				*sum += n
			}
			return err
		}
	}
	if err := count("inbox:*", llen(&left.Inbox)); err != nil {
		return left, err
	}
	if err := count("outbox:*", llen(&left.Outbox)); err != nil {
		return left, err
	}
	if err := count("lease:*", func(string) error { left.Leases++; return nil }); err != nil {
		return left, err
	}
	// The ready set is split in shards (ready:{s07}, package conversation).
	err := count("ready:*", func(k string) error {
		v, err := rc.do("ZCARD", k)
		if n, ok := v.(int64); ok {
			left.Ready += n
		}
		return err
	})
	return left, err
}

// finish fills the ledger's computed parts.
func (f *fgen) finish() {
	led := f.led
	f.mu.Lock()
	defer f.mu.Unlock()
	led.ByStep = map[string]stepTotals{}
	names := make([]string, 0, len(f.steps))
	for n := range f.steps {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t := f.steps[n].totals()
		led.ByStep[n] = t
		led.Updates = led.Updates.add(t)
	}
	led.LatencyMS, led.ByStepMS = f.lat.summaries()
	led.Unexpected, led.Resent, led.CallbackTwice = f.unexpected.Load(), f.resent.Load(), f.cbTwice.Load()
	led.UnknownChat = f.unknownChat.Load()
	led.Samples = f.samples
	led.PersonRetries = f.personRetries.Load()
	led.Bursts, led.OrderViolations = f.bursts.Load(), f.orderViolations.Load()
	led.PairsMissing = f.pairsMissing.Load()
	// Messages still unread once the steps ended arrived after their step.
	for _, c := range f.chats {
		for drained := false; !drained; {
			select {
			case ev := <-c.events:
				if isSendMethod(ev.method) {
					led.Late++
					f.sampleLocked(fmt.Sprintf("late, chat %d: %q", c.p.id, truncate(ev.text, 120)))
				}
			default:
				drained = true
			}
		}
	}
	led.Samples = f.samples
	// Report flows that were under way while a bot was killed.
	for _, fl := range f.flows {
		led.Flows++
		if fl.done {
			led.FlowsCompleted++
		}
		for _, k := range led.Kills {
			at := f.t0.Add(time.Duration(k.AtS * float64(time.Second)))
			if at.After(fl.start) && (fl.end.IsZero() || at.Before(fl.end)) {
				led.FlowsAcrossKill++
				if fl.done {
					led.FlowsAcrossKillCompleted++
				}
				break
			}
		}
	}
	if o := led.Outage; o != nil && !o.DownAt.IsZero() && !o.UpAt.IsZero() {
		led.Recovery = f.recovery(o.DownAt, o.UpAt)
	}
}

// recovery measures an outage from the answers: the outage answers (time
// from the person's message to "sedang gangguan"), the first normal answer
// after the dependency returned, and when the last chat that the outage hit
// had a normal answer again.
func (f *fgen) recovery(down, up time.Time) *recoveryRec {
	r := &recoveryRec{FirstNormalAfterUpMS: -1, LastChatBackMS: -1}
	var outage, inWindow []time.Duration
	affected := map[int64]bool{}
	first := time.Time{}
	for _, a := range f.answers {
		switch {
		case a.kind == ansOutage:
			outage = append(outage, a.at.Sub(a.sent))
			if a.at.Sub(a.sent) > 2*time.Second {
				r.OutageAnswersOver2s++
			}
			affected[a.chat] = true
		case a.kind == ansExpected && !a.at.Before(up):
			if first.IsZero() || a.at.Before(first) {
				first = a.at
			}
		case a.kind == ansExpected && a.at.After(down):
			r.NormalDuringOutage++
		}
		if !a.sent.Before(down) && a.sent.Before(up) {
			r.SentInWindow++
			inWindow = append(inWindow, a.at.Sub(a.sent))
		}
		if a.sent.Before(up) && a.at.After(down) && a.kind == ansExpected && !a.at.Before(up) {
			affected[a.chat] = true // waited across the return
		}
	}
	for _, b := range f.badPosts {
		if !b.at.Before(down) && b.at.Before(up.Add(time.Second)) {
			r.WebhookNot200++
			affected[b.chat] = true
		}
	}
	r.OutageAnswers = int64(len(outage))
	r.OutageAnswerMS = summarize(outage)
	r.SentInWindowAnswerMS = summarize(inWindow)
	if !first.IsZero() {
		r.FirstNormalAfterUpMS = ms(first.Sub(up))
	}
	r.AffectedChats = len(affected)
	var last time.Duration
	for chat := range affected {
		back := time.Time{}
		for _, a := range f.answers {
			if a.chat == chat && a.kind == ansExpected && !a.at.Before(up) && (back.IsZero() || a.at.Before(back)) {
				back = a.at
			}
		}
		if back.IsZero() {
			last = -1
			break
		}
		last = max(last, back.Sub(up))
	}
	if last >= 0 && len(affected) > 0 {
		r.LastChatBackMS = ms(last)
	}
	return r
}
