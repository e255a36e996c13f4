package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waCompanionReg"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/proto/waMmsRetry"
	"go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Client is the part of a whatsmeow client the adapter uses. NewClient wraps
// a *whatsmeow.Client; tests use a fake (see package whatsapptest). Every
// method may be called from several goroutines at once; those taking a ctx
// do network or database I/O and may block until WhatsApp answers.
type Client interface {
	// AddEventHandler registers the one function that receives every
	// whatsmeow event: messages one at a time, in the order they came;
	// connection events each from a goroutine of its own, so they may race
	// one another and the messages. The handler reports whether it handled
	// the event: a message is acknowledged to WhatsApp (delivery receipt)
	// only after true; after false it is not, and WhatsApp delivers it
	// again at the next connection.
	AddEventHandler(handler func(evt any) bool)
	// Connect opens the websocket and logs in (or starts pairing when no
	// device is paired). It returns once the socket is up; the outcome of
	// the login arrives as events (Connected, LoggedOut, …).
	Connect(ctx context.Context) error
	// Disconnect closes the websocket without emitting events.
	Disconnect()
	// IsLoggedIn reports whether the websocket is open and logged in now
	// (whatsmeow's IsConnected and IsLoggedIn): the truth the connection
	// events, which race one another, may not tell.
	IsLoggedIn() bool
	// Paired reports whether the device store holds a paired device.
	Paired() bool
	// OwnID is the paired account's phone-number JID and LID (non-AD; empty
	// when unpaired or not known).
	OwnID() (pn, lid types.JID)
	// GetQRChannel starts QR pairing; call it before Connect.
	GetQRChannel(ctx context.Context) (<-chan whatsmeow.QRChannelItem, error)
	// PairPhone asks for a pairing code for phone (digits with country
	// code); call it after Connect.
	PairPhone(ctx context.Context, phone string) (string, error)

	// SendMessage sends one message to a user JID under id (WhatsApp drops
	// a second message with the same id; empty: whatsmeow makes one) and
	// returns its id.
	SendMessage(ctx context.Context, to types.JID, msg *waE2E.Message, id string) (whatsmeow.SendResponse, error)
	// Upload encrypts and uploads media for a message.
	Upload(ctx context.Context, data []byte, kind whatsmeow.MediaType) (whatsmeow.UploadResponse, error)
	// Download fetches and decrypts the media of a message as whatsmeow
	// does (from its URL, else its direct path), reading at most max bytes:
	// longer media fails, matching bot.ErrFileTooLarge, once max is passed.
	Download(ctx context.Context, msg whatsmeow.DownloadableMessage, max int64) ([]byte, error)
	// DownloadPath is Download from the media's direct path alone, through
	// WhatsApp's current media hosts: the fallback when its URL expired.
	DownloadPath(ctx context.Context, msg whatsmeow.DownloadableMessage, max int64) ([]byte, error)
	// RequestMediaRetry asks the phone that sent a message to upload its
	// media again; the answer comes as an *events.MediaRetry.
	RequestMediaRetry(ctx context.Context, info *types.MessageInfo, mediaKey []byte) error
	// MediaRetryPath reads a phone's answer to RequestMediaRetry: the new
	// direct path of the media, or why there is none.
	MediaRetryPath(evt *events.MediaRetry, mediaKey []byte) (string, error)
	// SendPresence sets the account's own presence (available after a
	// login).
	SendPresence(ctx context.Context, state types.Presence) error
	// SendChatPresence shows or clears "typing…" in a chat.
	SendChatPresence(ctx context.Context, to types.JID, state types.ChatPresence) error
	// IsOnWhatsApp tells which phone numbers ("+62…") have an account.
	IsOnWhatsApp(ctx context.Context, phones []string) ([]types.IsOnWhatsAppResponse, error)
	// PNForLID resolves a LID to its phone-number JID through whatsmeow's LID
	// store; an empty JID (and nil error) when the mapping is not known.
	PNForLID(ctx context.Context, lid types.JID) (types.JID, error)
}

// pairClientName is how the linked device shows on the phone when paired by
// code; WhatsApp accepts only "Browser (OS)" with common names.
const pairClientName = "Chrome (Linux)"

// deviceName is the name of the linked device on the phone.
const deviceName = "kinerjabot"

var setOSOnce sync.Once

// NewClient wraps a whatsmeow client for device (from Store.Device). The
// adapter runs its own reconnect policy, so whatsmeow's automatic reconnect
// is turned off. Messages are acknowledged only once the event handler
// reports them handled (SynchronousAck); the decrypted-event buffer keeps
// their plaintext in the session store meanwhile, so that a redelivery
// decrypts although the Signal session moved on. log receives whatsmeow's
// own logs, phone numbers masked.
func NewClient(device *store.Device, log *slog.Logger) Client {
	setOSOnce.Do(func() {
		// The name shown under "Linked devices" on the phone. whatsmeow keeps
		// it in package state, so it is set once here.
		store.SetOSInfo(deviceName, [3]uint32{1, 0, 0})
		store.DeviceProps.PlatformType = waCompanionReg.DeviceProps_CHROME.Enum()
	})
	cli := whatsmeow.NewClient(device, newWALogger(log, "client"))
	cli.EnableAutoReconnect = false
	cli.SynchronousAck = true
	cli.EnableDecryptedEventBuffer = true
	return &realClient{cli: cli}
}

// realClient is Client over *whatsmeow.Client.
type realClient struct{ cli *whatsmeow.Client }

// Whatsmeow returns the wrapped client, for callers that need more of it.
func Whatsmeow(c Client) (*whatsmeow.Client, bool) {
	rc, ok := c.(*realClient)
	if !ok {
		return nil, false
	}
	return rc.cli, true
}

func (c *realClient) AddEventHandler(h func(any) bool) { c.cli.AddEventHandlerWithSuccessStatus(h) }

func (c *realClient) Connect(ctx context.Context) error { return c.cli.ConnectContext(ctx) }

func (c *realClient) Disconnect() { c.cli.Disconnect() }

func (c *realClient) IsLoggedIn() bool { return c.cli.IsConnected() && c.cli.IsLoggedIn() }

func (c *realClient) Paired() bool { return c.cli.Store.ID != nil }

func (c *realClient) OwnID() (pn, lid types.JID) {
	return c.cli.Store.GetJID().ToNonAD(), c.cli.Store.GetLID().ToNonAD()
}

func (c *realClient) GetQRChannel(ctx context.Context) (<-chan whatsmeow.QRChannelItem, error) {
	return c.cli.GetQRChannel(ctx)
}

func (c *realClient) PairPhone(ctx context.Context, phone string) (string, error) {
	return c.cli.PairPhone(ctx, phone, true, whatsmeow.PairClientChrome, pairClientName)
}

func (c *realClient) SendMessage(ctx context.Context, to types.JID, msg *waE2E.Message, id string) (whatsmeow.SendResponse, error) {
	return c.cli.SendMessage(ctx, to, msg, whatsmeow.SendRequestExtra{ID: id})
}

func (c *realClient) Upload(ctx context.Context, data []byte, kind whatsmeow.MediaType) (whatsmeow.UploadResponse, error) {
	return c.cli.Upload(ctx, data, kind)
}

func (c *realClient) Download(ctx context.Context, msg whatsmeow.DownloadableMessage, max int64) ([]byte, error) {
	f := newBoundedFile(max)
	return bounded(f, max, c.cli.DownloadToFile(ctx, msg, f))
}

func (c *realClient) DownloadPath(ctx context.Context, msg whatsmeow.DownloadableMessage, max int64) ([]byte, error) {
	size := -1
	if m, ok := msg.(interface{ GetFileLength() uint64 }); ok && m.GetFileLength() > 0 {
		size = int(m.GetFileLength())
	}
	f := newBoundedFile(max)
	err := c.cli.DownloadMediaWithPathToFile(ctx, msg.GetDirectPath(), msg.GetFileEncSHA256(), msg.GetFileSHA256(),
		msg.GetMediaKey(), size, whatsmeow.GetMediaType(msg), "", f)
	return bounded(f, max, err)
}

// bounded is the outcome of a download into f.
func bounded(f *boundedFile, max int64, err error) ([]byte, error) {
	switch {
	case errors.Is(err, errFileTooLong):
		return nil, fmt.Errorf("%w: over %d bytes", bot.ErrFileTooLarge, max)
	case err != nil:
		return nil, err
	case int64(len(f.Bytes())) > max:
		return nil, fmt.Errorf("%w: %d bytes, over %d", bot.ErrFileTooLarge, len(f.Bytes()), max)
	}
	return f.Bytes(), nil
}

func (c *realClient) RequestMediaRetry(ctx context.Context, info *types.MessageInfo, mediaKey []byte) error {
	return c.cli.SendMediaRetryReceipt(ctx, info, mediaKey)
}

func (c *realClient) MediaRetryPath(evt *events.MediaRetry, mediaKey []byte) (string, error) {
	n, err := whatsmeow.DecryptMediaRetryNotification(evt, mediaKey)
	switch {
	case err != nil:
		return "", err
	case n.GetResult() != waMmsRetry.MediaRetryNotification_SUCCESS || n.GetDirectPath() == "":
		return "", fmt.Errorf("media retry result %s", n.GetResult())
	}
	return n.GetDirectPath(), nil
}

func (c *realClient) SendPresence(ctx context.Context, state types.Presence) error {
	return c.cli.SendPresence(ctx, state)
}

func (c *realClient) SendChatPresence(ctx context.Context, to types.JID, state types.ChatPresence) error {
	return c.cli.SendChatPresence(ctx, to, state, types.ChatPresenceMediaText)
}

func (c *realClient) IsOnWhatsApp(ctx context.Context, phones []string) ([]types.IsOnWhatsAppResponse, error) {
	return c.cli.IsOnWhatsApp(ctx, phones)
}

func (c *realClient) PNForLID(ctx context.Context, lid types.JID) (types.JID, error) {
	if c.cli.Store.LIDs == nil {
		return types.EmptyJID, nil
	}
	pn, err := c.cli.Store.LIDs.GetPNForLID(ctx, lid)
	if err != nil {
		return types.EmptyJID, fmt.Errorf("look up phone number of lid: %w", err)
	}
	return pn, nil
}
