package conversation

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

func press(chat string, id int, cb string) bot.Update {
	u := text(chat, id, "x")
	u.Kind = bot.KindCallback
	u.Callback = &bot.Callback{ID: cb, Data: "x"}
	return u
}

// A button press's answer goes beside the drain: while the Bot API holds
// the answer, the press's reply still goes out; the answer follows once
// the platform lets it through.
func TestCallbackAnswerDoesNotHoldTheReply(t *testing.T) {
	f := newFixture(t)
	f.snd.answerGate = make(chan struct{})
	e := f.engine(t, true)
	e.Accept(context.Background(), press("961", 1, "cb1"))
	f.snd.next(t) // the reply, with the answer still held
	select {
	case a := <-f.snd.answers:
		t.Fatalf("answer %q before the platform let it through", a)
	default:
	}
	close(f.snd.answerGate)
	if a := f.snd.answer(t); a != "cb1=ok" {
		t.Fatalf("answer = %q", a)
	}
}

// Answers still queued when Run is stopped are given before Run returns:
// nothing of the engine runs after it.
func TestRunAnswersQueuedPressesBeforeReturning(t *testing.T) {
	f := newFixture(t)
	f.snd.answerGate = make(chan struct{})
	e := f.engine(t, false)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = e.Run(ctx); close(done) }()
	const presses = answerers + 3 // more than the answerers hold at once
	for i := range presses {
		e.Accept(context.Background(), press(strconv.Itoa(970+i), i+1, "cb"))
		f.snd.next(t)
	}
	cancel()
	select {
	case <-done:
		t.Fatal("Run returned with answers still held")
	case <-time.After(100 * time.Millisecond):
	}
	close(f.snd.answerGate)
	<-done
	if n := len(f.snd.answers); n != presses {
		t.Fatalf("%d presses answered by the time Run returned, want %d", n, presses)
	}
}
