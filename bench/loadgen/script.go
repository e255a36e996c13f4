package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf16"
)

// The script both bots are driven by. Each staff user registers once
// (/start, then a shared contact with their own user id), then files
// reports in a closed loop:
//
//	/lapor → "Tulis uraian kegiatan"
//	description → "Berapa lama"
//	"1 jam 30" → "Apa hasilnya"
//	"3 dokumen" → "Kirim foto bukti dukung"
//	a photo → "… diterima …" with the button «Selesai»
//	press «Selesai» → "Bagikan lokasi"
//	"Lewati" → "Periksa laporan Anda" with the button «✅ Kirim»
//	press «✅ Kirim» → "… terkirim ke atasan …"
//
// The supervisor presses «✅ Setujui» on each approval prompt; the press is
// done when the owner's note "Laporan No. X (…): ✅ Disetujui oleh …"
// arrives. Every step waits for the bot's expected message and for the
// webhook request to be answered, as Telegram delivers a chat's next update
// only after the previous one was acknowledged.

// Expected texts.
const (
	wantAskContact = "Kirim nomor HP saya"
	wantWelcome    = "Pendaftaran berhasil"
	wantIntro      = "Sekilas tentang bot ini"
	wantDesc       = "Tulis uraian kegiatan"
	wantDuration   = "Berapa lama"
	wantOutput     = "Apa hasilnya"
	wantPhotos     = "Kirim foto bukti dukung"
	wantPhotoOK    = "diterima"
	wantLocation   = "Bagikan lokasi"
	wantSummary    = "Periksa laporan Anda"
	wantSent       = "terkirim ke atasan"
	doneLabel      = "Selesai"
	sendLabel      = "✅ Kirim"
)

var descriptions = []string{
	"Pelayanan pasien rawat jalan di poli umum",
	"Kunjungan rumah pasien TB di RT 12 Sempaja Selatan",
	"Penyuluhan gizi balita di Posyandu Melati",
	"Pemantauan jentik nyamuk di 40 rumah warga",
	"Imunisasi dasar lengkap di Posyandu Mawar",
}

var errTimeout = errors.New("timeout waiting for the bot")

// chatState is one virtual user's chat.
type chatState struct {
	p       person
	inbox   chan event
	prompts chan event // supervisors: approval prompts to press

	reports atomic.Int64 // measured reports confirmed

	mu      sync.Mutex
	pending bool // an update is out and nothing answered it yet
	t0      time.Time
	step    string
	record  bool
}

// reportTrack follows one report from submission to the owner's note.
type reportTrack struct {
	done chan struct{}
	once sync.Once
}

type gen struct {
	cfg    *runConfig
	api    *apiServer
	photos *photoPool
	chats  map[int64]*chatState // read-only once the run starts
	rec    *recorder
	decide *recorder // press of «Setujui» → the owner's note
	client *http.Client

	hookURL, secret string

	measuring atomic.Bool   // updates delivered now are measured
	stopping  atomic.Bool   // virtual users start nothing new
	stopped   chan struct{} // closed with stopping set

	updSeq atomic.Int64
	cbSeq  atomic.Int64
	cbChat sync.Map // callback query id -> *chatState
	tracks sync.Map // report no -> *reportTrack

	completed        atomic.Int64 // measured steps done
	answered         atomic.Int64 // measured updates the bot answered
	submitted        atomic.Int64 // measured reports confirmed
	approved         atomic.Int64 // measured approvals done
	webhookStatus    atomic.Int64
	webhookTransport atomic.Int64
	timeouts         atomic.Int64
	unexpected       atomic.Int64
	inboxDrops       atomic.Int64
	unknownChat      atomic.Int64
	regFailed        atomic.Int64

	sampleMu sync.Mutex
	samples  []string

	// Set by the fault mode (fault.go): what the bot sends goes there
	// instead of to the benchmark's routing.
	route         func(chatID int64, ev event)
	routeCallback func(id, text string, at time.Time)
}

func (g *gen) addChat(p person) *chatState {
	c := &chatState{p: p, inbox: make(chan event, 256)}
	if p.supervisor {
		c.prompts = make(chan event, 8192)
	}
	g.chats[p.id] = c
	return c
}

func (g *gen) track(no string) *reportTrack {
	v, _ := g.tracks.LoadOrStore(no, &reportTrack{done: make(chan struct{})})
	return v.(*reportTrack)
}

// deliver routes what the bot sent to a chat: approval prompts to the
// supervisor's queue, owners' notes to the report they close, everything
// else to the chat's inbox, the first of it answering the chat's update.
func (g *gen) deliver(chatID int64, ev event) {
	if g.route != nil {
		g.route(chatID, ev)
		return
	}
	c, ok := g.chats[chatID]
	if !ok {
		g.unknownChat.Add(1)
		return
	}
	isSend := ev.method == "sendmessage" || ev.method == "sendphoto"
	if c.p.supervisor && isSend {
		if _, ok := ev.button(approveLabel); ok {
			select {
			case c.prompts <- ev:
			default:
				g.inboxDrops.Add(1)
			}
			return
		}
	}
	if !c.p.supervisor && ev.method == "sendmessage" {
		if m := noteRe.FindStringSubmatch(ev.text); m != nil {
			tr := g.track(m[1])
			tr.once.Do(func() { close(tr.done) })
			return
		}
	}
	g.answer(c, ev.at)
	select {
	case c.inbox <- ev:
	default:
		g.inboxDrops.Add(1)
	}
}

// callbackAnswered is an answerCallbackQuery: it answers the presser's chat.
func (g *gen) callbackAnswered(id, text string, at time.Time) {
	if g.routeCallback != nil {
		g.routeCallback(id, text, at)
		return
	}
	v, ok := g.cbChat.LoadAndDelete(id)
	if !ok {
		return
	}
	c := v.(*chatState)
	g.answer(c, at)
	select {
	case c.inbox <- event{method: "answercallbackquery", text: text, at: at}:
	default:
		g.inboxDrops.Add(1)
	}
}

// answer records the latency of the chat's pending update, if any.
func (g *gen) answer(c *chatState, at time.Time) {
	c.mu.Lock()
	if !c.pending {
		c.mu.Unlock()
		return
	}
	c.pending = false
	d, step, rec := at.Sub(c.t0), c.step, c.record
	c.mu.Unlock()
	if rec {
		g.rec.add(step, d)
		g.answered.Add(1)
	}
}

func (c *chatState) begin(step string, record bool) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending, c.step, c.record, c.t0 = true, step, record, time.Now()
	return c.t0
}

func (c *chatState) abandon() {
	c.mu.Lock()
	c.pending = false
	c.mu.Unlock()
}

func (g *gen) unexpectedReply(c *chatState, step, text string) {
	g.unexpected.Add(1)
	g.sampleMu.Lock()
	defer g.sampleMu.Unlock()
	if len(g.samples) < 20 {
		g.samples = append(g.samples, fmt.Sprintf("chat %d, step %s: %q", c.p.id, step, truncate(text, 160)))
	}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// Update builders.

func (g *gen) from(c *chatState) *user {
	return &user{ID: c.p.id, FirstName: c.p.name, LanguageCode: "id"}
}

func (g *gen) message(c *chatState) *message {
	return &message{MessageID: g.api.nextMsgID(), From: g.from(c), Date: time.Now().Unix(),
		Chat: chatObj{ID: c.p.id, Type: "private", FirstName: c.p.name}}
}

func (g *gen) textUpdate(c *chatState, text string) update {
	m := g.message(c)
	m.Text = text
	if strings.HasPrefix(text, "/") {
		cmd, _, _ := strings.Cut(text, " ")
		m.Entities = []entity{{Type: "bot_command", Offset: 0, Length: len(utf16.Encode([]rune(cmd)))}}
	}
	return update{UpdateID: g.updSeq.Add(1), Message: m}
}

func (g *gen) contactUpdate(c *chatState) update {
	m := g.message(c)
	m.Contact = &contact{PhoneNumber: telegramPhone(c.p.phone), FirstName: c.p.name, UserID: c.p.id}
	return update{UpdateID: g.updSeq.Add(1), Message: m}
}

func (g *gen) photoUpdate(c *chatState) update {
	m := g.message(c)
	m.Photo = g.photos.sizes(g.photos.next())
	return update{UpdateID: g.updSeq.Add(1), Message: m}
}

func (g *gen) callbackUpdate(c *chatState, msgID int, data string) update {
	id := "cb" + strconv.FormatInt(g.cbSeq.Add(1), 10)
	g.cbChat.Store(id, c)
	return update{UpdateID: g.updSeq.Add(1), CallbackQuery: &callbackQuery{
		ID: id, From: *g.from(c), ChatInstance: "ci" + strconv.FormatInt(c.p.id, 10), Data: data,
		Message: &message{MessageID: msgID, From: &user{ID: botID, IsBot: true, FirstName: "Kinerja Bench", Username: botUsername},
			Date: time.Now().Unix(), Chat: chatObj{ID: c.p.id, Type: "private", FirstName: c.p.name}},
	}}
}

// post delivers one update to the bot's webhook.
func (g *gen) post(ctx context.Context, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.hookURL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", g.secret)
	resp, err := g.client.Do(req)
	if err != nil {
		if ctx.Err() == nil {
			g.webhookTransport.Add(1)
		}
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		g.webhookStatus.Add(1)
		return fmt.Errorf("webhook answered %d", resp.StatusCode)
	}
	return nil
}

// step sends u and waits until the webhook request is answered and either
// a message to the chat contains want (want != "") or done is closed.
func (g *gen) step(ctx context.Context, c *chatState, name string, u update, want string, done <-chan struct{}) (event, error) {
	body, err := json.Marshal(u)
	if err != nil {
		return event{}, err
	}
	for drained := false; !drained; { // leftovers of earlier steps
		select {
		case <-c.inbox:
		default:
			drained = true
		}
	}
	record := g.measuring.Load()
	isDecision := done != nil
	t0 := c.begin(name, record)
	posted := make(chan error, 1)
	pctx, cancel := context.WithTimeout(ctx, g.cfg.stepTimeout)
	defer cancel()
	go func() { posted <- g.post(pctx, body) }()
	timer := time.NewTimer(g.cfg.stepTimeout)
	defer timer.Stop()
	var got *event
	gotDone := done == nil
	for !(posted == nil && (got != nil || (want == "" && gotDone))) {
		select {
		case err := <-posted:
			if err != nil {
				c.abandon()
				return event{}, err
			}
			posted = nil
		case ev := <-c.inbox:
			if want == "" || got != nil {
				continue
			}
			if strings.Contains(ev.text, want) {
				got = &ev
			} else if ev.method == "sendmessage" || ev.method == "sendphoto" {
				g.unexpectedReply(c, name, ev.text)
			}
		case <-done:
			gotDone, done = true, nil
		case <-timer.C:
			c.abandon()
			if ctx.Err() == nil {
				g.timeouts.Add(1)
			}
			return event{}, errTimeout
		case <-ctx.Done():
			c.abandon()
			return event{}, ctx.Err()
		}
	}
	if record {
		g.completed.Add(1)
		if isDecision {
			g.decide.add(name, time.Since(t0))
		}
	}
	if got == nil {
		return event{}, nil
	}
	return *got, nil
}

// await waits for the message with want that follows a step's answer
// (the introduction after the welcome), for a step's timeout.
func (g *gen) await(ctx context.Context, c *chatState, want string) bool {
	timer := time.NewTimer(g.cfg.stepTimeout)
	defer timer.Stop()
	for {
		select {
		case ev := <-c.inbox:
			if strings.Contains(ev.text, want) {
				return true
			}
		case <-timer.C:
			return false
		case <-ctx.Done():
			return false
		}
	}
}

// register is /start then the user's own contact (answered by the welcome
// and then the introduction), tried up to three times.
func (g *gen) register(ctx context.Context, c *chatState) bool {
	for range 3 {
		if _, err := g.step(ctx, c, "start", g.textUpdate(c, "/start"), wantAskContact, nil); err != nil {
			continue
		}
		if _, err := g.step(ctx, c, "contact", g.contactUpdate(c), wantWelcome, nil); err == nil {
			// kinerjabot follows the welcome with an introduction; the
			// grammY bot ends registration at the welcome.
			return g.cfg.bot == "grammy" || g.await(ctx, c, wantIntro)
		}
	}
	g.regFailed.Add(1)
	return false
}

func (g *gen) runStaff(ctx context.Context, c *chatState, registered *sync.WaitGroup, start <-chan struct{}) {
	ok := g.register(ctx, c)
	registered.Done()
	if !ok {
		return
	}
	select {
	case <-start:
	case <-ctx.Done():
		return
	}
	for i := 0; !g.stopping.Load() && ctx.Err() == nil; i++ {
		if err := g.report(ctx, c, i); err != nil && !g.stopping.Load() && ctx.Err() == nil {
			// Start over from a clean state.
			_, _ = g.step(ctx, c, "batal", g.textUpdate(c, "/batal"), "", nil)
		}
	}
}

// report files one report, stopping between steps once the run ends.
func (g *gen) report(ctx context.Context, c *chatState, i int) error {
	var ev event
	var err error
	do := func(name string, u func() update, want string) bool {
		if err != nil || g.stopping.Load() {
			return false
		}
		ev, err = g.step(ctx, c, name, u(), want, nil)
		return err == nil
	}
	press := func(name, label, want string) bool {
		if err != nil || g.stopping.Load() {
			return false
		}
		b, ok := ev.button(label)
		if !ok {
			g.unexpectedReply(c, name, "no button «"+label+"» on: "+ev.text)
			err = fmt.Errorf("no button %q", label)
			return false
		}
		msgID := ev.msgID
		ev, err = g.step(ctx, c, name, g.callbackUpdate(c, msgID, b.CallbackData), want, nil)
		return err == nil
	}
	text := func(s string) func() update { return func() update { return g.textUpdate(c, s) } }
	sent := do("lapor", text("/lapor"), wantDesc) &&
		do("uraian", text(descriptions[i%len(descriptions)]), wantDuration) &&
		do("waktu", text("1 jam 30"), wantOutput) &&
		do("hasil", text("3 dokumen"), wantPhotos) &&
		do("foto", func() update { return g.photoUpdate(c) }, wantPhotoOK) &&
		press("selesai", doneLabel, wantLocation) &&
		do("lewati", text("Lewati"), wantSummary) &&
		press("kirim", sendLabel, wantSent)
	if sent && g.measuring.Load() {
		g.submitted.Add(1)
		c.reports.Add(1)
	}
	return err
}

func (g *gen) runSupervisor(ctx context.Context, c *chatState, registered *sync.WaitGroup, start <-chan struct{}) {
	ok := g.register(ctx, c)
	registered.Done()
	if !ok {
		return
	}
	select {
	case <-start:
	case <-ctx.Done():
		return
	}
	for !g.stopping.Load() {
		var p event
		select {
		case p = <-c.prompts:
		case <-g.stopped:
			return
		case <-ctx.Done():
			return
		}
		b, ok := p.button(approveLabel)
		m := reportNoRe.FindStringSubmatch(p.text)
		if !ok || m == nil {
			g.unexpectedReply(c, "setujui", "prompt without a number: "+p.text)
			continue
		}
		tr := g.track(m[1])
		if _, err := g.step(ctx, c, "setujui", g.callbackUpdate(c, p.msgID, b.CallbackData), "", tr.done); err == nil && g.measuring.Load() {
			g.approved.Add(1)
		}
	}
}
