package conversation

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
)

// countedEngine runs an engine on its own Redis connection, whose round
// trips trips counts, warmed up (new connections say HELLO, which the hook
// counts too).
func countedEngine(t *testing.T, f *fixture) (*Engine, *redistest.Trips, func()) {
	t.Helper()
	trips := &redistest.Trips{}
	rdb := f.rdb.Another(t)
	rdb.AddHook(trips)
	e, cancel, done := f.started(t, rdb)
	for i := range 3 {
		if err := e.Accept(context.Background(), text(fmt.Sprint(790+i), 100+i, "warm")); err != nil {
			t.Fatal(err)
		}
		f.snd.next(t)
		waitIdle(t, f, fmt.Sprint(790+i))
	}
	return e, trips, func() { cancel(); <-done }
}

// started runs an engine on rdb until cancel is called; done is closed when
// Run has returned.
func (f *fixture) started(t *testing.T, rdb redis.UniversalClient) (e *Engine, cancel func(), done <-chan struct{}) {
	t.Helper()
	o := f.opts
	o.Prefix = f.rdb.Prefix
	e = New(rdb, f.h, f.ap, quietLog(), o)
	e.AddSender(bot.Telegram, f.snd)
	ctx, cancel := context.WithCancel(context.Background())
	ended := make(chan struct{})
	go func() { e.Run(ctx); close(ended) }()
	waitRunning(t, e)
	return e, cancel, ended
}

// A lone update costs three round trips: accept (which claims the chat for
// this replica's worker), commit, and, once the chat's linger is over, the
// trim that lets the chat go; many chats at once share their trims' round
// trips.
func TestRoundTripsPerUpdate(t *testing.T) {
	f := newFixture(t)
	f.opts.SweepEvery = time.Hour
	e, trips, stop := countedEngine(t, f)
	defer stop()
	before := trips.Count()
	if err := e.Accept(context.Background(), text("800", 1, "a")); err != nil {
		t.Fatal(err)
	}
	f.snd.next(t)
	waitIdle(t, f, "800")
	if n := trips.Count() - before; n != 3 {
		t.Errorf("a lone update took %d round trips, want 3 (accept+claim, commit, trim)", n)
	}
}

// A person whose next update comes while the chat lingers costs two round
// trips per update: the accept takes the chat over and drops the replies
// already sent, so no trim of its own is needed; the last one's trim comes
// when the linger is over. The chat's order and replies are as without
// lingering.
func TestLingeringChatTakesTwoRoundTripsPerUpdate(t *testing.T) {
	f := newFixture(t)
	f.opts.SweepEvery = time.Hour
	f.opts.Linger = 500 * time.Millisecond // far longer than the gaps between updates here
	e, trips, stop := countedEngine(t, f)
	defer stop()
	const n = 20
	before := trips.Count()
	for i := range n {
		if err := e.Accept(context.Background(), text("801", 200+i, fmt.Sprint("m", i))); err != nil {
			t.Fatal(err)
		}
		if r := f.snd.next(t); r.Text != fmt.Sprint("got m", i) {
			t.Fatalf("reply %d = %q", i, r.Text)
		}
		// A reply is sent before its drain parks the chat: wait for that,
		// as Accept does for a moment (drainEndWait), so that a slow
		// machine cannot make this count differ.
		waitFor(t, "the chat to linger", func() bool { return lingering(e, "801") })
	}
	if got := trips.Count() - before; got != 2*n {
		t.Errorf("%d updates in a row took %d round trips, want %d", n, got, 2*n)
	}
	if out := f.rdb.LLen(context.Background(), f.key("outbox", "telegram:801")).Val(); out != 1 {
		t.Errorf("outbox holds %d replies while lingering, want the last one sent (1)", out)
	}
	waitIdle(t, f, "801")
	if got := trips.Count() - before; got != 2*n+1 {
		t.Errorf("with the last trim: %d round trips, want %d", got, 2*n+1)
	}
	if out := f.rdb.LLen(context.Background(), f.key("outbox", "telegram:801")).Val(); out != 0 {
		t.Errorf("outbox holds %d replies after the linger, want 0", out)
	}
}

// A chat lingering on one replica is handled when its next update comes to
// another: that replica cannot claim it, and the lingering replica's
// trimmer finds the update and handles it when the linger ends.
func TestLingeringChatUpdateAtAnotherReplica(t *testing.T) {
	f := newFixture(t)
	f.opts.Linger = 300 * time.Millisecond
	a := f.engine(t, true)
	b := f.engine(t, true)
	waitRunning(t, a)
	waitRunning(t, b)
	ctx := context.Background()
	if err := a.Accept(ctx, text("802", 300, "one")); err != nil {
		t.Fatal(err)
	}
	if r := f.snd.next(t); r.Text != "got one" {
		t.Fatalf("reply = %q", r.Text)
	}
	start := time.Now()
	if err := b.Accept(ctx, text("802", 301, "two")); err != nil {
		t.Fatal(err)
	}
	if r := f.snd.next(t); r.Text != "got two" {
		t.Fatalf("reply = %q", r.Text)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the other replica's update waited %v", d)
	}
	f.snd.none(t, 200*time.Millisecond) // nothing sent twice
}

func lingering(e *Engine, chat string) bool {
	e.parkMu.Lock()
	defer e.parkMu.Unlock()
	_, ok := e.parked[bot.ChatKey{Platform: bot.Telegram, ChatID: chat}]
	return ok
}

// An engine stopping with chats lingering lets them go: a restart (or
// another replica) takes them at once, not after their leases expire.
func TestStoppingLetsLingeringChatsGo(t *testing.T) {
	f := newFixture(t)
	f.opts.Linger = time.Hour
	f.opts.LeaseTTL = time.Hour
	e, cancel, done := f.started(t, f.rdb)
	bg := context.Background()
	if err := e.Accept(bg, text("803", 400, "a")); err != nil {
		t.Fatal(err)
	}
	f.snd.next(t)
	cancel()
	<-done
	if n := f.rdb.Exists(bg, f.key("lease", "telegram:803")).Val(); n != 0 {
		t.Fatal("the lingering chat's lease was kept after the engine stopped")
	}
	if n := f.rdb.LLen(bg, f.key("outbox", "telegram:803")).Val(); n != 0 {
		t.Fatalf("%d sent replies left in the outbox: a restart would send them again", n)
	}
}

// Accept claims a chat only for a running engine: one that does not run
// leaves it for the replicas that do.
func TestAcceptClaimsOnlyWhenRunning(t *testing.T) {
	f := newFixture(t)
	idle := f.engine(t, false)
	ctx := context.Background()
	if err := idle.Accept(ctx, text("810", 1, "a")); err != nil {
		t.Fatal(err)
	}
	if n := f.rdb.Exists(ctx, f.key("lease", "telegram:810")).Val(); n != 0 {
		t.Fatal("an engine that does not run took the chat's lease")
	}
	f.engine(t, true)
	if r := f.snd.next(t); r.Text != "got a" {
		t.Fatalf("reply = %q", r.Text)
	}
}

// An engine stopping with chats it claimed but had not yet drained hands
// their leases back: the next replica handles them at once, not after the
// lease expiry.
func TestStoppingHandsClaimedChatsBack(t *testing.T) {
	f := newFixture(t)
	f.opts.Workers = 1
	f.opts.LeaseTTL = time.Hour // a stranded lease would stall the test
	block := make(chan struct{})
	f.h.fail = func(u bot.Update) error {
		if u.ChatID == "820" {
			<-block // the only worker is busy with chat 820
		}
		return nil
	}
	e, cancel, done := f.started(t, f.rdb)
	ctx := context.Background()
	if err := e.Accept(ctx, text("820", 1, "busy")); err != nil {
		t.Fatal(err)
	}
	if err := e.Accept(ctx, text("821", 2, "waiting")); err != nil {
		t.Fatal(err)
	}
	if f.rdb.Exists(ctx, f.key("lease", "telegram:821")).Val() != 1 {
		t.Fatal("accept did not claim the idle chat")
	}
	cancel()
	close(block)
	<-done
	if f.rdb.Exists(context.Background(), f.key("lease", "telegram:821")).Val() != 0 {
		t.Fatal("the claimed chat's lease was not handed back")
	}
	f.h.fail = nil
	f.engine(t, true)
	deadline := time.After(5 * time.Second)
	for {
		r := f.snd.next(t)
		if r.Text == "got waiting" {
			return
		}
		select {
		case <-deadline:
			t.Fatal("chat 821 not handled after the restart")
		default:
		}
	}
}

func waitRunning(t *testing.T, e *Engine) {
	t.Helper()
	waitFor(t, "the engine to run", e.running.Load)
}

// waitIdle waits until the chat's lease is gone (its drain and trim done).
func waitIdle(t *testing.T, f *fixture, chat string) {
	t.Helper()
	waitFor(t, "chat "+chat+" to go idle", func() bool {
		return f.rdb.Exists(context.Background(), f.key("lease", "telegram:"+chat)).Val() == 0
	})
}

// waitFor waits until cond holds, looking every millisecond, and fails the
// test when it still does not after 5 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	deadline := time.After(5 * time.Second)
	for !cond() {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// A chat with many updates waiting yields after its turn: another chat's
// update is answered long before the first chat's backlog is done, even
// with a single worker; and each chat's own order is kept.
func TestBusyChatYieldsAfterItsTurn(t *testing.T) {
	f := newFixture(t)
	f.opts.Workers, f.opts.Turn = 1, 2
	idle := f.engine(t, false) // queue everything before anyone handles it
	ctx := context.Background()
	for i := range 10 {
		if err := idle.Accept(ctx, text("830", 900+i, fmt.Sprint("a", i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := idle.Accept(ctx, text("831", 950, "b")); err != nil {
		t.Fatal(err)
	}
	f.engine(t, true)
	var order []string
	for range 11 {
		order = append(order, f.snd.next(t).Text)
	}
	pos := slices.Index(order, "got b")
	if pos < 0 || pos > 4 {
		t.Fatalf("the other chat's reply came at %d: %v", pos, order)
	}
	var mine []string
	for _, r := range order {
		if r != "got b" {
			mine = append(mine, r)
		}
	}
	for i, r := range mine {
		if r != fmt.Sprint("got a", i) {
			t.Fatalf("chat 830 out of order: %v", mine)
		}
	}
}

// settle: a resume that finds the session still at the failed commit's
// base version knows the commit did not happen, so the replies it had
// already sent are trimmed, not sent again; one that finds it moved sends
// what the outbox holds.
func TestPendingCommitSettle(t *testing.T) {
	cases := []struct {
		name     string
		p        pendingCommit
		res      stepResult
		trim     int
		leftSend int
	}{
		{"commit not applied", pendingCommit{version: "4", sent: 2}, stepResult{status: "ok", version: "4", outbox: []string{"a", "b"}}, 2, 0},
		{"commit applied", pendingCommit{version: "4", sent: 2}, stepResult{status: "ok", version: "5", outbox: []string{"c"}}, 0, 1},
		{"nothing was sent", pendingCommit{version: "4"}, stepResult{status: "ok", version: "4", outbox: []string{"a"}}, 0, 1},
		{"no commit pending", pendingCommit{}, stepResult{status: "ok", version: "4", outbox: []string{"a"}}, 0, 1},
		{"outbox shorter than sent", pendingCommit{version: "4", sent: 3}, stepResult{status: "ok", version: "4", outbox: []string{"a"}}, 1, 0},
		{"chat idle", pendingCommit{version: "4", sent: 1}, stepResult{status: "idle"}, 0, 0},
	}
	for _, tc := range cases {
		res := tc.res
		if got := tc.p.settle(&res); got != tc.trim || len(res.outbox) != tc.leftSend {
			t.Errorf("%s: trim %d, left %d; want %d, %d", tc.name, got, len(res.outbox), tc.trim, tc.leftSend)
		}
	}
}
