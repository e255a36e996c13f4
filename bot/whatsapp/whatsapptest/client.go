// Package whatsapptest gives tests a fake WhatsApp: Client stands in for
// whatsmeow behind the adapter's whatsapp.Client interface. It records
// every message the adapter sends, serves the media it was given, answers
// number lookups and LID look-ups from tables the test fills, and delivers
// events to the adapter's handler as whatsmeow does: messages one at a
// time, each acknowledged (Receipts) only when the handler reports it
// handled and otherwise delivered again after the next Connect; connection
// events each from a goroutine of its own, so they race. The builders (Text, Image, Location, ContactCard…) make the *events.Message
// values a phone would cause.
//
// A test drives a conversation like this (see Start, Choices and Pick):
//
//	fc := whatsapptest.NewClient("+6281100000000")  // the bot's own number
//	a := whatsapptest.Start(t, fc, whatsapp.Options{Redis: rdb, Prefix: prefix}, engine)
//	budi := whatsapptest.Phone("+6281234567890")
//	fc.Receive(whatsapptest.Text(budi, "/lapor"))       // → engine.Accept
//	sent := fc.WaitSent(t, 1, 5*time.Second)            // what the bot answered
//	sent[0].Text()                                      // "…\n\nBalas 1 untuk Setujui, 2 untuk Tolak."
//	n, _ := whatsapptest.Pick(sent[0].Text(), "Tolak")  // "2"
//	fc.Receive(whatsapptest.Text(budi, n))              // → a callback with that button's data
//
// The adapter only answers people who wrote first, so a test's first
// message to someone must follow one from them.
package whatsapptest

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
)

var _ whatsapp.Client = (*Client)(nil)

// Sent is one message the adapter sent.
type Sent struct {
	ID      string
	To      types.JID
	Message *waE2E.Message
	At      time.Time
}

// Text is the message's text: the conversation text, the extended text, or
// the photo caption.
func (s Sent) Text() string {
	m := s.Message
	switch {
	case m.GetConversation() != "":
		return m.GetConversation()
	case m.GetExtendedTextMessage() != nil:
		return m.GetExtendedTextMessage().GetText()
	case m.GetImageMessage() != nil:
		return m.GetImageMessage().GetCaption()
	case m.GetDocumentMessage() != nil:
		return m.GetDocumentMessage().GetCaption()
	}
	return ""
}

// Image is the photo sent, nil for a text message.
func (s Sent) Image() *waE2E.ImageMessage { return s.Message.GetImageMessage() }

// Document is the document sent, nil for another message.
func (s Sent) Document() *waE2E.DocumentMessage { return s.Message.GetDocumentMessage() }

// QuotedID is the id of the message this one quotes (an edit's follow-up).
func (s Sent) QuotedID() string {
	return s.Message.GetExtendedTextMessage().GetContextInfo().GetStanzaID()
}

// Presence is one chat presence the adapter showed ("composing").
type Presence struct {
	To    types.JID
	State types.ChatPresence
}

// Client is a fake whatsapp.Client. Its methods are safe for concurrent use.
type Client struct {
	emitMu sync.Mutex // events reach the handlers one at a time

	mu        sync.Mutex
	handlers  []func(any) bool
	receipts  []string          // ids of the messages acknowledged, in order
	unacked   []*events.Message // offline, or refused by the handler: delivered at Connect
	syncs     int               // offline queues drained (OfflineSyncCompleted handled)
	own, lid  types.JID
	paired    bool
	connected bool
	connects  int
	sent      []Sent
	presences []Presence
	accountPr []types.Presence // the account's own presences, in order
	uploads   [][]byte
	upKinds   []whatsmeow.MediaType
	media     map[string][]byte // direct path → bytes
	expired   bool              // media URLs are refused (410); direct paths still serve
	phone     map[string][]byte // media key → bytes: what the senders' phones still hold
	retries   int               // media retry requests
	lids      map[types.JID]types.JID
	offWA     map[string]bool
	lookups   int
	sendErrs  []error
	attempts  int // SendMessage calls, failed ones included
	timeouts  int // next sends delivered, but answered ErrMessageTimedOut
	qr        chan whatsmeow.QRChannelItem
	pairPhone string
	seq       int
	changed   chan struct{}

	// OnConnect, when set, gives the events the n-th Connect (from 1)
	// causes, and its error; by default a paired client emits Connected.
	OnConnect func(n int) ([]any, error)
}

// NewClient returns a fake paired as ownPhone ("+62…"), with LID "1@lid".
func NewClient(ownPhone string) *Client {
	c := newClient()
	c.own, c.lid, c.paired = Phone(ownPhone), LID("1"), true
	return c
}

// NewUnpairedClient returns a fake with no paired device; pair it through
// the QR flow (ScanQR) or Pair.
func NewUnpairedClient() *Client { return newClient() }

func newClient() *Client {
	return &Client{
		media: map[string][]byte{}, phone: map[string][]byte{}, lids: map[types.JID]types.JID{}, offWA: map[string]bool{},
		changed: make(chan struct{}),
	}
}

// changedLocked wakes the waiters; c.mu is held.
func (c *Client) changedLocked() {
	close(c.changed)
	c.changed = make(chan struct{})
}

// --- whatsapp.Client ---

func (c *Client) AddEventHandler(h func(any) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.handlers = append(c.handlers, h)
}

func (c *Client) Connect(context.Context) error {
	c.mu.Lock()
	if c.connected {
		c.mu.Unlock()
		return whatsmeow.ErrAlreadyConnected
	}
	c.connects++
	n, paired, qr := c.connects, c.paired, c.qr
	on := c.OnConnect
	c.connected = true
	c.changedLocked()
	c.mu.Unlock()
	if !paired {
		if qr != nil {
			qr <- whatsmeow.QRChannelItem{Event: whatsmeow.QRChannelEventCode, Code: "2@fake-qr-code", Timeout: 20 * time.Second}
		}
		return nil
	}
	evts, err := []any{&events.Connected{}}, error(nil)
	if on != nil {
		evts, err = on(n)
	}
	if err != nil {
		c.mu.Lock()
		c.connected = false
		c.mu.Unlock()
		return err
	}
	go func() { // whatsmeow reports the login from its own goroutine
		c.Emit(evts...)
		c.redeliver()
	}()
	return nil
}

// redeliver delivers, in order, the messages sent while the client was
// offline and those the handler refused, then says the offline queue is
// drained, as WhatsApp does to a client that connects.
func (c *Client) redeliver() {
	c.mu.Lock()
	msgs := c.unacked
	c.unacked = nil
	c.mu.Unlock()
	c.Receive(msgs...)
	c.Emit(&events.OfflineSyncCompleted{Count: len(msgs)})
	c.mu.Lock()
	c.syncs++
	c.changedLocked()
	c.mu.Unlock()
}

func (c *Client) Disconnect() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.connected = false
	c.changedLocked()
}

func (c *Client) IsLoggedIn() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.connected && c.paired
}

func (c *Client) Paired() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.paired
}

func (c *Client) OwnID() (pn, lid types.JID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.paired {
		return types.EmptyJID, types.EmptyJID
	}
	return c.own, c.lid
}

func (c *Client) GetQRChannel(context.Context) (<-chan whatsmeow.QRChannelItem, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.paired {
		return nil, whatsmeow.ErrQRStoreContainsID
	}
	c.qr = make(chan whatsmeow.QRChannelItem, 8)
	return c.qr, nil
}

func (c *Client) PairPhone(_ context.Context, phone string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pairPhone = phone
	return "ABCD-EFGH", nil
}

// SendMessage records the message as sent, under id (one of its own when
// empty). As WhatsApp does, a second message with an id already sent to
// that chat is dropped: it is not recorded again, and the send succeeds.
func (c *Client) SendMessage(_ context.Context, to types.JID, msg *waE2E.Message, id string) (whatsmeow.SendResponse, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.attempts++
	c.changedLocked()
	if len(c.sendErrs) > 0 {
		err := c.sendErrs[0]
		c.sendErrs = c.sendErrs[1:]
		return whatsmeow.SendResponse{}, err
	}
	if id == "" {
		c.seq++
		id = fmt.Sprintf("BOT%08d", c.seq)
	}
	if !slices.ContainsFunc(c.sent, func(s Sent) bool { return s.To == to && s.ID == id }) {
		c.sent = append(c.sent, Sent{ID: id, To: to, Message: msg, At: time.Now()})
	}
	if c.timeouts > 0 {
		c.timeouts--
		return whatsmeow.SendResponse{}, whatsmeow.ErrMessageTimedOut
	}
	return whatsmeow.SendResponse{ID: id, Timestamp: time.Now()}, nil
}

func (c *Client) Upload(_ context.Context, data []byte, kind whatsmeow.MediaType) (whatsmeow.UploadResponse, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sum := sha256.Sum256(data)
	path := fmt.Sprintf("/v/t62.7118-24/up-%x", sum[:8])
	c.media[path] = append([]byte(nil), data...)
	c.uploads = append(c.uploads, data)
	c.upKinds = append(c.upKinds, kind)
	return whatsmeow.UploadResponse{
		URL: "https://mmg.whatsapp.net" + path, DirectPath: path, MediaKey: sum[:],
		FileSHA256: sum[:], FileEncSHA256: sum[:], FileLength: uint64(len(data)),
	}, nil
}

// ErrNoMedia is what Download returns for media the fake does not hold.
var ErrNoMedia = errors.New("whatsapptest: no such media")

// Download serves media as whatsmeow does: by its URL when it has one
// (refused with 410 after ExpireURLs), else by its direct path; media over
// max is refused as the real client's bounded read does.
func (c *Client) Download(ctx context.Context, msg whatsmeow.DownloadableMessage, max int64) ([]byte, error) {
	c.mu.Lock()
	expired := c.expired
	c.mu.Unlock()
	if u, ok := msg.(interface{ GetURL() string }); ok && u.GetURL() != "" && expired {
		return nil, whatsmeow.ErrMediaDownloadFailedWith410
	}
	return c.DownloadPath(ctx, msg, max)
}

func (c *Client) DownloadPath(_ context.Context, msg whatsmeow.DownloadableMessage, max int64) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	data, ok := c.media[msg.GetDirectPath()]
	switch {
	case !ok:
		return nil, whatsmeow.ErrMediaDownloadFailedWith404
	case int64(len(data)) > max:
		return nil, fmt.Errorf("%w: over %d bytes", bot.ErrFileTooLarge, max)
	}
	return append([]byte(nil), data...), nil
}

// RequestMediaRetry answers as the sender's phone does, from a goroutine
// of its own: with a new direct path for media it still holds (see
// ExpireMedia), else with "not on the phone" (error code 2).
func (c *Client) RequestMediaRetry(_ context.Context, info *types.MessageInfo, mediaKey []byte) error {
	c.mu.Lock()
	c.retries++
	evt := &events.MediaRetry{MessageID: info.ID, ChatID: info.Chat, Timestamp: time.Now()}
	if data, ok := c.phone[string(mediaKey)]; ok {
		path := fmt.Sprintf("/v/t62.7118-24/re-%x", mediaKey[:8])
		c.media[path] = data
		evt.Ciphertext = []byte(path)
	} else {
		evt.Error = &events.MediaRetryError{Code: 2}
	}
	c.mu.Unlock()
	go c.Emit(evt)
	return nil
}

// MediaRetryPath reads the fake phone's answer (its Ciphertext is the new
// path in clear).
func (c *Client) MediaRetryPath(evt *events.MediaRetry, _ []byte) (string, error) {
	if evt.Error != nil {
		return "", whatsmeow.ErrMediaNotAvailableOnPhone
	}
	return string(evt.Ciphertext), nil
}

func (c *Client) SendPresence(_ context.Context, state types.Presence) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.accountPr = append(c.accountPr, state)
	c.changedLocked()
	return nil
}

func (c *Client) SendChatPresence(_ context.Context, to types.JID, state types.ChatPresence) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.presences = append(c.presences, Presence{To: to, State: state})
	c.changedLocked()
	return nil
}

func (c *Client) IsOnWhatsApp(_ context.Context, phones []string) ([]types.IsOnWhatsAppResponse, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lookups++
	out := make([]types.IsOnWhatsAppResponse, 0, len(phones))
	for _, p := range phones {
		out = append(out, types.IsOnWhatsAppResponse{Query: p, JID: Phone(p), IsIn: !c.offWA[digits(p)]})
	}
	return out, nil
}

func (c *Client) PNForLID(_ context.Context, lid types.JID) (types.JID, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lids[lid.ToNonAD()], nil
}

// --- driving the fake ---

// Emit hands events to the adapter's handler as whatsmeow does, and
// returns once all were handled: messages one at a time, in order, in the
// caller's goroutine (a message is acknowledged only when every handler
// reports it handled; otherwise it waits for the next Connect); every other
// event from a goroutine of its own, all at once, so that they race. A
// Disconnected closes the connection first, as whatsmeow's socket is gone
// by the time it says so.
func (c *Client) Emit(evts ...any) {
	var wg sync.WaitGroup
	for _, e := range evts {
		if _, ok := e.(*events.Disconnected); ok {
			c.Drop()
		}
		if m, ok := e.(*events.Message); ok {
			c.deliver(m)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.dispatch(e)
		}()
	}
	wg.Wait()
}

// dispatch calls the handlers with evt until one fails, as whatsmeow's
// dispatchEvent does, and reports whether all handled it.
func (c *Client) dispatch(evt any) bool {
	c.mu.Lock()
	hs := append([]func(any) bool{}, c.handlers...)
	c.mu.Unlock()
	for _, h := range hs {
		if !h(evt) {
			return false
		}
	}
	return true
}

// deliver hands one message to the handlers and acknowledges it, or keeps
// it for the next Connect.
func (c *Client) deliver(m *events.Message) {
	c.emitMu.Lock()
	defer c.emitMu.Unlock()
	ok := c.dispatch(m)
	c.mu.Lock()
	defer c.mu.Unlock()
	if ok {
		c.receipts = append(c.receipts, m.Info.ID)
	} else {
		c.unacked = append(c.unacked, m)
	}
	c.changedLocked()
}

// Offline keeps messages as WhatsApp does for a client that is not
// connected: they are delivered, in order, at the next Connect.
func (c *Client) Offline(msgs ...*events.Message) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.unacked = append(c.unacked, msgs...)
}

// Receive delivers messages as if people sent them.
func (c *Client) Receive(msgs ...*events.Message) {
	evts := make([]any, len(msgs))
	for i, m := range msgs {
		evts[i] = m
	}
	c.Emit(evts...)
}

// Drop closes the connection without telling the handler, as a socket that
// died quietly does (or one whose Disconnected lost a race).
func (c *Client) Drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.connected = false
	c.changedLocked()
}

// ScanQR completes QR pairing as the phone would: the device is paired as
// ownPhone, the QR channel reports success, and the login follows.
func (c *Client) ScanQR(ownPhone string) {
	c.mu.Lock()
	c.paired, c.own, c.lid = true, Phone(ownPhone), LID("1")
	qr := c.qr
	c.qr = nil
	c.mu.Unlock()
	if qr != nil {
		qr <- whatsmeow.QRChannelSuccess
		close(qr)
	}
	c.Emit(&events.PairSuccess{ID: Phone(ownPhone), LID: LID("1"), Platform: "android"}, &events.Connected{})
}

// ExpireQR ends QR pairing as WhatsApp does when no code was scanned.
func (c *Client) ExpireQR() {
	c.mu.Lock()
	qr := c.qr
	c.qr = nil
	c.mu.Unlock()
	if qr != nil {
		qr <- whatsmeow.QRChannelTimeout
		close(qr)
	}
}

// PairedPhone is the number PairPhone was asked for ("" when not asked).
func (c *Client) PairedPhone() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pairPhone
}

// MapLID tells the fake LID store that lid ("123@lid" or a LID JID user)
// belongs to phone ("+62…").
func (c *Client) MapLID(lid types.JID, phone string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lids[lid.ToNonAD()] = Phone(phone)
}

// SetNotOnWhatsApp makes number lookups answer that phone has no account.
func (c *Client) SetNotOnWhatsApp(phone string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offWA[digits(phone)] = true
}

// TimeOutSends makes the next n sends go through but answer
// whatsmeow.ErrMessageTimedOut, as when WhatsApp's acknowledgement is lost.
func (c *Client) TimeOutSends(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.timeouts += n
}

// FailSends makes the next sends fail with errs, one each, in order.
func (c *Client) FailSends(errs ...error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sendErrs = append(c.sendErrs, errs...)
}

// ExpireURLs makes WhatsApp refuse media by URL (410 Gone), as it does once
// a URL is old; direct paths still serve.
func (c *Client) ExpireURLs() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.expired = true
}

// ExpireMedia drops every file from WhatsApp's media servers, as happens
// after a few weeks; with onPhone, the senders' phones still hold them and
// upload them again when asked (RequestMediaRetry).
func (c *Client) ExpireMedia(onPhone bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, data := range c.media {
		if onPhone {
			sum := sha256.Sum256(data)
			c.phone[string(sum[:])] = data
		}
	}
	c.media = map[string][]byte{}
}

// MediaRetries is how many times a phone was asked to upload media again.
func (c *Client) MediaRetries() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.retries
}

// AddMedia stores data as media WhatsApp holds, returning its direct path.
func (c *Client) AddMedia(data []byte) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	sum := sha256.Sum256(data)
	path := fmt.Sprintf("/v/t62.7118-24/in-%x", sum[:8])
	c.media[path] = append([]byte(nil), data...)
	return path
}

// --- observations ---

// Sent returns every message sent so far, oldest first.
func (c *Client) Sent() []Sent {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Sent(nil), c.sent...)
}

// SentTo returns the messages sent to chat (a JID string or "+62…").
func (c *Client) SentTo(chat string) []Sent {
	want := jidOf(chat)
	var out []Sent
	for _, s := range c.Sent() {
		if s.To == want {
			out = append(out, s)
		}
	}
	return out
}

// Presences returns the chat presences shown so far.
func (c *Client) Presences() []Presence {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Presence(nil), c.presences...)
}

// Receipts returns the ids of the messages acknowledged to WhatsApp so far,
// in order.
func (c *Client) Receipts() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.receipts...)
}

// Unacked returns the ids of the messages the handler refused that wait to
// be delivered again at the next Connect.
func (c *Client) Unacked() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	ids := make([]string, len(c.unacked))
	for i, m := range c.unacked {
		ids[i] = m.Info.ID
	}
	return ids
}

// WaitReceipts waits until at least n messages were acknowledged and
// returns their ids; the test fails after timeout.
func (c *Client) WaitReceipts(t testing.TB, n int, timeout time.Duration) []string {
	t.Helper()
	if !c.waitFor(timeout, func() bool { return len(c.receipts) >= n }) {
		t.Fatalf("whatsapptest: %d messages acknowledged after %v, want %d (unacknowledged: %v)", len(c.Receipts()), timeout, n, c.Unacked())
	}
	return c.Receipts()
}

// WaitPresences waits until at least n chat presences were shown and
// returns them all; the test fails after timeout.
func (c *Client) WaitPresences(t testing.TB, n int, timeout time.Duration) []Presence {
	t.Helper()
	if !c.waitFor(timeout, func() bool { return len(c.presences) >= n }) {
		t.Fatalf("whatsapptest: %d presences shown after %v, want %d", len(c.Presences()), timeout, n)
	}
	return c.Presences()
}

// WaitAvailable waits until the account said it is available (after a
// login); the test fails after timeout.
func (c *Client) WaitAvailable(t testing.TB, timeout time.Duration) {
	t.Helper()
	if !c.waitFor(timeout, func() bool { return len(c.accountPr) > 0 && c.accountPr[len(c.accountPr)-1] == types.PresenceAvailable }) {
		t.Fatalf("whatsapptest: the account's presence is not available after %v", timeout)
	}
}

// Uploads returns the media uploaded so far.
func (c *Client) Uploads() [][]byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([][]byte(nil), c.uploads...)
}

// UploadKinds returns the media type of each upload, in order.
func (c *Client) UploadKinds() []whatsmeow.MediaType {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]whatsmeow.MediaType(nil), c.upKinds...)
}

// Connects is how many times Connect was called.
func (c *Client) Connects() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.connects
}

// Attempts is how many times SendMessage was called, failed calls included.
func (c *Client) Attempts() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.attempts
}

// WaitAttempts waits until SendMessage was called at least n times.
func (c *Client) WaitAttempts(t testing.TB, n int, timeout time.Duration) {
	t.Helper()
	if !c.waitFor(timeout, func() bool { return c.attempts >= n }) {
		t.Fatalf("whatsapptest: %d send attempts after %v, want %d", c.Attempts(), timeout, n)
	}
}

// Lookups is how many number lookups (IsOnWhatsApp) were made.
func (c *Client) Lookups() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lookups
}

// Connected reports whether the fake holds an open connection.
func (c *Client) Connected() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.connected
}

// waitFor waits until cond holds (checked with c.mu held) or timeout.
func (c *Client) waitFor(timeout time.Duration, cond func() bool) bool {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		c.mu.Lock()
		ok, changed := cond(), c.changed
		c.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-changed:
		case <-timer.C:
			return false
		}
	}
}

// WaitSent waits until at least n messages were sent and returns them all;
// the test fails after timeout.
func (c *Client) WaitSent(t testing.TB, n int, timeout time.Duration) []Sent {
	t.Helper()
	if !c.waitFor(timeout, func() bool { return len(c.sent) >= n }) {
		t.Fatalf("whatsapptest: %d messages sent after %v, want %d:\n%s", len(c.Sent()), timeout, n, c.dump())
	}
	return c.Sent()
}

// WaitOfflineSyncs waits until the offline queue was delivered and the
// handler told so (OfflineSyncCompleted) at least n times: once per
// successful Connect.
func (c *Client) WaitOfflineSyncs(t testing.TB, n int, timeout time.Duration) {
	t.Helper()
	if !c.waitFor(timeout, func() bool { return c.syncs >= n }) {
		t.Fatalf("whatsapptest: offline queue delivered %d times after %v, want %d", c.syncs, timeout, n)
	}
}

// WaitConnects waits until Connect was called at least n times.
func (c *Client) WaitConnects(t testing.TB, n int, timeout time.Duration) {
	t.Helper()
	if !c.waitFor(timeout, func() bool { return c.connects >= n }) {
		t.Fatalf("whatsapptest: %d connects after %v, want %d", c.Connects(), timeout, n)
	}
}

func (c *Client) dump() string {
	var b strings.Builder
	for i, s := range c.Sent() {
		fmt.Fprintf(&b, "  %d. to %s: %q\n", i+1, s.To, s.Text())
	}
	return b.String()
}
