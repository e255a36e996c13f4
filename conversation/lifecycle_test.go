package conversation

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// heldChat runs an engine whose chat lingers (its lease held, its sent
// reply in the outbox), and takes the lingering chat's trim out of the
// trimmer's hands: the test decides what becomes of it.
func heldChat(t *testing.T, chat string) (f *fixture, e *Engine, j trimJob, stop func()) {
	t.Helper()
	f = newFixture(t)
	f.opts.Linger = time.Hour
	f.opts.LeaseTTL = time.Hour // a stranded lease outlives the test
	f.opts.SweepEvery = time.Hour
	e, cancel, done := f.started(t, f.rdb)
	if err := e.Accept(context.Background(), text(chat, 1, "a")); err != nil {
		t.Fatal(err)
	}
	f.snd.next(t)
	waitFor(t, "the chat to linger", func() bool {
		j, _ = e.unpark(bot.ChatKey{Platform: bot.Telegram, ChatID: chat})
		return j.token != ""
	})
	return f, e, j, func() { cancel(); <-done }
}

func (f *fixture) leaseHeld(t *testing.T, chat string) bool {
	t.Helper()
	return f.rdb.Exists(context.Background(), f.key("lease", "telegram:"+chat)).Val() != 0
}

// A trim that failed waits for its retry; when Run ends first, the retry is
// made by the trimmer's last round, before Run returns, not by a timer
// re-queuing the chat to a trimmer that is gone.
func TestRunEndsTheTrimRetryItWaits(t *testing.T) {
	f, e, j, stop := heldChat(t, "840")
	j.retries = 4 // its retry is a second away
	e.retryTrim(j, errors.New("redis out"))
	stop()
	if f.leaseHeld(t, "840") {
		t.Fatal("Run returned with a trim retry still waiting: the chat's lease is kept")
	}
	if n := f.rdb.LLen(context.Background(), f.key("outbox", "telegram:840")).Val(); n != 0 {
		t.Fatalf("%d sent replies left in the outbox", n)
	}
	if n := len(e.trims); n != 0 {
		t.Fatalf("%d trims queued after Run returned", n)
	}
}

// A drain step that failed waits for its retry; when Run ends first, the
// retry's claim is handed back before Run returns.
func TestRunEndsTheDrainRetryItWaits(t *testing.T) {
	f, e, j, stop := heldChat(t, "841")
	e.retryLater(context.Background(), j.chat, j.token, 4, pendingCommit{}, errors.New("redis out"))
	stop()
	if f.leaseHeld(t, "841") {
		t.Fatal("Run returned with a drain retry still waiting: the chat's lease is kept")
	}
	if cl := e.ready.claims(); len(cl) != 0 {
		t.Fatalf("claims queued after Run returned: %v", cl)
	}
}

// blockingSender holds every Send until release is closed.
type blockingSender struct {
	recSender
	entered chan struct{}
	release chan struct{}
}

func (s *blockingSender) Send(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	s.entered <- struct{}{}
	<-s.release
	return s.recSender.Send(ctx, r)
}

// Run returns only once the outage notices Accept started have been sent.
func TestRunWaitsForOutageNotices(t *testing.T) {
	rdb := unreachableRedis(t)
	snd := &blockingSender{recSender: *newRecSender(), entered: make(chan struct{}, 10), release: make(chan struct{})}
	e := New(rdb, &outageHandler{}, &recApplier{}, quietLog(), Options{Prefix: "kbtest:lifecycle:", Workers: 1})
	e.AddSender(bot.Telegram, snd)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.Run(ctx); close(done) }()
	if err := e.Accept(context.Background(), text("850", 1, "halo")); err == nil {
		t.Fatal("accepted with Redis down")
	}
	select {
	case <-snd.entered:
	case <-time.After(5 * time.Second):
		t.Fatal("no outage notice was sent")
	}
	cancel()
	select {
	case <-done:
		t.Fatal("Run returned while an outage notice was still being sent")
	case <-time.After(200 * time.Millisecond): // Run had time to return, wrongly
	}
	close(snd.release)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return once the notice was sent")
	}
	if r := snd.next(t); r.Chat.ChatID != "850" {
		t.Fatalf("notice went to %s", r.Chat.ChatID)
	}
}

// background: a timer's function runs once, at its time or at close,
// whichever comes first; after close nothing is armed and spawn runs on the
// caller's goroutine.
func TestBackgroundRunsEachRetryOnce(t *testing.T) {
	var b background
	ran := make(chan string, 10)
	b.after(time.Hour, func() { ran <- "late" })
	fired := make(chan struct{})
	b.after(0, func() { ran <- "due"; close(fired) })
	<-fired
	b.close()
	close(ran)
	var got []string
	for s := range ran {
		got = append(got, s)
	}
	if len(got) != 2 || got[0] != "due" || got[1] != "late" {
		t.Fatalf("ran %v, want [due late]", got)
	}
	if b.after(0, func() { t.Error("armed after close") }) {
		t.Error("after accepted work once closed")
	}
	inline := false
	b.spawn(func() { inline = true })
	if !inline {
		t.Error("spawn after close did not run at once")
	}
}
