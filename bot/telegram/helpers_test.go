package telegram_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

// wait bounds every wait in these tests; nothing sleeps.
const wait = 5 * time.Second

var errInboxDown = errors.New("inbox down")

// logs is a logger whose output the test can read.
type logs struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *logs) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// newAdapter builds an adapter on s, its options changed by opts. The test
// fails if the token shows up in the logs.
func newAdapter(t *testing.T, s *telegramtest.Server, opts ...func(*telegram.Options)) (*telegram.Adapter, *logs) {
	t.Helper()
	o := telegram.Options{Token: s.Token(), APIURL: s.URL()}
	for _, f := range opts {
		f(&o)
	}
	l := &logs{}
	a, err := telegram.New(t.Context(), o, l.logger())
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		if strings.Contains(l.String(), s.Token()) {
			t.Errorf("the token was logged:\n%s", l)
		}
	})
	return a, l
}

func webhookMode(secret string) func(*telegram.Options) {
	return func(o *telegram.Options) {
		o.Mode, o.WebhookURL, o.WebhookSecret = telegram.ModeWebhook, "https://bot.example.go.id/telegram", secret
	}
}

// running is an adapter's Run in a goroutine.
type running struct {
	cancel context.CancelFunc
	done   chan struct{}
	err    error // set when done is closed
	taken  bool  // the test took err with stop or wait
}

// run starts a.Run. At cleanup it is stopped, and an error it returned fails
// the test unless the test took it with stop or wait.
func run(t *testing.T, a *telegram.Adapter, in bot.Inbox) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{cancel: cancel, done: make(chan struct{})}
	go func() {
		r.err = a.Run(ctx, in)
		close(r.done)
	}()
	t.Cleanup(func() {
		if err := r.halt(); err != nil && !r.taken {
			t.Errorf("Run: %v", err)
		}
	})
	return r
}

// stop cancels Run and returns its error.
func (r *running) stop() error {
	r.taken = true
	return r.halt()
}

func (r *running) halt() error {
	r.cancel()
	select {
	case <-r.done:
		return r.err
	case <-time.After(wait):
		return errors.New("Run did not return after cancel")
	}
}

// wait waits for Run to return by itself and returns its error.
func (r *running) wait(t *testing.T) error {
	t.Helper()
	r.taken = true
	select {
	case <-r.done:
		return r.err
	case <-time.After(wait):
		t.Fatal("Run did not return")
		return nil
	}
}

// inbox records accepted updates. hook, when set, runs before each
// acceptance with the attempt number for that update id (from 1); it may
// block, and an error refuses the update.
type inbox struct {
	mu       sync.Mutex
	attempts map[string]int
	hook     func(u bot.Update, attempt int) error
	accepted chan bot.Update
}

func newInbox() *inbox {
	return &inbox{attempts: map[string]int{}, accepted: make(chan bot.Update, 100)}
}

func (in *inbox) Accept(ctx context.Context, u bot.Update) error {
	in.mu.Lock()
	in.attempts[u.ID]++
	n, hook := in.attempts[u.ID], in.hook
	in.mu.Unlock()
	if hook != nil {
		if err := hook(u, n); err != nil {
			return err
		}
	}
	in.accepted <- u
	return nil
}

func (in *inbox) attemptsOf(id string) int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.attempts[id]
}

// next returns the next accepted update, failing the test after wait.
func (in *inbox) next(t *testing.T) bot.Update {
	t.Helper()
	select {
	case u := <-in.accepted:
		return u
	case <-time.After(wait):
		t.Fatal("no update accepted")
		return bot.Update{}
	}
}

// none fails the test if an update was accepted and not yet taken.
func (in *inbox) none(t *testing.T) {
	t.Helper()
	select {
	case u := <-in.accepted:
		t.Fatalf("unexpected update accepted: %+v", u)
	default:
	}
}
