// Package bot holds the platform-neutral types that flow between the chat
// platform adapters (Telegram, WhatsApp, the web playground) and the
// conversation engine: one Update in, Replies out. Nothing past an adapter
// imports a platform library.
package bot

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Platform names a chat platform. The value is stored in records and Redis
// keys, so it never changes once released.
type Platform string

// Platforms the bot speaks through.
const (
	Telegram   Platform = "telegram"
	WhatsApp   Platform = "whatsapp"
	Playground Platform = "playground"
)

// ChatKey identifies one conversation: a chat on one platform.
type ChatKey struct {
	Platform Platform
	ChatID   string
}

// String renders the key as "platform:chat", the form used in Redis keys.
func (k ChatKey) String() string { return string(k.Platform) + ":" + k.ChatID }

// Kind says what an Update carries.
type Kind string

// Update kinds.
const (
	KindText     Kind = "text"
	KindCommand  Kind = "command"
	KindContact  Kind = "contact"
	KindPhoto    Kind = "photo"
	KindDocument Kind = "document"
	KindLocation Kind = "location"
	KindCallback Kind = "callback"
	KindOther    Kind = "other"
)

// Update is one incoming platform event, normalised. It is serialised into
// the engine's Redis inbox, so every field is plain data.
type Update struct {
	// ID is the platform's own id of the event (Telegram update_id, WhatsApp
	// message id); with Platform it de-duplicates redeliveries.
	ID       string   `json:"id"`
	Platform Platform `json:"platform"`
	ChatID   string   `json:"chat_id"`
	UserID   string   `json:"user_id"`
	// UserName is the sender's display name as the platform gives it.
	UserName string `json:"user_name,omitempty"`
	// Phone is the sender's own phone number as the platform vouches for it
	// (WhatsApp: the number of the account that sent the message, resolved
	// from a LID where whatsmeow knows the mapping), in E.164 with "+".
	// Empty when the platform does not tell (Telegram: use a shared contact).
	Phone string `json:"phone,omitempty"`
	// LanguageCode is the sender's client language, if known ("id", "en").
	LanguageCode string    `json:"lang,omitempty"`
	Kind         Kind      `json:"kind"`
	At           time.Time `json:"at"`

	// Text is the message text (or a photo caption). For a command it is the
	// whole line; Command holds the command without slash and bot suffix and
	// Args the rest.
	Text    string `json:"text,omitempty"`
	Command string `json:"command,omitempty"`
	Args    string `json:"args,omitempty"`
	// Quoted is the text (or caption) of the bot's own message this one
	// replies to (Telegram's reply, WhatsApp's swipe-reply), when the
	// platform tells; a supervisor's reply to an approval prompt is a note.
	Quoted string `json:"quoted,omitempty"`

	Contact  *Contact  `json:"contact,omitempty"`
	Media    *Media    `json:"media,omitempty"`
	Location *Location `json:"location,omitempty"`
	Callback *Callback `json:"callback,omitempty"`
}

// Chat returns the conversation the update belongs to.
func (u Update) Chat() ChatKey { return ChatKey{Platform: u.Platform, ChatID: u.ChatID} }

// Contact is a shared phone contact. UserID is the platform account the
// contact belongs to, as the platform vouches for it ("" when unknown).
type Contact struct {
	Phone     string `json:"phone"`
	FirstName string `json:"first_name,omitempty"`
	UserID    string `json:"user_id,omitempty"`
}

// Media refers to a file kept by the platform, fetched on demand.
type Media struct {
	FileID   string `json:"file_id"`
	FileName string `json:"file_name,omitempty"`
	MIME     string `json:"mime,omitempty"`
	Size     int64  `json:"size,omitempty"`
	Width    int    `json:"width,omitempty"`
	Height   int    `json:"height,omitempty"`
}

// Location is a shared point.
type Location struct {
	Latitude  float64 `json:"lat"`
	Longitude float64 `json:"lon"`
}

// Callback is a press of an inline button.
type Callback struct {
	// ID is the platform's id of the press, used to answer it.
	ID string `json:"id"`
	// Data is what the button carried. It carries no authority by itself.
	Data string `json:"data"`
	// MessageID is the message whose button was pressed.
	MessageID string `json:"message_id,omitempty"`
}

// Button is an inline button: a label and the data sent back when pressed.
// Data must stay within 64 bytes (Telegram's limit).
type Button struct {
	Label string `json:"label"`
	Data  string `json:"data"`
}

// MaxButtonData is the longest callback data a button may carry.
const MaxButtonData = 64

// KeyButton is a reply-keyboard button: pressing it sends its label as text,
// or, when asked, the user's own contact or location.
type KeyButton struct {
	Label           string `json:"label"`
	RequestContact  bool   `json:"request_contact,omitempty"`
	RequestLocation bool   `json:"request_location,omitempty"`
}

// Reply is one message the bot sends into a chat.
type Reply struct {
	Chat ChatKey `json:"chat"`
	Text string  `json:"text"`
	// Buttons are inline buttons under the message, in rows.
	Buttons [][]Button `json:"buttons,omitempty"`
	// Keyboard replaces the chat's reply keyboard, in rows.
	Keyboard [][]KeyButton `json:"keyboard,omitempty"`
	// RemoveKeyboard hides a reply keyboard shown earlier.
	RemoveKeyboard bool `json:"remove_keyboard,omitempty"`
	// Photo sends an image with Text as its caption.
	Photo *Photo `json:"photo,omitempty"`
	// Document sends a file with Text as its caption (an export, a
	// person's own data). Photo and Document are not set together.
	Document *Document `json:"document,omitempty"`
	// Edit, when set, changes an earlier message (its text or caption, and
	// its inline buttons: nil Buttons removes them) instead of sending one.
	Edit *MessageRef `json:"edit,omitempty"`
	// Key identifies this reply across retries: a platform that de-duplicates
	// messages (WhatsApp, by message id) sends every attempt with the same
	// Key as one message, so a send retried after a timeout that in fact
	// went through is not shown twice. Set once per reply: the engine sets
	// it from the update and the reply's place, the outbound queue when a
	// bulk message has none. Empty: each attempt is a new message.
	Key string `json:"key,omitempty"`
	// Track names the message so that, once sent, its reference is handed
	// to the engine's Tracker (to edit it later, e.g. "prompt:<report id>").
	Track string `json:"track,omitempty"`
	// Fallback, for an edit, is the text sent as a new message to the same
	// chat when the edit cannot be made after its retries (the message was
	// deleted, is too old to edit, or the platform keeps refusing), so the
	// person still learns what the edit would have shown.
	Fallback string `json:"fallback,omitempty"`
	// Menu, when set, becomes this chat's own command menu just before the
	// message goes out: a supervisor or admin is offered more commands than
	// the bot's default menu. Platforms without command menus ignore it; a
	// menu that cannot be set is logged and the message still sent.
	Menu []MenuCommand `json:"menu,omitempty"`
}

// MenuCommand is one entry of a platform's command menu.
type MenuCommand struct {
	Name        string `json:"name"` // without the slash: "lapor"
	Description string `json:"description"`
}

// MaxCaption is the longest caption a photo may carry (Telegram's limit).
const MaxCaption = 1024

// Photo is an image attached to a reply.
type Photo struct {
	// FileID is the platform's own id of the image; it is used when the
	// reply goes out on that same Platform.
	FileID   string   `json:"file_id,omitempty"`
	Platform Platform `json:"platform,omitempty"`
	// EvidenceID names the stored image, loaded into Data when FileID cannot
	// be used.
	EvidenceID string `json:"evidence_id,omitempty"`
	MIME       string `json:"mime,omitempty"`
	// Ref names an image made on demand (a chart), made into Data just
	// before sending by the engine's FileMaker; see Document.Ref.
	Ref string `json:"ref,omitempty"`
	// Data is the image, filled in just before sending; never queued.
	Data []byte `json:"-"`
}

// Document is a file attached to a reply. Only its reference is queued: the
// engine's FileMaker makes Data from Ref just before each send, so a large
// export does not sit in Redis's outbox for every retry.
type Document struct {
	// Name is the file name the recipient sees ("rekap-2026-11.xlsx").
	Name string `json:"name"`
	MIME string `json:"mime"`
	// Ref says how to make the file: "kind:arguments", understood by the
	// FileMaker that the handler which built the reply registered for kind
	// (e.g. "export:unit=D01&month=2026-11"). It carries no authority: the
	// reply was built for its chat after the handler checked who may see it.
	Ref string `json:"ref"`
	// Data is the file, filled in just before sending; never queued.
	Data []byte `json:"-"`
}

// MaxDocument is the largest document a reply may carry (WhatsApp's and
// Telegram's bot upload limits are larger; this keeps exports phone-sized).
const MaxDocument = 20 << 20

// MessageRef identifies a message the bot sent, so it can be edited later.
type MessageRef struct {
	Chat      ChatKey `json:"chat"`
	MessageID string  `json:"message_id"`
	// Photo says the message is a photo, whose caption (not text) is edited.
	Photo bool `json:"photo,omitempty"`
}

// Downloader is an optional Sender feature: fetching a file a person sent.
// It does network I/O and refuses files over maxBytes with an error that
// matches ErrFileTooLarge.
type Downloader interface {
	Download(ctx context.Context, fileID string, maxBytes int64) ([]byte, error)
}

// ErrFileTooLarge is the class of a download refused because the file is
// over the size the caller allows. Every adapter's Download, and whatever
// passes a download on (the handlers' fetcher), wraps it, so that
// errors.Is(err, ErrFileTooLarge) holds whichever platform the file came
// from.
var ErrFileTooLarge = errors.New("bot: file too large")

// Sender delivers replies on one platform. Implementations do network I/O,
// may block until the platform answers, and are safe for concurrent use.
type Sender interface {
	// Send delivers one reply and returns a reference to the sent message.
	Send(ctx context.Context, r Reply) (MessageRef, error)
	// AnswerCallback acknowledges a button press, showing text (if any) in
	// the platform's popup or toast. Platforms without the notion no-op.
	AnswerCallback(ctx context.Context, callbackID, text string) error
}

// ErrMalformed is the class of an update the inbox can never record (it
// cannot be encoded: a date past year 9999, a NaN coordinate). Retrying or
// redelivering it will not help: an adapter drops it, logged, and confirms
// it to the platform so that it does not hold back the updates after it.
var ErrMalformed = errors.New("bot: update cannot be recorded")

// Inbox accepts updates from adapters. Accept returns only once the update is
// durably recorded (or known to be a duplicate); an adapter confirms the
// update to its platform only after a nil error. Safe for concurrent use.
type Inbox interface {
	Accept(ctx context.Context, u Update) error
}

// Adapter is a running platform adapter: it receives updates into an Inbox
// and sends replies. Run blocks until ctx is cancelled or the adapter fails.
type Adapter interface {
	Sender
	Platform() Platform
	Run(ctx context.Context, in Inbox) error
}

// ErrBlocked is the class of a send refused because the recipient blocked the
// bot or no longer exists (Telegram's 403 "bot was blocked by the user" or
// "user is deactivated"). Retrying will not help until the person writes
// again. Adapters wrap their own error so that errors.Is(err, ErrBlocked)
// holds while the platform error stays in the chain.
var ErrBlocked = errors.New("bot: recipient blocked the bot")

// RateLimitedError is the class of a send refused because the bot went over
// the platform's rate limit (Telegram's 429). RetryAfter is how long the
// platform asked to wait before trying that chat again (0 when it did not
// say). Err is the platform's own error, kept for errors.Is and errors.As.
type RateLimitedError struct {
	RetryAfter time.Duration
	Err        error
}

func (e *RateLimitedError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("bot: rate limited, retry after %v", e.RetryAfter)
	}
	return fmt.Sprintf("bot: rate limited, retry after %v: %v", e.RetryAfter, e.Err)
}

func (e *RateLimitedError) Unwrap() error { return e.Err }
