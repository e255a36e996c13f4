package whatsapp_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
)

// wait bounds every wait in these tests; nothing sleeps.
const wait = 5 * time.Second

// The people in these tests.
const (
	botPhone  = "+6281100000000"
	budiPhone = "+6281234567890"
	siti      = "+6285712345678"
)

var (
	budi    = whatsapptest.Phone(budiPhone)
	budiID  = whatsapptest.ChatID(budiPhone)
	sitiJID = whatsapptest.Phone(siti)
	sitiID  = whatsapptest.ChatID(siti)
)

var errInboxDown = errors.New("inbox down")

// inbox records accepted updates; it can refuse the first ones.
type inbox struct {
	mu      sync.Mutex
	got     []bot.Update
	refuse  int
	changed chan struct{}
}

func newInbox() *inbox { return &inbox{changed: make(chan struct{})} }

func (in *inbox) Accept(_ context.Context, u bot.Update) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.refuse > 0 {
		in.refuse--
		return errInboxDown
	}
	in.got = append(in.got, u)
	close(in.changed)
	in.changed = make(chan struct{})
	return nil
}

func (in *inbox) updates() []bot.Update {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]bot.Update(nil), in.got...)
}

// waitN waits until n updates were accepted and returns them all.
func (in *inbox) waitN(t *testing.T, n int) []bot.Update {
	t.Helper()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		in.mu.Lock()
		got, changed := len(in.got), in.changed
		in.mu.Unlock()
		if got >= n {
			return in.updates()
		}
		select {
		case <-changed:
		case <-timer.C:
			t.Fatalf("%d updates accepted after %v, want %d: %+v", got, wait, n, in.updates())
		}
	}
}

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

// unmasked finds a whole phone number of the test people in logs.
var unmasked = regexp.MustCompile(`6281234567890|6285712345678`)

// rig is an adapter running over a fake client.
type rig struct {
	fc    *whatsapptest.Client
	a     *whatsapp.Adapter
	in    *inbox
	logs  *logs
	chats *whatsapp.MemoryChats
	rdb   *redistest.Client
}

// start runs an adapter over fc (a fresh paired fake when nil), its options
// changed by opts, and waits until it is connected (when paired). At
// cleanup it is stopped, and the test fails if a phone number was logged.
func start(t *testing.T, fc *whatsapptest.Client, opts ...func(*whatsapp.Options)) *rig {
	t.Helper()
	if fc == nil {
		fc = whatsapptest.NewClient(botPhone)
	}
	r := &rig{fc: fc, in: newInbox(), logs: &logs{}, chats: whatsapp.NewMemoryChats(), rdb: redistest.New(t)}
	o := whatsapp.Options{Redis: r.rdb, Prefix: r.rdb.Prefix, Chats: r.chats, MinBackoff: time.Millisecond, MaxBackoff: 8 * time.Millisecond}
	for _, f := range opts {
		f(&o)
	}
	a, err := whatsapp.New(fc, o, r.logs.logger())
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	r.a = a
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, r.in) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(wait):
			t.Errorf("Run did not return after cancel")
		}
		if m := unmasked.FindString(r.logs.String()); m != "" {
			t.Errorf("a phone number was logged unmasked (%s):\n%s", m, r.logs)
		}
	})
	if fc.Paired() {
		whatsapptest.WaitState(t, a, whatsapp.StateConnected, wait)
	}
	return r
}

// wrote records that chat wrote to the bot, as a received message would.
func (r *rig) wrote(t *testing.T, chat string) {
	t.Helper()
	if err := r.chats.Wrote(t.Context(), chat, time.Now()); err != nil {
		t.Fatal(err)
	}
}
