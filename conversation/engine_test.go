package conversation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
)

// seqHandler appends every text it sees to the session and echoes the
// sequence; it detects concurrent handling of one chat.
type seqHandler struct {
	inFlight atomic.Int32
	overlap  atomic.Bool
	fail     func(u bot.Update) error
	seen     chan Session
}

type seqData struct {
	Seq []string `json:"seq"`
}

func (h *seqHandler) Handle(ctx context.Context, in Input) (Outcome, error) {
	if h.inFlight.Add(1) > 1 {
		h.overlap.Store(true)
	}
	defer h.inFlight.Add(-1)
	if h.seen != nil {
		h.seen <- in.Session
	}
	if h.fail != nil {
		if err := h.fail(in.Update); err != nil {
			return Outcome{}, err
		}
	}
	var d seqData
	if len(in.Session.Data) > 0 {
		if err := json.Unmarshal(in.Session.Data, &d); err != nil {
			return Outcome{}, err
		}
	}
	d.Seq = append(d.Seq, in.Update.Text)
	raw, _ := json.Marshal(d)
	return Outcome{
		Next:    Session{Flow: "seq", State: "s", Data: raw},
		Effects: []Effect{note(in.Update.Text)},
		Replies: []bot.Reply{{Text: "got " + in.Update.Text}},
		Notice:  "ok",
	}, nil
}

func (h *seqHandler) Failure(in Input, err error) ([]bot.Reply, string) {
	return []bot.Reply{{Text: "gangguan: " + in.Update.Text}}, "gagal"
}

type note string

func (n note) EffectName() string { return "note" }

type recApplier struct {
	mu      sync.Mutex
	applied []string
	tracked []string
	err     error
}

func (a *recApplier) Apply(ctx context.Context, in Input, e Effect) ([]bot.Reply, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.err != nil {
		return nil, a.err
	}
	a.applied = append(a.applied, string(e.(note)))
	if n := string(e.(note)); n == "follow" {
		return []bot.Reply{{Text: "after the write"}}, nil
	}
	return nil, nil
}

// Sent implements Tracker.
func (a *recApplier) Sent(ctx context.Context, track string, ref bot.MessageRef) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.tracked = append(a.tracked, track+"@"+ref.MessageID)
	return nil
}

// recSender records replies on a channel.
type recSender struct {
	sent    chan bot.Reply
	answers chan string
	failing atomic.Int32 // fail this many sends first
	// partial: the next send fails after its first part went out, leaving
	// "rest of <text>" to send.
	partial atomic.Bool
	// answerGate, when set, holds every callback answer until it is closed.
	answerGate chan struct{}
}

func newRecSender() *recSender {
	return &recSender{sent: make(chan bot.Reply, 1000), answers: make(chan string, 1000)}
}

func (s *recSender) Send(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	if s.failing.Add(-1) >= 0 {
		return bot.MessageRef{}, errors.New("platform down")
	}
	if s.partial.CompareAndSwap(true, false) {
		rest := r
		rest.Text = "rest of " + r.Text
		return bot.MessageRef{}, &bot.PartialError{Sent: 1, Rest: rest, Err: errors.New("platform down")}
	}
	s.sent <- r
	return bot.MessageRef{Chat: r.Chat, MessageID: "1"}, nil
}

func (s *recSender) AnswerCallback(ctx context.Context, id, text string) error {
	if s.answerGate != nil {
		<-s.answerGate
	}
	s.answers <- id + "=" + text
	return nil
}

// answer waits for the next callback answer, as "id=text".
func (s *recSender) answer(t *testing.T) string {
	t.Helper()
	select {
	case a := <-s.answers:
		return a
	case <-time.After(5 * time.Second):
		t.Fatal("callback not answered")
		return ""
	}
}

func (s *recSender) next(t *testing.T) bot.Reply {
	t.Helper()
	select {
	case r := <-s.sent:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("timed out waiting for a reply")
		return bot.Reply{}
	}
}

func (s *recSender) none(t *testing.T, wait time.Duration) {
	t.Helper()
	select {
	case r := <-s.sent:
		t.Fatalf("unexpected reply %q", r.Text)
	case <-time.After(wait):
	}
}

type fixture struct {
	rdb  *redistest.Client
	h    *seqHandler
	ap   *recApplier
	snd  *recSender
	opts Options
}

// key is a chat's key of a kind (inbox, outbox, session, lease), as the
// engine names it.
func (f *fixture) key(kind, chat string) string {
	return ChatKey(f.rdb.Prefix, kind, chat)
}

func newFixture(t *testing.T) *fixture {
	return &fixture{
		rdb:  redistest.New(t),
		h:    &seqHandler{},
		ap:   &recApplier{},
		snd:  newRecSender(),
		opts: Options{Workers: 4, SweepEvery: 100 * time.Millisecond},
	}
}

// engine builds an engine on the fixture's Redis; run starts it.
func (f *fixture) engine(t *testing.T, run bool) *Engine {
	o := f.opts
	o.Prefix = f.rdb.Prefix
	e := New(f.rdb, f.h, f.ap, slog.New(slog.NewTextHandler(io.Discard, nil)), o)
	e.AddSender(bot.Telegram, f.snd)
	if run {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { e.Run(ctx); close(done) }()
		t.Cleanup(func() { cancel(); <-done })
	}
	return e
}

func text(chat string, id int, s string) bot.Update {
	return bot.Update{ID: strconv.Itoa(id), Platform: bot.Telegram, ChatID: chat, UserID: chat, Kind: bot.KindText, Text: s}
}

func (f *fixture) session(t *testing.T, chat string) (Session, int) {
	t.Helper()
	v, err := f.rdb.HMGet(context.Background(), f.key("session", "telegram:"+chat), "v", "d").Result()
	if err != nil {
		t.Fatal(err)
	}
	if v[0] == nil {
		return Session{}, 0
	}
	n, _ := strconv.Atoi(v[0].(string))
	s, ok := decodeSession(v[1].(string))
	if !ok {
		t.Fatalf("session unreadable: %v", v[1])
	}
	return s, n
}

func seqOf(t *testing.T, s Session) []string {
	var d seqData
	if len(s.Data) > 0 {
		if err := json.Unmarshal(s.Data, &d); err != nil {
			t.Fatal(err)
		}
	}
	return d.Seq
}

func TestHandlesUpdateAndSavesSession(t *testing.T) {
	f := newFixture(t)
	e := f.engine(t, true)
	if err := e.Accept(context.Background(), text("100", 1, "a")); err != nil {
		t.Fatal(err)
	}
	r := f.snd.next(t)
	if r.Text != "got a" || r.Chat != (bot.ChatKey{Platform: bot.Telegram, ChatID: "100"}) {
		t.Fatalf("reply = %+v", r)
	}
	s, v := f.session(t, "100")
	if v != 1 || s.Flow != "seq" || fmt.Sprint(seqOf(t, s)) != "[a]" {
		t.Fatalf("session v=%d %+v", v, s)
	}
	ttl := f.rdb.PTTL(context.Background(), f.key("session", "telegram:100")).Val()
	if ttl <= 23*time.Hour || ttl > 24*time.Hour {
		t.Fatalf("session TTL = %v, want the 24h default", ttl)
	}
}

func TestDuplicateUpdateHandledOnce(t *testing.T) {
	f := newFixture(t)
	e := f.engine(t, true)
	u := text("101", 7, "a")
	for range 3 {
		if err := e.Accept(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
	if r := f.snd.next(t); r.Text != "got a" {
		t.Fatalf("reply = %q", r.Text)
	}
	f.snd.none(t, 300*time.Millisecond)
	if got := f.ap.applied; len(got) != 1 {
		t.Fatalf("effects applied %d times, want 1", len(got))
	}
	ttl := f.rdb.PTTL(context.Background(), f.rdb.Prefix+"seen:"+ChatTag(u.Chat())+":telegram:7").Val()
	if ttl < 24*time.Hour {
		t.Fatalf("dedupe mark TTL = %v, must outlast Telegram's 24h redelivery", ttl)
	}
}

func TestSameIDOnAnotherPlatformIsNotADuplicate(t *testing.T) {
	f := newFixture(t)
	e := f.engine(t, true)
	e.AddSender(bot.WhatsApp, f.snd)
	u := text("102", 9, "a")
	w := u
	w.Platform = bot.WhatsApp
	for _, x := range []bot.Update{u, w} {
		if err := e.Accept(context.Background(), x); err != nil {
			t.Fatal(err)
		}
	}
	f.snd.next(t)
	f.snd.next(t)
}

// Two engines on one Redis, updates of one chat accepted alternately
// through both: each is handled once, in accept order, never concurrently.
func TestPerChatOrderAcrossTwoEngines(t *testing.T) {
	f := newFixture(t)
	a, b := f.engine(t, true), f.engine(t, true)
	const n = 60
	var want []string
	for i := range n {
		s := strconv.Itoa(i)
		want = append(want, s)
		e := a
		if i%2 == 1 {
			e = b
		}
		if err := e.Accept(context.Background(), text("200", 1000+i, s)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n {
		if r := f.snd.next(t); r.Text != "got "+want[i] {
			t.Fatalf("reply %d = %q, want %q", i, r.Text, "got "+want[i])
		}
	}
	s, v := f.session(t, "200")
	if fmt.Sprint(seqOf(t, s)) != fmt.Sprint(want) || v != n {
		t.Fatalf("session v=%d seq=%v", v, seqOf(t, s))
	}
	if f.h.overlap.Load() {
		t.Fatal("one chat's updates were handled concurrently")
	}
}

// Many chats through two engines at once, accepted concurrently: each chat
// keeps its own order.
func TestManyChatsConcurrently(t *testing.T) {
	f := newFixture(t)
	f.h = &seqHandler{} // overlap across chats is expected; only order is checked
	a, b := f.engine(t, true), f.engine(t, true)
	const chats, per = 8, 15
	var wg sync.WaitGroup
	for c := range chats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range per {
				e := []*Engine{a, b}[(c+i)%2]
				if err := e.Accept(context.Background(), text(fmt.Sprint(300+c), c*100+i, strconv.Itoa(i))); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	got := map[string][]string{}
	for range chats * per {
		r := f.snd.next(t)
		got[r.Chat.ChatID] = append(got[r.Chat.ChatID], r.Text)
	}
	for c := range chats {
		chat := fmt.Sprint(300 + c)
		for i, txt := range got[chat] {
			if txt != "got "+strconv.Itoa(i) {
				t.Fatalf("chat %s reply %d = %q", chat, i, txt)
			}
		}
	}
}

func TestCommitRefusesStaleVersion(t *testing.T) {
	f := newFixture(t)
	e := f.engine(t, false)
	ctx := context.Background()
	if err := e.Accept(ctx, text("400", 1, "a")); err != nil {
		t.Fatal(err)
	}
	c := bot.ChatKey{Platform: bot.Telegram, ChatID: "400"}
	res, err := e.step(ctx, c, "tok", "claim", 0, "", "", nil)
	if err != nil || res.status != "ok" || res.version != "0" {
		t.Fatalf("claim = %+v, %v", res, err)
	}
	// Someone else moves the session on.
	f.rdb.HSet(ctx, f.key("session", "telegram:400"), "v", "5", "d", "{}")
	res, err = e.step(ctx, c, "tok", "commit", 0, "0", `{"flow":"x"}`, nil)
	if err != nil || res.status != "conflict" {
		t.Fatalf("commit with stale version = %+v, %v; want conflict", res, err)
	}
	if n := f.rdb.LLen(ctx, f.key("inbox", "telegram:400")).Val(); n != 1 {
		t.Fatalf("a refused commit popped the update: inbox %d", n)
	}
	if s, v := f.session(t, "400"); v != 5 || s.Flow != "" {
		t.Fatalf("a refused commit wrote the session: v=%d %+v", v, s)
	}
	res, err = e.step(ctx, c, "other", "commit", 0, "5", `{"flow":"x"}`, nil)
	if err != nil || res.status != "lost" {
		t.Fatalf("commit without the lease = %+v, %v; want lost", res, err)
	}
	if res, _ = e.step(ctx, c, "other", "claim", 0, "", "", nil); res.status != "busy" {
		t.Fatalf("claim of a held chat = %q, want busy", res.status)
	}
}

// A session changed under a running handler is re-read and the update
// handled again on the new session.
func TestConflictRereadsSession(t *testing.T) {
	f := newFixture(t)
	f.h.seen = make(chan Session, 10)
	ctx := context.Background()
	var once sync.Once
	f.h.fail = func(u bot.Update) error {
		once.Do(func() {
			f.rdb.HSet(ctx, f.key("session", "telegram:401"), "v", "3", "d", `{"flow":"seq","data":{"seq":["x"]}}`)
		})
		return nil
	}
	e := f.engine(t, true)
	if err := e.Accept(ctx, text("401", 1, "a")); err != nil {
		t.Fatal(err)
	}
	if r := f.snd.next(t); r.Text != "got a" {
		t.Fatalf("reply = %q", r.Text)
	}
	f.snd.none(t, 200*time.Millisecond)
	s, v := f.session(t, "401")
	if fmt.Sprint(seqOf(t, s)) != "[x a]" || v != 4 {
		t.Fatalf("after conflict: v=%d seq=%v, want v=4 [x a]", v, seqOf(t, s))
	}
}

func TestSessionExpiresWhenIdle(t *testing.T) {
	f := newFixture(t)
	f.opts.SessionTTL = 300 * time.Millisecond
	f.h.seen = make(chan Session, 10)
	e := f.engine(t, true)
	ctx := context.Background()
	if err := e.Accept(ctx, text("500", 1, "a")); err != nil {
		t.Fatal(err)
	}
	<-f.h.seen
	f.snd.next(t)
	key := f.key("session", "telegram:500")
	deadline := time.After(5 * time.Second)
	for f.rdb.Exists(ctx, key).Val() == 1 {
		select {
		case <-deadline:
			t.Fatal("session did not expire")
		case <-time.After(50 * time.Millisecond):
		}
	}
	if err := e.Accept(ctx, text("500", 2, "b")); err != nil {
		t.Fatal(err)
	}
	if s := <-f.h.seen; s.Flow != "" || len(s.Data) != 0 {
		t.Fatalf("after expiry the handler saw %+v, want a fresh session", s)
	}
	if r := f.snd.next(t); r.Text != "got b" {
		t.Fatalf("reply = %q", r.Text)
	}
}

// Updates accepted by a process that died are handled by the next one to
// start, even while a dead worker's lease is still in Redis.
func TestResumesWorkLeftByACrashedProcess(t *testing.T) {
	f := newFixture(t)
	f.opts.LeaseTTL = 300 * time.Millisecond
	dead := f.engine(t, false) // accepts, never runs
	ctx := context.Background()
	for i, s := range []string{"a", "b", "c"} {
		if err := dead.Accept(ctx, text("600", i+1, s)); err != nil {
			t.Fatal(err)
		}
	}
	// The dead process held the chat's lease when it died.
	f.rdb.Set(ctx, f.key("lease", "telegram:600"), "dead", 300*time.Millisecond)
	f.engine(t, true)
	for _, s := range []string{"a", "b", "c"} {
		if r := f.snd.next(t); r.Text != "got "+s {
			t.Fatalf("reply = %q, want got %s", r.Text, s)
		}
	}
}

// Where no other process shares the Redis, the chats a crashed process held
// resume at once, not when its leases lapse.
func TestSoleOwnerDropsDeadLeases(t *testing.T) {
	f := newFixture(t)
	f.opts.LeaseTTL = time.Hour
	dead := f.engine(t, false)
	ctx := context.Background()
	if err := dead.Accept(ctx, text("650", 1, "a")); err != nil {
		t.Fatal(err)
	}
	f.rdb.Set(ctx, f.key("lease", "telegram:650"), "dead", time.Hour)
	f.opts.SoleOwner = true
	f.engine(t, true)
	if r := f.snd.next(t); r.Text != "got a" {
		t.Fatalf("reply = %q, want got a", r.Text)
	}
}

// A crash after the session is saved but before the replies went out: the
// replies wait in the outbox and are sent on resume, once.
func TestOutboxSurvivesCrashBeforeSend(t *testing.T) {
	f := newFixture(t)
	e := f.engine(t, false)
	ctx := context.Background()
	if err := e.Accept(ctx, text("700", 1, "a")); err != nil {
		t.Fatal(err)
	}
	c := bot.ChatKey{Platform: bot.Telegram, ChatID: "700"}
	res, _ := e.step(ctx, c, "tok", "claim", 0, "", "", nil)
	sess, replies := e.handle(ctx, c, res)
	if res, _ = e.step(ctx, c, "tok", "commit", 0, res.version, sess, replies); res.status != "ok" || len(res.outbox) != 1 {
		t.Fatalf("commit = %+v", res)
	}
	f.rdb.Del(ctx, f.key("lease", "telegram:700")) // the process dies; its lease lapses
	f.engine(t, true)
	if r := f.snd.next(t); r.Text != "got a" {
		t.Fatalf("reply = %q", r.Text)
	}
	f.snd.none(t, 300*time.Millisecond)
	if n := len(f.ap.applied); n != 1 {
		t.Fatalf("effects applied %d times, want 1", n)
	}
}

func TestFailedEffectKeepsSessionAndTellsThePerson(t *testing.T) {
	f := newFixture(t)
	f.ap.err = errors.New("store down")
	e := f.engine(t, true)
	ctx := context.Background()
	if err := e.Accept(ctx, text("800", 1, "a")); err != nil {
		t.Fatal(err)
	}
	if r := f.snd.next(t); r.Text != "gangguan: a" {
		t.Fatalf("reply = %q", r.Text)
	}
	if s, _ := f.session(t, "800"); s.Flow != "" {
		t.Fatalf("session advanced despite the failed write: %+v", s)
	}
	f.ap.mu.Lock()
	f.ap.err = nil
	f.ap.mu.Unlock()
	if err := e.Accept(ctx, text("800", 2, "b")); err != nil {
		t.Fatal(err)
	}
	if r := f.snd.next(t); r.Text != "got b" {
		t.Fatalf("after recovery reply = %q", r.Text)
	}
}

func TestPanicInHandlerDoesNotWedgeTheChat(t *testing.T) {
	f := newFixture(t)
	f.h.fail = func(u bot.Update) error {
		if u.Text == "boom" {
			panic("boom")
		}
		return nil
	}
	e := f.engine(t, true)
	ctx := context.Background()
	e.Accept(ctx, text("900", 1, "boom"))
	e.Accept(ctx, text("900", 2, "ok"))
	if r := f.snd.next(t); r.Text != "gangguan: boom" {
		t.Fatalf("reply = %q", r.Text)
	}
	if r := f.snd.next(t); r.Text != "got ok" {
		t.Fatalf("reply = %q", r.Text)
	}
}

func TestUnreadableSessionRestarts(t *testing.T) {
	f := newFixture(t)
	f.h.seen = make(chan Session, 10)
	ctx := context.Background()
	f.rdb.HSet(ctx, f.key("session", "telegram:950"), "v", "2", "d", "{not json")
	e := f.engine(t, true)
	e.Accept(ctx, text("950", 1, "a"))
	if s := <-f.h.seen; s.Flow != unreadableFlow {
		t.Fatalf("handler saw flow %q, want %q", s.Flow, unreadableFlow)
	}
	f.snd.next(t)
}

func TestCallbackAnsweredWithNotice(t *testing.T) {
	f := newFixture(t)
	e := f.engine(t, true)
	u := text("960", 1, "x")
	u.Kind = bot.KindCallback
	u.Callback = &bot.Callback{ID: "cb1", Data: "x"}
	e.Accept(context.Background(), u)
	if a := f.snd.answer(t); a != "cb1=ok" {
		t.Fatalf("answer = %q", a)
	}
}

func TestSendRetriesThenDelivers(t *testing.T) {
	f := newFixture(t)
	f.snd.failing.Store(1)
	e := f.engine(t, true)
	e.Accept(context.Background(), text("970", 1, "a"))
	if r := f.snd.next(t); r.Text != "got a" {
		t.Fatalf("reply = %q", r.Text)
	}
}

// A long reply whose first parts went out before a failure is retried
// from the part that failed, not again whole.
func TestSendRetriesTheRestOfALongReply(t *testing.T) {
	f := newFixture(t)
	f.snd.partial.Store(true)
	e := f.engine(t, true)
	e.Accept(context.Background(), text("971", 1, "a"))
	if r := f.snd.next(t); r.Text != "rest of got a" {
		t.Fatalf("retry sent %q, want the rest", r.Text)
	}
}

func TestAcceptRefusesIncompleteUpdate(t *testing.T) {
	f := newFixture(t)
	e := f.engine(t, false)
	if err := e.Accept(context.Background(), bot.Update{Platform: bot.Telegram, ChatID: "1"}); err == nil {
		t.Fatal("an update without id was accepted")
	}
}

func TestEffectRepliesFollowTheHandlersReplies(t *testing.T) {
	f := newFixture(t)
	e := f.engine(t, true)
	e.Accept(context.Background(), text("980", 1, "follow"))
	if r := f.snd.next(t); r.Text != "got follow" {
		t.Fatalf("first reply = %q", r.Text)
	}
	if r := f.snd.next(t); r.Text != "after the write" {
		t.Fatalf("second reply = %q", r.Text)
	}
}

// trackHandler sends a tracked photo reply that needs loading.
type trackHandler struct{ seqHandler }

func (h *trackHandler) Handle(ctx context.Context, in Input) (Outcome, error) {
	return Outcome{Replies: []bot.Reply{{Text: "prompt", Track: "prompt:A1",
		Photo: &bot.Photo{EvidenceID: "ev1", FileID: "wa-file", Platform: bot.WhatsApp}}}}, nil
}

type loader map[string][]byte

func (l loader) LoadMedia(ctx context.Context, id string) ([]byte, error) {
	if b, ok := l[id]; ok {
		return b, nil
	}
	return nil, errors.New("no such evidence")
}

func TestTrackedPhotoReplyIsLoadedSentAndRecorded(t *testing.T) {
	f := newFixture(t)
	f.opts.Media = loader{"ev1": []byte("jpeg")}
	e := New(f.rdb, &trackHandler{}, f.ap, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Prefix: f.rdb.Prefix, Media: f.opts.Media})
	e.AddSender(bot.Telegram, f.snd)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go e.Run(ctx)
	e.Accept(ctx, text("990", 1, "x"))
	r := f.snd.next(t)
	if r.Photo == nil || string(r.Photo.Data) != "jpeg" {
		t.Fatalf("photo = %+v, want the loaded bytes (a WhatsApp file id is useless on Telegram)", r.Photo)
	}
	deadline := time.After(5 * time.Second)
	for {
		f.ap.mu.Lock()
		n := len(f.ap.tracked)
		f.ap.mu.Unlock()
		if n == 1 {
			break
		}
		select {
		case <-deadline:
			t.Fatal("the tracked reply was not recorded")
		case <-time.After(10 * time.Millisecond):
		}
	}
	if f.ap.tracked[0] != "prompt:A1@1" {
		t.Fatalf("tracked = %v", f.ap.tracked)
	}
}

func TestPhotoThatCannotBeLoadedGoesOutAsText(t *testing.T) {
	f := newFixture(t)
	e := New(f.rdb, &trackHandler{}, f.ap, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Prefix: f.rdb.Prefix, Media: loader{}})
	e.AddSender(bot.Telegram, f.snd)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go e.Run(ctx)
	e.Accept(ctx, text("991", 1, "x"))
	if r := f.snd.next(t); r.Photo != nil || r.Text != "prompt" {
		t.Fatalf("reply = %+v, want the text alone", r)
	}
}
