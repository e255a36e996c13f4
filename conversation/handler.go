package conversation

import (
	"context"
	"encoding/json"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Session is the state of one chat's conversation, held in Redis between
// updates. Flow and State name where the chat is; Data is the flow's draft,
// opaque to the engine. The zero Session is a chat at rest.
type Session struct {
	Flow  string          `json:"flow,omitempty"`
	State string          `json:"state,omitempty"`
	Data  json.RawMessage `json:"data,omitempty"`
	// Lang is the chat's chosen language ("" means the bot's default).
	Lang      string    `json:"lang,omitempty"`
	UpdatedAt time.Time `json:"updated_at,omitempty"`
}

// Input is what a handler is given: the chat's session, the update, and the
// engine's clock.
type Input struct {
	Session Session
	Update  bot.Update
	Now     time.Time
}

// Effect is a record write a handler asks for, as plain data. The engine
// hands effects to an Applier before it saves the session, so a write is
// never forgotten; effects must be idempotent (keyed by ids fixed in the
// draft), because a crash between the write and the session save replays
// the update.
type Effect interface {
	EffectName() string
}

// Outcome is a handler's decision: the next session, the records to write,
// the replies to send and, for a button press, the text of its popup.
type Outcome struct {
	Next    Session
	Effects []Effect
	Replies []bot.Reply
	Notice  string
}

// Handler decides what an update does. Handle must not write anything
// itself: it may read (through whatever read-only access it holds) and
// returns an Outcome. Failure gives the replies (and the button popup) that
// tell the person an update could not be handled; the session is then left
// as it was. Both are called for one chat at a time, but for many chats
// concurrently.
type Handler interface {
	Handle(ctx context.Context, in Input) (Outcome, error)
	Failure(in Input, err error) (replies []bot.Reply, notice string)
}

// Applier writes a handler's effects to the record store. An effect may
// return replies that depend on what the write found (the record as
// updated); they are sent after the handler's own replies. It does I/O and
// is safe for concurrent use.
type Applier interface {
	Apply(ctx context.Context, in Input, e Effect) ([]bot.Reply, error)
}

// Tracker is told where a reply with a Track name was delivered, so the
// message can be edited later. Optional: an Applier may implement it.
type Tracker interface {
	Sent(ctx context.Context, track string, ref bot.MessageRef) error
}

// Refresher is an optional Tracker feature: once a tracked reply is
// recorded, the replies that bring it up to date, sent at once (an approval
// prompt whose report was decided before the prompt's reference was
// recorded is edited to show the decision). It does I/O.
type Refresher interface {
	Refresh(ctx context.Context, track string, ref bot.MessageRef) ([]bot.Reply, error)
}

// MediaLoader loads a stored image for a photo reply whose platform file id
// cannot be used on the recipient's platform. Optional.
type MediaLoader interface {
	LoadMedia(ctx context.Context, evidenceID string) ([]byte, error)
}

// FileMaker makes the bytes of a document (or a made image) named by its
// Ref, just before it is sent: the outbox keeps only the reference. It does
// I/O and may be slow (an export); the returned bytes are at most
// bot.MaxDocument. Optional: without one, a reply's document is dropped and
// its text goes out alone.
type FileMaker interface {
	MakeFile(ctx context.Context, ref string) ([]byte, error)
}

// Observer receives the engine's measurements (for /metrics). Methods must
// not block.
type Observer interface {
	// UpdateHandled counts one update by kind and outcome ("ok", "failed",
	// "panic", "malformed") with the time the handler and effects took.
	UpdateHandled(kind bot.Kind, outcome string, took time.Duration)
	// Duplicate counts an update dropped as already seen.
	Duplicate(p bot.Platform)
	// RedisError counts a failed Redis operation.
	RedisError(op string)
	// SendError counts a reply that could not be delivered.
	SendError(p bot.Platform)
	// InboxWait measures how old an update was (since the platform's
	// timestamp) when its handling started.
	InboxWait(p bot.Platform, waited time.Duration)
}

type nopObserver struct{}

func (nopObserver) UpdateHandled(bot.Kind, string, time.Duration) {}
func (nopObserver) Duplicate(bot.Platform)                        {}
func (nopObserver) RedisError(string)                             {}
func (nopObserver) SendError(bot.Platform)                        {}
func (nopObserver) InboxWait(bot.Platform, time.Duration)         {}
