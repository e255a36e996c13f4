package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"
)

// The whatsapp scenario: the bot (bench/wabot, kinerjabot built by package
// app with a WhatsApp client of waServer's) is SIGKILLed while people write
// to it, and its Redis is restarted once. waServer is WhatsApp as the bot
// sees it, in this process so that it outlives the bot: it delivers each
// person's messages, keeps those not receipted for the next connect, and
// records every message the bot sends (dropping a second one with an id
// already sent to that chat, as WhatsApp does).
//
// Each person sends a text, waits for the bot's answer (up to 60 s), pauses
// and sends the next, so every message the bot sends a person answers that
// person's one outstanding message. A message is lost when it was receipted
// and never answered; duplicated when the person saw two answers to it (two
// messages with different ids; one sent again under the same id is dropped
// by WhatsApp and counted apart).

// waMsg is a person's message and what became of it.
type waMsg struct {
	ID         string    `json:"id"`
	From       string    `json:"from"`
	Text       string    `json:"text"`
	At         time.Time `json:"at"`
	Deliveries int       `json:"deliveries"`
	Receipted  bool      `json:"receipted"`
	Answers    []string  `json:"answers"` // ids of the distinct bot messages answering it
}

// waSent is a message from the bot.
type waSent struct {
	To, ID, Text string
	At           time.Time
	About        string // the person's outstanding message then ("" none)
}

type waServer struct {
	mu          sync.Mutex
	changed     chan struct{}
	session     int
	connected   bool
	live        []string // ids sent during the session, to poll
	msgs        map[string]*waMsg
	order       []string
	outstanding map[string]string // person → message id
	sent        []waSent
	seen        map[string]bool // to/id of bot messages
	sameID      int             // bot messages dropped as sent before under their id
	stray       []waSent        // answers with no outstanding message
	connects    int
	seq         int
}

func newWAServer() *waServer {
	return &waServer{changed: make(chan struct{}), msgs: map[string]*waMsg{}, outstanding: map[string]string{}, seen: map[string]bool{}}
}

func (w *waServer) wake() { close(w.changed); w.changed = make(chan struct{}) }

type waWire struct {
	ID   string    `json:"id"`
	From string    `json:"from"`
	Text string    `json:"text"`
	At   time.Time `json:"at"`
}

func (m *waMsg) wire() waWire { return waWire{ID: m.ID, From: m.From, Text: m.Text, At: m.At} }

func (w *waServer) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	reply := func(v any) {
		rw.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(rw).Encode(v)
	}
	session := r.URL.Query().Get("session")
	switch r.URL.Path {
	case "/connect":
		w.mu.Lock()
		w.session++
		w.connects++
		w.connected, w.live = true, nil
		off := []waWire{}
		for _, id := range w.order {
			if m := w.msgs[id]; !m.Receipted {
				m.Deliveries++
				off = append(off, m.wire())
			}
		}
		s := w.session
		w.wake()
		w.mu.Unlock()
		reply(map[string]any{"session": fmt.Sprint(s), "offline": off})
	case "/poll":
		deadline := time.NewTimer(2 * time.Second)
		defer deadline.Stop()
		for {
			w.mu.Lock()
			if session != fmt.Sprint(w.session) {
				w.mu.Unlock()
				http.Error(rw, "old session", http.StatusGone)
				return
			}
			if len(w.live) > 0 {
				out := make([]waWire, 0, len(w.live))
				for _, id := range w.live {
					w.msgs[id].Deliveries++
					out = append(out, w.msgs[id].wire())
				}
				w.live = nil
				w.mu.Unlock()
				reply(out)
				return
			}
			ch := w.changed
			w.mu.Unlock()
			select {
			case <-ch:
			case <-deadline.C:
				reply([]waWire{})
				return
			case <-r.Context().Done():
				return
			}
		}
	case "/receipt":
		var in struct{ ID string }
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			http.Error(rw, err.Error(), http.StatusBadRequest)
			return
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		if session != fmt.Sprint(w.session) { // that socket is gone: the receipt never arrives
			http.Error(rw, "old session", http.StatusGone)
			return
		}
		if m := w.msgs[in.ID]; m != nil {
			m.Receipted = true
		}
		w.wake()
	case "/send":
		var in struct{ To, ID, Text string }
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			http.Error(rw, err.Error(), http.StatusBadRequest)
			return
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.seen[in.To+"/"+in.ID] {
			w.sameID++
			return
		}
		w.seen[in.To+"/"+in.ID] = true
		s := waSent{To: in.To, ID: in.ID, Text: in.Text, At: time.Now(), About: w.outstanding[in.To]}
		w.sent = append(w.sent, s)
		if m := w.msgs[s.About]; m != nil {
			m.Answers = append(m.Answers, s.ID)
		} else {
			w.stray = append(w.stray, s)
		}
		w.wake()
	default:
		http.NotFound(rw, r)
	}
}

// send is a person's new message; it returns its id.
func (w *waServer) send(from, text string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.seq++
	id := fmt.Sprintf("3EB0FA%010X", w.seq)
	w.msgs[id] = &waMsg{ID: id, From: from, Text: text, At: time.Now()}
	w.order = append(w.order, id)
	w.outstanding[from] = id
	w.live = append(w.live, id)
	w.wake()
	return id
}

// wait waits until cond (called with w.mu held) or timeout.
func (w *waServer) wait(timeout time.Duration, cond func() bool) bool {
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		w.mu.Lock()
		ok, ch := cond(), w.changed
		w.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-t.C:
			return false
		}
	}
}

// settled: every message receipted and answered.
func (w *waServer) settled() bool {
	for _, m := range w.msgs {
		if !m.Receipted || len(m.Answers) == 0 {
			return false
		}
	}
	return true
}

// WACheck is the whatsapp scenario's figures.
type WACheck struct {
	People, Messages, Deliveries, Redelivered, Receipted, NotReceipted int
	Answered, Lost, Duplicated, Stray, SameIDDropped                   int
	Connects, Kills, RedisRestarts                                     int
	// At the kills: messages receipted whose answer was not yet sent (the
	// restarted bot owes them one), and messages delivered but not
	// receipted (WhatsApp delivers them again).
	ReceiptedUnansweredAtKills, DeliveredUnreceiptedAtKills int
}

// waConf is the scenario's size.
type waConf struct {
	people, kills int
}

func (s *suite) runWhatsApp(dir, redisURL string, r *result) {
	conf := waConf{people: 10, kills: 20}
	if s.quick {
		conf.kills = 6
	}
	r.Command = fmt.Sprintf("faults run -scenario whatsapp (bench/wabot; %d people, %d SIGKILLs every 2–6 s, Redis restarted once for 5 s)", conf.people, conf.kills)
	w := newWAServer()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		r.Err = err.Error()
		return
	}
	srv := &http.Server{Handler: w}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	port, err := freeTCPPort()
	if err != nil {
		r.Err = err.Error()
		return
	}
	env := append(os.Environ(),
		"TELEGRAM_TOKEN=", "WHATSAPP_ENABLED=true", "WAFAKE_URL=http://"+ln.Addr().String(),
		"REDIS_URL="+redisURL, "REDIS_PREFIX=fault-wa:", "DATA_DIR="+filepath.Join(dir, "data"),
		fmt.Sprintf("HTTP_ADDR=127.0.0.1:%d", port), "LOG_LEVEL=info", "PLAYGROUND=off",
		"BOT_LANGUAGE=id", "DEFAULT_TIMEZONE=Asia/Makassar", "REMINDERS=off",
		"SURVEY_SECRET=bench-survey-secret-0123456789")
	bin := filepath.Join(s.work, "wabot")
	var mu sync.Mutex
	var bot *exec.Cmd
	var exited chan struct{}
	starts := 0
	start := func() error {
		mu.Lock()
		prev := exited
		mu.Unlock()
		if prev != nil {
			<-prev // the killed process is gone
		}
		logf, err := os.OpenFile(filepath.Join(dir, "bot.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		cmd := exec.Command(bin)
		cmd.Env, cmd.Stdout, cmd.Stderr = env, logf, logf
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		if err := cmd.Start(); err != nil {
			logf.Close()
			return err
		}
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); logf.Close(); close(done) }()
		mu.Lock()
		bot, exited = cmd, done
		starts++
		mu.Unlock()
		return nil
	}
	if err := start(); err != nil {
		r.Err = err.Error()
		return
	}
	c := &WACheck{People: conf.people}
	if !w.wait(60*time.Second, func() bool { return w.connects > 0 }) {
		r.Err = "the bot never connected (see bot.log)"
		mu.Lock()
		_ = bot.Process.Kill()
		mu.Unlock()
		return
	}

	// People.
	ctx, stopPeople := context.WithCancel(context.Background())
	var people sync.WaitGroup
	for p := range conf.people {
		people.Add(1)
		go func() {
			defer people.Done()
			phone := fmt.Sprintf("+62812700%05d", p)
			for k := 1; ctx.Err() == nil; k++ {
				id := w.send(phone, fmt.Sprintf("halo, ini pesan nomor %d dari orang %d", k, p))
				w.wait(60*time.Second, func() bool { return len(w.msgs[id].Answers) > 0 })
				time.Sleep(time.Duration(100+rand.IntN(400)) * time.Millisecond)
			}
		}()
	}

	// Faults: kills every 2–6 s, the Redis restart half way.
	var errs []string
	for k := 1; k <= conf.kills; k++ {
		time.Sleep(time.Duration(2000+rand.IntN(4000)) * time.Millisecond)
		if k == conf.kills/2 && redisURL != "" {
			// The bot keeps running: messages it cannot put in Redis
			// meanwhile are not receipted, and come again at a connect.
			say("whatsapp: Redis down for 5 s")
			if err := stopRedis(s.redisPort); err != nil {
				errs = append(errs, "redis down: "+err.Error())
			}
			time.Sleep(5 * time.Second)
			if err := startRedis(s.redisPort, filepath.Join(dir, "redis")); err != nil {
				errs = append(errs, "redis up: "+err.Error())
			}
			c.RedisRestarts++
			time.Sleep(time.Duration(1000+rand.IntN(2000)) * time.Millisecond)
		}
		mu.Lock()
		_ = bot.Process.Signal(syscall.SIGKILL)
		mu.Unlock()
		c.Kills++
		w.mu.Lock()
		for _, m := range w.msgs {
			switch {
			case m.Receipted && len(m.Answers) == 0:
				c.ReceiptedUnansweredAtKills++
			case !m.Receipted && m.Deliveries > 0:
				c.DeliveredUnreceiptedAtKills++
			}
		}
		w.mu.Unlock()
		if err := start(); err != nil {
			errs = append(errs, "restart: "+err.Error())
			break
		}
	}
	stopPeople()
	people.Wait()
	if !w.wait(90*time.Second, w.settled) {
		say("whatsapp: not every message receipted and answered 90 s after the last kill")
	}
	time.Sleep(3 * time.Second) // late duplicates
	mu.Lock()
	_ = bot.Process.Signal(syscall.SIGTERM)
	done := exited
	mu.Unlock()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = bot.Process.Kill()
	}

	w.mu.Lock()
	defer w.mu.Unlock()
	ck := &Check{}
	fail := func(format string, a ...any) { ck.Failures = append(ck.Failures, fmt.Sprintf(format, a...)) }
	c.Connects, c.SameIDDropped, c.Stray = w.connects, w.sameID, len(w.stray)
	ids := append([]string(nil), w.order...)
	sort.Strings(ids)
	var lost, dup, unrec []string
	for _, id := range ids {
		m := w.msgs[id]
		c.Messages++
		c.Deliveries += m.Deliveries
		if m.Deliveries > 1 {
			c.Redelivered++
		}
		if m.Receipted {
			c.Receipted++
		} else {
			c.NotReceipted++
			unrec = append(unrec, id)
		}
		if len(m.Answers) > 0 {
			c.Answered++
		}
		if m.Receipted && len(m.Answers) == 0 {
			c.Lost++
			lost = append(lost, id)
		}
		if len(m.Answers) > 1 {
			c.Duplicated++
			dup = append(dup, fmt.Sprintf("%s (%d answers)", id, len(m.Answers)))
		}
	}
	if c.Lost > 0 {
		fail("%d receipted messages never answered: %s", c.Lost, few(lost))
	}
	if c.Duplicated > 0 {
		fail("%d messages answered more than once (different message ids): %s", c.Duplicated, few(dup))
	}
	if c.NotReceipted > 0 {
		fail("%d messages never receipted by the end: %s", c.NotReceipted, few(unrec))
	}
	if c.Stray > 0 {
		fail("%d bot messages answering no outstanding message (first: %q to %s)", c.Stray, w.stray[0].Text, w.stray[0].To)
	}
	for _, e := range errs {
		fail("run: %s", e)
	}
	if c.SameIDDropped > 0 {
		ck.Notes = append(ck.Notes, fmt.Sprintf("%d bot messages sent again under an id already sent (dropped by WhatsApp: not seen twice)", c.SameIDDropped))
	}
	ck.Sent, ck.Deliveries, ck.Acknowledged, ck.Answered = int64(c.Messages), int64(c.Deliveries), int64(c.Receipted), int64(c.Answered)
	ck.Unanswered = int64(c.Lost)
	ck.WhatsApp = c
	ck.Pass = len(ck.Failures) == 0
	r.Check = ck
	say("whatsapp: %d starts; %+v", starts, *c)
	if b, err := json.MarshalIndent(map[string]any{"messages": w.msgs, "sent": w.sent, "stray": w.stray}, "", " "); err == nil {
		_ = os.WriteFile(filepath.Join(dir, "whatsapp-ledger.json"), b, 0o644)
	}
}

func freeTCPPort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
