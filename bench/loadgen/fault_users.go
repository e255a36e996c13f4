package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The virtual people of a fault run. Each sends one update at a time and
// waits for its answer; Telegram's part (delivering an update again until
// the webhook answers 200) is deliverUntilAcked.

const (
	wantOutage = "sedang gangguan" // handlers: Outage and KeptOnOutage
	// wantQueued marks the outage answer to a message not taken in yet
	// (Redis out): it will be handled when the bot is back, so a person
	// waits for the answer instead of sending it again.
	wantQueued    = "tidak perlu mengirim ulang"
	wantCancelled = "Dibatalkan"
	wantNothing   = "Tidak ada yang sedang berjalan"
	wantList      = "Laporan menunggu persetujuan"
	wantListNone  = "Tidak ada laporan yang menunggu"
	wantAlready   = "sudah terkirim"
	nextPageLabel = "Berikutnya"
	popupApproved = "✅ Disetujui"
)

// tellRe finds what a person is told of a report: sent to the supervisor,
// already sent (a repeated «Kirim»), or saved without a supervisor.
var tellRe = regexp.MustCompile(`Laporan No\. ([0-9A-Za-z]+) (terkirim ke atasan|sudah terkirim|tersimpan)`)

// listItemRe reads one report of an approval list: "3. Name — No. X".
var listItemRe = regexp.MustCompile(`(?m)^(\d+)\. .* — No\. ([0-9A-Za-z]+)$`)

var (
	errNotAcked   = errors.New("never acknowledged")
	errUnanswered = errors.New("acknowledged, not answered")
	errWrong      = errors.New("answered with something else")
	errGaveUp     = errors.New("outage answers for too long")
)

type ansKind int

const (
	ansNone ansKind = iota
	ansExpected
	ansOutage
)

// fev is something the bot did in a chat; cb is the callback query id of an
// answerCallbackQuery; repeat marks a message identical to one of the
// chat's last few (a reply sent again).
type fev struct {
	event
	cb     string
	repeat bool
}

type fchat struct {
	p       person
	role    string
	events  chan fev
	prompts chan event // supervisors' approval prompts

	mu     sync.Mutex
	recent []string
}

type answerRec struct {
	chat     int64
	sent, at time.Time
	kind     ansKind
}

type badPost struct {
	chat int64
	at   time.Time
}

type flowRec struct {
	start, end time.Time
	done       bool
}

type fgen struct {
	g        *gen
	cfg      *faultConfig
	led      *Ledger
	chats    map[int64]*fchat
	replicas []*replica
	client   *http.Client
	secret   string

	t0       time.Time
	stopping atomic.Bool
	stopped  chan struct{}

	cbChat   sync.Map // callback query id -> *fchat
	cbSeen   sync.Map // callback query id -> struct{} (answered once)
	replayWG sync.WaitGroup

	lat *recorder

	unexpected, resent, cbTwice, unknownChat, personRetries atomic.Int64
	bursts, orderViolations                                 atomic.Int64
	pairsLeft, doubleLeft, pairsDone, pairsMissing, told    atomic.Int64

	mu       sync.Mutex
	steps    map[string]*stepCounts
	answers  []answerRec
	badPosts []badPost
	flows    []*flowRec
	samples  []string
}

func newFaultGen(g *gen, cfg *faultConfig) *fgen {
	return &fgen{g: g, cfg: cfg, chats: map[int64]*fchat{}, stopped: make(chan struct{}), lat: newRecorder(),
		steps: map[string]*stepCounts{},
		led:   &Ledger{Prompts: map[string]int{}, Notes: map[string]int{}, WebhookBad: map[string]int64{}}}
}

func (f *fgen) addChat(p person, role string) *fchat {
	c := &fchat{p: p, role: role, events: make(chan fev, 1024)}
	if role == "supervisor" {
		c.prompts = make(chan event, 16384)
	}
	f.chats[p.id] = c
	return c
}

func (f *fgen) counts(step string) *stepCounts {
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.steps[step]
	if !ok {
		s = &stepCounts{}
		f.steps[step] = s
	}
	return s
}

func (f *fgen) since() float64 {
	if f.t0.IsZero() {
		return 0
	}
	return time.Since(f.t0).Seconds()
}

func (f *fgen) sample(s string) {
	f.mu.Lock()
	f.sampleLocked(s)
	f.mu.Unlock()
}

func (f *fgen) sampleLocked(s string) {
	if len(f.samples) < 40 {
		f.samples = append(f.samples, fmt.Sprintf("%.1fs %s", f.since(), s))
	}
}

func isSendMethod(m string) bool { return m == "sendmessage" || m == "sendphoto" }

// route receives what the bot sent to a chat (see gen.deliver): approval
// prompts go to the supervisor's queue, owners' notes are counted, what a
// person is told of a report is recorded, and everything goes to the
// chat's events.
func (f *fgen) route(chatID int64, ev event) {
	c, ok := f.chats[chatID]
	if !ok {
		f.unknownChat.Add(1)
		return
	}
	send := isSendMethod(ev.method)
	if send && c.role == "supervisor" {
		if _, ok := ev.button(approveLabel); ok {
			if m := reportNoRe.FindStringSubmatch(ev.text); m != nil {
				f.mu.Lock()
				f.led.Prompts[m[1]]++
				f.mu.Unlock()
			}
			select {
			case c.prompts <- ev:
			default:
				f.sample(fmt.Sprintf("prompt dropped, chat %d", chatID))
			}
			return
		}
	}
	if send && c.role == "staff" {
		if m := noteRe.FindStringSubmatch(ev.text); m != nil {
			f.mu.Lock()
			f.led.Notes[m[1]]++
			f.mu.Unlock()
			return
		}
		if m := tellRe.FindStringSubmatch(ev.text); m != nil {
			kind := map[string]string{"terkirim ke atasan": "sent", "sudah terkirim": "already", "tersimpan": "saved"}[m[2]]
			f.mu.Lock()
			f.led.Tells = append(f.led.Tells, tell{No: m[1], Chat: chatID, Kind: kind, AtS: f.since()})
			f.mu.Unlock()
		}
	}
	fe := fev{event: ev}
	if send {
		c.mu.Lock()
		for _, t := range c.recent {
			if t == ev.text {
				fe.repeat = true
			}
		}
		c.recent = append(c.recent, ev.text)
		if len(c.recent) > 4 {
			c.recent = c.recent[1:]
		}
		c.mu.Unlock()
	}
	select {
	case c.events <- fe:
	default:
		f.sample(fmt.Sprintf("event dropped, chat %d", chatID))
	}
}

// routeCallback receives an answerCallbackQuery.
func (f *fgen) routeCallback(id, text string, at time.Time) {
	v, ok := f.cbChat.Load(id)
	if !ok {
		f.unknownChat.Add(1)
		return
	}
	if _, twice := f.cbSeen.LoadOrStore(id, struct{}{}); twice {
		f.cbTwice.Add(1)
	}
	c := v.(*fchat)
	select {
	case c.events <- fev{event: event{method: "answercallbackquery", text: text, at: at}, cb: id}:
	default:
		f.sample(fmt.Sprintf("callback answer dropped, chat %d", c.p.id))
	}
}

// Updates.

func (f *fgen) text(c *fchat, s string) func() (update, string) {
	return func() (update, string) { return f.g.textUpdate(&chatState{p: c.p}, s), "" }
}

func (f *fgen) photo(c *fchat, fileID string) func() (update, string) {
	return func() (update, string) {
		m := f.g.message(&chatState{p: c.p})
		m.Photo = f.g.photos.sizes(fileID)
		return update{UpdateID: f.g.updSeq.Add(1), Message: m}, ""
	}
}

func (f *fgen) contact(c *fchat) func() (update, string) {
	return func() (update, string) { return f.g.contactUpdate(&chatState{p: c.p}), "" }
}

// press is a callback query from a button of message msgID.
func (f *fgen) press(c *fchat, msgID int, data string) func() (update, string) {
	return func() (update, string) {
		id := "fcb" + strconv.FormatInt(f.g.cbSeq.Add(1), 10)
		f.cbChat.Store(id, c)
		return update{UpdateID: f.g.updSeq.Add(1), CallbackQuery: &callbackQuery{
			ID: id, From: user{ID: c.p.id, FirstName: c.p.name, LanguageCode: "id"}, ChatInstance: "ci" + strconv.FormatInt(c.p.id, 10), Data: data,
			Message: &message{MessageID: msgID, From: &user{ID: botID, IsBot: true, FirstName: "Kinerja Bench", Username: botUsername},
				Date: time.Now().Unix(), Chat: chatObj{ID: c.p.id, Type: "private", FirstName: c.p.name}},
		}}, id
	}
}

// Delivery, as Telegram does it.

func (f *fgen) pick(prefer int) *replica {
	if prefer >= 0 && prefer < len(f.replicas) {
		return f.replicas[prefer]
	}
	return f.replicas[rand.IntN(len(f.replicas))]
}

// post sends one webhook request; it returns the status (0 for a transport
// error).
func (f *fgen) post(ctx context.Context, r *replica, body []byte) int {
	ctx, cancel := context.WithTimeout(ctx, f.cfg.postTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.url, bytes.NewReader(body))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", f.secret)
	resp, err := f.client.Do(req)
	if err != nil {
		return 0
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func (f *fgen) bad(chat int64, code int) {
	key := "transport"
	if code != 0 {
		key = strconv.Itoa(code)
	}
	f.mu.Lock()
	f.led.WebhookBad[key]++
	f.badPosts = append(f.badPosts, badPost{chat: chat, at: time.Now()})
	f.mu.Unlock()
}

// deliverUntilAcked posts the update until a webhook request is answered
// 200, waiting 250ms, 500ms, … up to -redeliver-gap between tries, for at
// most -redeliver-for. The first request goes to replica prefer (-1: any).
func (f *fgen) deliverUntilAcked(ctx context.Context, chat int64, body []byte, sc *stepCounts, prefer int) bool {
	start := time.Now()
	gap := 250 * time.Millisecond
	for n := 0; ; n++ {
		if n > 0 {
			prefer = -1
			sc.redeliveries.Add(1)
		}
		sc.deliveries.Add(1)
		code := f.post(ctx, f.pick(prefer), body)
		if code == http.StatusOK {
			return true
		}
		if ctx.Err() != nil {
			return false
		}
		f.bad(chat, code)
		if time.Since(start) > f.cfg.redeliverFor {
			return false
		}
		select {
		case <-time.After(gap):
		case <-ctx.Done():
			return false
		}
		gap = min(2*gap, f.cfg.redeliverGap)
	}
}

// maybeReplay delivers an acknowledged update again, once or twice, half
// of the times at once and half after a random delay.
func (f *fgen) maybeReplay(body []byte, sc *stepCounts) {
	if f.cfg.replay <= 0 || rand.Float64() >= f.cfg.replay {
		return
	}
	n := 1 + rand.IntN(f.cfg.replayMax)
	for range n {
		var delay time.Duration
		if rand.IntN(2) == 1 && f.cfg.replayDelay > 0 {
			delay = time.Duration(rand.Int64N(int64(f.cfg.replayDelay)))
		}
		f.replayWG.Add(1)
		go func() {
			defer f.replayWG.Done()
			time.Sleep(delay)
			sc.replays.Add(1)
			if f.post(context.Background(), f.pick(-1), body) == http.StatusOK {
				sc.replaysAcked.Add(1)
			}
		}()
	}
}

// drainStray empties the chat's events before a new update: what is there
// arrived after the last step ended.
func (f *fgen) drainStray(c *fchat) {
	for {
		select {
		case ev := <-c.events:
			f.other(c, "between steps", ev)
		default:
			return
		}
	}
}

// other classifies a message that is not the answer awaited: a repeat of a
// recent message (replies are sent at least once) or unexpected.
func (f *fgen) other(c *fchat, step string, ev fev) {
	if !isSendMethod(ev.method) {
		return // edits of prompts, callback popups
	}
	if ev.repeat {
		f.resent.Add(1)
		return
	}
	f.unexpected.Add(1)
	f.sample(fmt.Sprintf("unexpected, chat %d, step %s: %q", c.p.id, step, truncate(ev.text, 140)))
}

// exchange sends one update (delivering it until acknowledged) and waits
// for its answer: a message containing one of want, or with cbOnly the
// non-empty popup of its own callback, or the outage message.
func (f *fgen) exchange(ctx context.Context, c *fchat, name string, u update, cb string, want []string, cbOnly bool, prefer int) (fev, ansKind, error) {
	body, err := json.Marshal(u)
	if err != nil {
		return fev{}, ansNone, err
	}
	f.drainStray(c)
	sc := f.counts(name)
	sc.sent.Add(1)
	t0 := time.Now()
	ackCh := make(chan bool, 1)
	dctx, dcancel := context.WithCancel(ctx)
	defer dcancel()
	go func() { ackCh <- f.deliverUntilAcked(dctx, c.p.id, body, sc, prefer) }()
	var got *fev
	kind := ansNone
	acked, ackDone, wrong := false, false, false
	var timeout <-chan time.Time
	for !(ackDone && (got != nil || !acked)) {
		select {
		case ok := <-ackCh:
			ackDone, acked, ackCh = true, ok, nil
			if ok {
				sc.acked.Add(1)
				f.maybeReplay(body, sc)
				timeout = time.After(f.cfg.answerTimeout)
			}
		case ev := <-c.events:
			if got != nil && kind == ansOutage && strings.Contains(got.text, wantQueued) &&
				classify(ev, want, cb, cbOnly) == ansExpected {
				// The update told "akan diproses begitu layanan pulih" was
				// taken in and answered before its acknowledgement was read:
				// that answer is the step's.
				got, kind = &ev, ansExpected
				continue
			}
			if got != nil {
				f.other(c, name, ev)
				continue
			}
			switch k := classify(ev, want, cb, cbOnly); k {
			case ansExpected, ansOutage:
				got, kind = &ev, k
			default:
				if isSendMethod(ev.method) && !ev.repeat {
					wrong = true
				}
				f.other(c, name, ev)
			}
		case <-timeout:
			if wrong {
				sc.wrongOnly.Add(1)
				return fev{}, ansNone, fmt.Errorf("%s: %w", name, errWrong)
			}
			sc.unanswered.Add(1)
			f.mu.Lock()
			f.led.Lost = append(f.led.Lost, lostUpdate{Chat: c.p.id, Step: name, UpdateID: u.UpdateID, AckedAtS: f.since()})
			f.mu.Unlock()
			f.sample(fmt.Sprintf("unanswered, chat %d, step %s, update %d", c.p.id, name, u.UpdateID))
			return fev{}, ansNone, fmt.Errorf("%s: %w", name, errUnanswered)
		case <-ctx.Done():
			sc.interrupted.Add(1)
			return fev{}, ansNone, ctx.Err()
		}
	}
	if !acked {
		sc.neverAcked.Add(1)
		f.sample(fmt.Sprintf("never acknowledged, chat %d, step %s, update %d", c.p.id, name, u.UpdateID))
		if got == nil {
			return fev{}, ansNone, fmt.Errorf("%s: %w", name, errNotAcked)
		}
	}
	sc.answered.Add(1)
	if kind == ansExpected {
		sc.expected.Add(1)
		f.lat.add(name, got.at.Sub(t0))
	} else {
		sc.outage.Add(1)
	}
	f.mu.Lock()
	f.answers = append(f.answers, answerRec{chat: c.p.id, sent: t0, at: got.at, kind: kind})
	f.mu.Unlock()
	return *got, kind, nil
}

func classify(ev fev, want []string, cb string, cbOnly bool) ansKind {
	if ev.method == "answercallbackquery" {
		if cbOnly && ev.cb == cb && ev.text != "" {
			if strings.Contains(ev.text, wantOutage) {
				return ansOutage
			}
			return ansExpected
		}
		return ansNone
	}
	if !isSendMethod(ev.method) {
		return ansNone
	}
	// The outage answer first: its words ("sudah diterima") may hold what
	// a step waits for ("diterima", a photo taken in).
	if strings.Contains(ev.text, wantOutage) {
		return ansOutage
	}
	for _, w := range want {
		if strings.Contains(ev.text, w) {
			return ansExpected
		}
	}
	return ansNone
}

// step is one thing a person does until it works: told of an outage, they
// do it again after -retry-pause (a new message, the same content).
func (f *fgen) step(ctx context.Context, c *fchat, name string, build func() (update, string), want []string, cbOnly bool) (event, error) {
	deadline := time.Now().Add(f.cfg.retryFor)
	for {
		u, cb := build()
		ev, kind, err := f.exchange(ctx, c, name, u, cb, want, cbOnly, -1)
		if err != nil || kind == ansExpected {
			return ev.event, err
		}
		if strings.Contains(ev.text, wantQueued) {
			if got, ok := f.awaitAnswer(ctx, c, name, cb, want, cbOnly); ok {
				return got.event, nil
			}
		}
		f.personRetries.Add(1)
		if time.Now().After(deadline) {
			return ev.event, fmt.Errorf("%s: %w", name, errGaveUp)
		}
		select {
		case <-time.After(f.cfg.retryPause):
		case <-ctx.Done():
			return ev.event, ctx.Err()
		}
	}
}

func (f *fgen) register(ctx context.Context, c *fchat) bool {
	for range 3 {
		if _, err := f.step(ctx, c, "start", f.text(c, "/start"), []string{wantAskContact}, false); err != nil {
			continue
		}
		if _, err := f.step(ctx, c, "contact", f.contact(c), []string{wantWelcome}, false); err == nil {
			// The introduction follows the welcome as a second message.
			_, ok := f.awaitAnswer(ctx, c, "intro", "", []string{wantIntro}, false)
			return ok
		}
	}
	return false
}

// Staff.

func (f *fgen) staffLoop(ctx context.Context, c *fchat) {
	target := int64(f.cfg.pairs + f.cfg.doublePress)
	for n := 1; !f.stopping.Load() && ctx.Err() == nil; n++ {
		if target > 0 && f.told.Load() >= target {
			return // enough reports for the deciders
		}
		if err := f.report(ctx, c, n); err != nil && ctx.Err() == nil {
			// Start over from a clean state, as a person would.
			_, _ = f.step(ctx, c, "batal", f.text(c, "/batal"), []string{wantCancelled, wantNothing}, false)
		}
	}
}

// report files one report: the flow of script.go, with a description made
// unique by a tag so that the store can be searched for duplicates.
func (f *fgen) report(ctx context.Context, c *fchat, n int) error {
	tag := fmt.Sprintf("ref %d-%d", c.p.id, n)
	desc := descriptions[n%len(descriptions)] + ", " + tag
	fl := &flowRec{start: time.Now()}
	f.mu.Lock()
	f.flows = append(f.flows, fl)
	f.mu.Unlock()
	defer func() { fl.end = time.Now() }()

	texts := []struct{ name, text, want string }{
		{"lapor", "/lapor", wantDesc}, {"uraian", desc, wantDuration}, {"waktu", "1 jam 30", wantOutput}, {"hasil", "3 dokumen", wantPhotos},
	}
	if f.cfg.pipeline {
		if err := f.burst(ctx, c, texts); err != nil {
			return err
		}
	} else {
		for _, t := range texts {
			if _, err := f.step(ctx, c, t.name, f.text(c, t.text), []string{t.want}, false); err != nil {
				return err
			}
		}
	}
	ev, err := f.step(ctx, c, "foto", f.photo(c, f.g.photos.next()), []string{wantPhotoOK}, false)
	if err != nil {
		return err
	}
	b, ok := ev.button(doneLabel)
	if !ok {
		f.sample(fmt.Sprintf("no «Selesai», chat %d: %q", c.p.id, truncate(ev.text, 100)))
		return errWrong
	}
	if _, err = f.step(ctx, c, "selesai", f.press(c, ev.msgID, b.CallbackData), []string{wantLocation}, false); err != nil {
		return err
	}
	if ev, err = f.step(ctx, c, "lewati", f.text(c, "Lewati"), []string{wantSummary}, false); err != nil {
		return err
	}
	if b, ok = ev.button(sendLabel); !ok {
		f.sample(fmt.Sprintf("no «Kirim», chat %d: %q", c.p.id, truncate(ev.text, 100)))
		return errWrong
	}
	if ev, err = f.step(ctx, c, "kirim", f.press(c, ev.msgID, b.CallbackData), []string{wantSent, wantAlready}, false); err != nil {
		return err
	}
	if m := tellRe.FindStringSubmatch(ev.text); m != nil {
		f.mu.Lock()
		f.led.Filed = append(f.led.Filed, filed{No: m[1], Chat: c.p.id, Tag: tag})
		f.mu.Unlock()
		f.told.Add(1)
	}
	fl.done = true
	return nil
}

// burst sends a report's text steps back to back, each once the previous
// was acknowledged (Telegram's order), each to any replica, and then checks
// that the answers came in the order of the updates.
func (f *fgen) burst(ctx context.Context, c *fchat, items []struct{ name, text, want string }) error {
	f.drainStray(c)
	f.bursts.Add(1)
	sent := make([]time.Time, len(items))
	scs := make([]*stepCounts, len(items))
	var got []fev
	collect := func() {
		for {
			select {
			case ev := <-c.events:
				if isSendMethod(ev.method) {
					got = append(got, ev)
				}
			default:
				return
			}
		}
	}
	for i, it := range items {
		u, _ := f.text(c, it.text)()
		body, _ := json.Marshal(u)
		scs[i] = f.counts(it.name)
		scs[i].sent.Add(1)
		sent[i] = time.Now()
		if !f.deliverUntilAcked(ctx, c.p.id, body, scs[i], -1) {
			scs[i].neverAcked.Add(1)
			return fmt.Errorf("%s: %w", it.name, errNotAcked)
		}
		scs[i].acked.Add(1)
		f.maybeReplay(body, scs[i])
		collect()
	}
	deadline := time.After(f.cfg.answerTimeout)
	next := 0
	check := func() error {
		for ; len(got) > 0 && next < len(items); got = got[1:] {
			ev := got[0]
			if strings.Contains(ev.text, items[next].want) {
				scs[next].answered.Add(1)
				scs[next].expected.Add(1)
				f.lat.add(items[next].name, ev.at.Sub(sent[next]))
				f.mu.Lock()
				f.answers = append(f.answers, answerRec{chat: c.p.id, sent: sent[next], at: ev.at, kind: ansExpected})
				f.mu.Unlock()
				next++
				continue
			}
			for j, it := range items {
				if j != next && strings.Contains(ev.text, it.want) {
					f.orderViolations.Add(1)
					f.mu.Lock()
					if len(f.led.OrderSamples) < 20 {
						f.led.OrderSamples = append(f.led.OrderSamples, fmt.Sprintf("chat %d: answer to %q (step %d) came while waiting for step %d's", c.p.id, it.text, j+1, next+1))
					}
					f.mu.Unlock()
					return fmt.Errorf("order: %w", errWrong)
				}
			}
			if ev.repeat {
				f.resent.Add(1)
				continue
			}
			f.other(c, items[next].name, ev)
			scs[next].wrongOnly.Add(1)
			return fmt.Errorf("%s: %w", items[next].name, errWrong)
		}
		return nil
	}
	for next < len(items) {
		if err := check(); err != nil {
			return err
		}
		if next == len(items) {
			break
		}
		select {
		case ev := <-c.events:
			if isSendMethod(ev.method) {
				got = append(got, ev)
			}
		case <-deadline:
			for i := next; i < len(items); i++ {
				scs[i].unanswered.Add(1)
				f.mu.Lock()
				f.led.Lost = append(f.led.Lost, lostUpdate{Chat: c.p.id, Step: items[i].name, AckedAtS: f.since()})
				f.mu.Unlock()
			}
			return fmt.Errorf("burst: %w", errUnanswered)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// Supervisors.

// supervisorLoop presses «Setujui» on every prompt; the press is answered
// by its popup.
func (f *fgen) supervisorLoop(ctx context.Context, c *fchat) {
	for {
		var p event
		select {
		case p = <-c.prompts:
		case <-f.stopped:
			return
		}
		b, ok := p.button(approveLabel)
		m := reportNoRe.FindStringSubmatch(p.text)
		if !ok || m == nil {
			f.sample("prompt without a number: " + truncate(p.text, 100))
			continue
		}
		ev, err := f.step(ctx, c, "setujui", f.press(c, p.msgID, b.CallbackData), nil, true)
		if err == nil {
			f.mu.Lock()
			f.led.Approvals = append(f.led.Approvals, approval{No: m[1], Chat: c.p.id, Popup: ev.text})
			f.mu.Unlock()
		}
	}
}

// pairLoop decides a unit's reports two at a time: for each prompt, the
// owner's supervisor (from the prompt) and the unit's admin (from
// /persetujuan unit) press «Setujui» at the same instant, each press to
// another replica; or (-double-press) the supervisor presses the prompt's
// button twice at the same instant, once to each replica.
func (f *fgen) pairLoop(ctx context.Context, sup, admin *fchat) {
	total := f.cfg.pairs + f.cfg.doublePress
	for {
		var p event
		select {
		case p = <-sup.prompts:
		case <-f.stopped:
			return
		}
		b, ok := p.button(approveLabel)
		m := reportNoRe.FindStringSubmatch(p.text)
		if !ok || m == nil {
			f.sample("prompt without a number: " + truncate(p.text, 100))
			continue
		}
		parts := strings.Split(b.CallbackData, ":")
		id := ""
		if len(parts) == 4 {
			id = parts[2]
		}
		double := f.doubleLeft.Load() > 0 && (f.pairsLeft.Load() <= 0 || rand.IntN(total) < f.cfg.doublePress)
		switch {
		case double && f.doubleLeft.Add(-1) >= 0:
			f.doublePressed(ctx, sup, p, m[1], id, b.CallbackData)
		case f.pairsLeft.Add(-1) >= 0:
			f.pairPressed(ctx, sup, admin, p, m[1], id, b.CallbackData)
		default:
			continue // enough: the report stays pending
		}
	}
}

// findInList asks for the unit's list and pages through it for report no.
func (f *fgen) findInList(ctx context.Context, admin *fchat, no string) (msgID int, data string, ok bool) {
	ev, err := f.step(ctx, admin, "daftar", f.text(admin, "/persetujuan unit"), []string{wantList, wantListNone}, false)
	for page := 0; err == nil && page < 6; page++ {
		for _, m := range listItemRe.FindAllStringSubmatch(ev.text, -1) {
			if m[2] == no {
				if b, ok := ev.button("✅ " + m[1]); ok {
					return ev.msgID, b.CallbackData, true
				}
			}
		}
		nb, ok := ev.button(nextPageLabel)
		if !ok {
			break
		}
		ev, err = f.step(ctx, admin, "daftar", f.press(admin, ev.msgID, nb.CallbackData), []string{wantList, wantListNone}, false)
	}
	return 0, "", false
}

func (f *fgen) pairPressed(ctx context.Context, sup, admin *fchat, p event, no, id, supData string) {
	msgID, adminData, ok := f.findInList(ctx, admin, no)
	if !ok {
		f.pairsMissing.Add(1)
		f.sample(fmt.Sprintf("report %s not in the admin's list", no))
		f.pairsDone.Add(1)
		return
	}
	first := rand.IntN(2)
	rec := pairRec{No: no, ID: id, Kind: "two-people", Presses: make([]pressRec, 2)}
	builds := []func() (update, string){f.press(sup, p.msgID, supData), f.press(admin, msgID, adminData)}
	who := []*fchat{sup, admin}
	names := []string{"supervisor", "admin"}
	starts := make([]time.Time, 2)
	gate := make(chan struct{})
	var wg sync.WaitGroup
	for i := range 2 {
		u, cb := builds[i]()
		replicaIdx := (first + i) % len(f.replicas)
		rec.Presses[i] = pressRec{Chat: who[i].p.id, Who: names[i], Replica: replicaIdx}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			starts[i] = time.Now()
			ev, kind, err := f.exchange(ctx, who[i], "tekan-berdua", u, cb, nil, true, replicaIdx)
			rec.Presses[i].Popup = ev.text
			if err != nil {
				rec.Presses[i].Err = err.Error()
			} else if kind == ansOutage {
				rec.Presses[i].Err = "outage"
			}
		}()
	}
	close(gate)
	wg.Wait()
	rec.SkewMS = ms(absDur(starts[0].Sub(starts[1])))
	f.mu.Lock()
	f.led.Pairs = append(f.led.Pairs, rec)
	f.mu.Unlock()
	f.pairsDone.Add(1)
}

// doublePressed: two callback queries of the supervisor on the same prompt,
// at the same instant, one to each replica; both must be answered.
func (f *fgen) doublePressed(ctx context.Context, sup *fchat, p event, no, id, data string) {
	f.drainStray(sup)
	rec := pairRec{No: no, ID: id, Kind: "double-press", Presses: make([]pressRec, 2)}
	sc := f.counts("tekan-ganda")
	cbs := make([]string, 2)
	bodies := make([][]byte, 2)
	for i := range 2 {
		u, cb := f.press(sup, p.msgID, data)()
		cbs[i] = cb
		bodies[i], _ = json.Marshal(u)
		rec.Presses[i] = pressRec{Chat: sup.p.id, Who: []string{"supervisor", "supervisor-again"}[i], Replica: i % len(f.replicas)}
	}
	starts := make([]time.Time, 2)
	acks := make([]bool, 2)
	gate := make(chan struct{})
	var wg sync.WaitGroup
	for i := range 2 {
		sc.sent.Add(1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			starts[i] = time.Now()
			acks[i] = f.deliverUntilAcked(ctx, sup.p.id, bodies[i], sc, i%len(f.replicas))
		}()
	}
	close(gate)
	wg.Wait()
	rec.SkewMS = ms(absDur(starts[0].Sub(starts[1])))
	pending := 0
	for i := range 2 {
		if acks[i] {
			sc.acked.Add(1)
			pending++
		} else {
			sc.neverAcked.Add(1)
			rec.Presses[i].Err = errNotAcked.Error()
		}
	}
	deadline := time.After(f.cfg.answerTimeout)
	for pending > 0 {
		select {
		case ev := <-sup.events:
			matched := false
			for i := range 2 {
				if acks[i] && ev.method == "answercallbackquery" && ev.cb == cbs[i] && ev.text != "" && rec.Presses[i].Popup == "" {
					rec.Presses[i].Popup = ev.text
					sc.answered.Add(1)
					sc.expected.Add(1)
					f.lat.add("tekan-ganda", ev.at.Sub(starts[i]))
					pending--
					matched = true
				}
			}
			if !matched {
				f.other(sup, "tekan-ganda", ev)
			}
		case <-deadline:
			for i := range 2 {
				if acks[i] && rec.Presses[i].Popup == "" {
					sc.unanswered.Add(1)
					rec.Presses[i].Err = errUnanswered.Error()
				}
			}
			pending = 0
		case <-ctx.Done():
			pending = 0
		}
	}
	f.mu.Lock()
	f.led.Pairs = append(f.led.Pairs, rec)
	f.mu.Unlock()
	f.pairsDone.Add(1)
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// Crashes.

// killLoop kills a bot with SIGKILL -kills times, at random intervals, and
// starts it again at once with the same environment.
func (f *fgen) killLoop(ctx context.Context) {
	for range f.cfg.kills {
		wait := f.cfg.killMin
		if d := f.cfg.killMax - f.cfg.killMin; d > 0 {
			wait += time.Duration(rand.Int64N(int64(d)))
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return
		}
		r := f.replicas[rand.IntN(len(f.replicas))]
		at := time.Now()
		r.kill()
		rec := killRec{AtS: at.Sub(f.t0).Seconds(), Replica: r.idx}
		if err := r.start(60 * time.Second); err != nil {
			rec.Err = err.Error()
		}
		rec.RestartMS = ms(time.Since(at))
		f.mu.Lock()
		f.led.Kills = append(f.led.Kills, rec)
		f.mu.Unlock()
	}
}

// awaitAnswer waits, up to -answer-timeout, for the expected answer to a
// message the bot said it will handle once it is back (wantQueued), as a
// person told "no need to send it again" would. Other messages are filed as
// usual.
func (f *fgen) awaitAnswer(ctx context.Context, c *fchat, name, cb string, want []string, cbOnly bool) (fev, bool) {
	timeout := time.After(f.cfg.answerTimeout)
	for {
		select {
		case ev := <-c.events:
			if classify(ev, want, cb, cbOnly) == ansExpected {
				return ev, true
			}
			f.other(c, name, ev)
		case <-timeout:
			return fev{}, false
		case <-ctx.Done():
			return fev{}, false
		}
	}
}
