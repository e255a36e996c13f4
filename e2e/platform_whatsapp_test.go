package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // photo sizes
	"strings"
	"sync"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/types"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
	"github.com/kinerjabot/kinerjabot/storage"
)

// botPhone is the bot's own WhatsApp number.
const botPhone = "+6281100000000"

// waPlatform is the bot on WhatsApp: our adapter over whatsapptest's fake
// whatsmeow client, feeding the harness's engine, which replies through it.
type waPlatform struct {
	t     *testing.T
	h     *harness
	fc    *whatsapptest.Client
	a     *whatsapp.Adapter
	sends *settling
}

func startWhatsAppPlatform(t *testing.T) platform {
	h := start(t, harnessOpt{})
	fc := whatsapptest.NewClient(botPhone)
	a := whatsapptest.Start(t, fc, whatsapp.Options{Redis: h.rdb, Prefix: h.rdb.Prefix}, h.eng)
	p := &waPlatform{t: t, h: h, fc: fc, a: a, sends: newSettling(a)}
	h.wa.Store(a)
	for _, e := range h.engs {
		e.AddSender(bot.WhatsApp, p.sends)
	}
	return p
}

func (p *waPlatform) name() bot.Platform     { return bot.WhatsApp }
func (p *waPlatform) base() *harness         { return p.h }
func (p *waPlatform) store() storage.Store   { return p.h.store }
func (p *waPlatform) userID(q person) string { return whatsapptest.ChatID(q.phone) }

// refusal: WhatsApp has no buttons, and a person's numbered choices are
// their own chat's, so the number someone else's prompt offers is, in this
// person's chat (with no choices open), plain text the bot does not
// understand; it decides nothing.
func (p *waPlatform) refusal() string { return "Maaf, saya tidak mengerti" }

// chat is q writing from their phone number, registered with WhatsApp.
func (p *waPlatform) chat(q person) convo {
	j := whatsapptest.Phone(q.phone)
	return p.convo(q, j, j)
}

// convo is q writing as from, answered in the chat to.
func (p *waPlatform) convo(q person, from, to types.JID) *waConvo {
	return &waConvo{t: p.t, p: p, who: q, from: from, to: to}
}

func (p *waPlatform) photo(m botMsg) []byte {
	p.t.Helper()
	img := m.raw.(whatsapptest.Sent).Image()
	if img == nil {
		p.t.Fatalf("message %q carries no photo", m.text)
	}
	data, err := p.fc.Download(context.Background(), img, 64<<20)
	if err != nil {
		p.t.Fatalf("download the photo of %q: %v", m.text, err)
	}
	return data
}

// waConvo is one person's private chat.
type waConvo struct {
	t        *testing.T
	p        *waPlatform
	who      person
	from, to types.JID
	seen     int // messages of the fake, to any chat, already read here
}

func (c *waConvo) register() botMsg {
	c.t.Helper()
	c.say("halo") // writing anything: WhatsApp vouches for the number
	welcome := c.next()
	contains(c.t, c.next().text, "Sekilas tentang bot ini") // the introduction
	return welcome
}

func (c *waConvo) say(text string) {
	c.t.Helper()
	c.p.sends.settle(c.t)
	c.p.fc.Receive(whatsapptest.Text(c.from, text, whatsapptest.Name(c.who.name)))
}

func (c *waConvo) sendPhoto(jpeg []byte) {
	c.t.Helper()
	cfg, _, err := image.DecodeConfig(bytes.NewReader(jpeg))
	if err != nil {
		c.t.Fatal(err)
	}
	c.p.sends.settle(c.t)
	c.p.fc.Receive(whatsapptest.Image(c.p.fc, c.from, jpeg, "image/jpeg", "", cfg.Width, cfg.Height, whatsapptest.Name(c.who.name)))
}

// press types the number m offers for label.
func (c *waConvo) press(m botMsg, label string) {
	c.t.Helper()
	c.p.sends.settle(c.t)
	c.p.fc.Receive(whatsapptest.Text(c.from, c.pick(m, label), whatsapptest.Name(c.who.name)))
}

// pressQuoting types that number swipe-replying to m.
func (c *waConvo) pressQuoting(m botMsg, label string) {
	c.t.Helper()
	c.p.sends.settle(c.t)
	id := m.raw.(whatsapptest.Sent).ID
	c.p.fc.Receive(whatsapptest.Reply(c.from, id, c.pick(m, label), whatsapptest.Name(c.who.name)))
}

func (c *waConvo) pick(m botMsg, label string) string {
	c.t.Helper()
	n, ok := whatsapptest.Pick(m.text, label)
	if !ok {
		c.t.Fatalf("no choice %q in %q", label, m.text)
	}
	return n
}

func (c *waConvo) next() botMsg {
	c.t.Helper()
	return c.await("any message", func(botMsg) bool { return true })
}

func (c *waConvo) expect(want string) botMsg {
	c.t.Helper()
	return c.await(fmt.Sprintf("a message containing %q", want), func(m botMsg) bool { return strings.Contains(m.text, want) })
}

func (c *waConvo) await(what string, match func(botMsg) bool) botMsg {
	c.t.Helper()
	deadline := time.Now().Add(waitFor)
	var skipped []string
	for {
		all := c.p.fc.Sent()
		for ; c.seen < len(all); c.seen++ {
			if all[c.seen].To != c.to {
				continue
			}
			m := waMsg(all[c.seen])
			c.t.Logf("%s %s ← %q", c.p.name(), c.who.name, m.text)
			if match(m) {
				c.seen++
				return m
			}
			skipped = append(skipped, m.text)
		}
		left := time.Until(deadline)
		if left <= 0 || !waited(c.t, func(tb testing.TB) { c.p.fc.WaitSent(tb, len(all)+1, left) }) {
			c.t.Fatalf("whatsapp %s (%s): no %s after %v; read meanwhile: %q", c.who.name, c.to, what, waitFor, skipped)
		}
	}
}

// notice: a press's answer comes as a message.
func (c *waConvo) notice() string { c.t.Helper(); return c.next().text }

// edited is the follow-up quoting m that the adapter sends for an edit of
// m; it does not move this chat's reading position.
func (c *waConvo) edited(m botMsg) botMsg {
	c.t.Helper()
	id := m.raw.(whatsapptest.Sent).ID
	deadline := time.Now().Add(waitFor)
	for {
		all := c.p.fc.Sent()
		for _, s := range all {
			if s.To == c.to && s.QuotedID() == id {
				c.t.Logf("whatsapp %s ← (quoting %s) %q", c.who.name, id, s.Text())
				return waMsg(s)
			}
		}
		left := time.Until(deadline)
		if left <= 0 || !waited(c.t, func(tb testing.TB) { c.p.fc.WaitSent(tb, len(all)+1, left) }) {
			c.t.Fatalf("whatsapp %s: no follow-up quoting %s (%.40q…) after %v", c.who.name, id, m.text, waitFor)
		}
	}
}

func waMsg(s whatsapptest.Sent) botMsg {
	text := s.Text()
	return botMsg{text: text, choices: whatsapptest.Choices(text), photo: s.Image() != nil, raw: s}
}

// settling is the WhatsApp adapter as the engines' sender, knowing which
// sends are under way. The fake records a message while the adapter's send
// is still going: only after that does the adapter remember the message's
// numbered choices (or forget the chat's older ones). A person needs
// seconds to read a message and answer; a test needs microseconds, so it
// lets the sends settle first, or a number typed could meet the choices of
// an older message.
type settling struct {
	a     *whatsapp.Adapter
	mu    sync.Mutex
	busy  int
	quiet chan struct{} // closed when busy drops to 0
}

func newSettling(a *whatsapp.Adapter) *settling { return &settling{a: a, quiet: make(chan struct{})} }

func (s *settling) Send(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	s.begin()
	defer s.end()
	return s.a.Send(ctx, r)
}

func (s *settling) AnswerCallback(ctx context.Context, id, text string) error {
	s.begin()
	defer s.end()
	return s.a.AnswerCallback(ctx, id, text)
}

func (s *settling) begin() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.busy++
}

func (s *settling) end() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.busy--; s.busy == 0 {
		close(s.quiet)
		s.quiet = make(chan struct{})
	}
}

// settle waits until no send is under way.
func (s *settling) settle(t testing.TB) {
	t.Helper()
	timer := time.NewTimer(waitFor)
	defer timer.Stop()
	for {
		s.mu.Lock()
		busy, quiet := s.busy, s.quiet
		s.mu.Unlock()
		if busy == 0 {
			return
		}
		select {
		case <-quiet:
		case <-timer.C:
			t.Fatalf("whatsapp: %d sends still under way after %v", busy, waitFor)
		}
	}
}

// A sender known only by their LID, whose number WhatsApp has not told, is
// asked for the one-time code; typing a number proves nothing. Once the LID
// store knows their number, writing again registers them by it, in the
// chat of that number.
func TestWhatsAppLIDOnlySenderRegistersOnceItsNumberIsKnown(t *testing.T) {
	p := startWhatsAppPlatform(t).(*waPlatform)
	ctx := context.Background()
	lid := whatsapptest.LID("204857361029384")
	anon := p.convo(other, lid, lid)
	anon.say("halo")
	ask := anon.next()
	for _, w := range []string{"/kode NIP KODE", "minta kode ke admin OPD"} {
		contains(t, ask.text, w)
	}
	anon.say("081234500003")
	contains(t, anon.next().text, "/kode NIP KODE")
	if e, err := p.store().EmployeeByAccount(ctx, string(bot.WhatsApp), lid.String()); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("the LID was linked to %s (%v)", e.NIP, err)
	}
	if e, err := p.store().GetEmployee(ctx, other.nip); err != nil || len(e.Accounts) != 0 {
		t.Fatalf("Sari has accounts %+v (%v) before proving anything", e.Accounts, err)
	}

	p.fc.MapLID(lid, other.phone)
	sari := p.convo(other, lid, whatsapptest.Phone(other.phone))
	sari.say("halo lagi")
	welcome := sari.next()
	for _, w := range []string{"Pendaftaran berhasil", "Selamat datang, Sari Dewi!", "Bidan"} {
		contains(t, welcome.text, w)
	}
	e, err := p.store().EmployeeByAccount(ctx, string(bot.WhatsApp), whatsapptest.ChatID(other.phone))
	if err != nil || e.NIP != other.nip {
		t.Fatalf("linked to %q, %v; want %s", e.NIP, err, other.nip)
	}
	if acc := e.Accounts[string(bot.WhatsApp)]; acc.ChatID != whatsapptest.ChatID(other.phone) {
		t.Fatalf("account = %+v, want the phone-number chat", acc)
	}
	if _, err := p.store().EmployeeByAccount(ctx, string(bot.WhatsApp), lid.String()); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("the LID itself was linked (%v)", err)
	}
	if n := len(p.fc.SentTo(lid.String())); n != 2 {
		t.Fatalf("%d messages went to the LID chat, want the 2 code requests", n)
	}
}

// A reply whose send timed out although it went through is retried by the
// engine under the same message id, which WhatsApp drops: the person reads
// it once.
func TestWhatsAppTimedOutReplyShownOnce(t *testing.T) {
	p := startWhatsAppPlatform(t).(*waPlatform)
	sari := p.convo(other, whatsapptest.Phone(other.phone), whatsapptest.Phone(other.phone))
	p.fc.TimeOutSends(1)
	sari.say("halo")
	contains(t, sari.next().text, "Pendaftaran berhasil")
	contains(t, sari.next().text, "Sekilas tentang bot ini")
	p.fc.WaitAttempts(t, 2, waitFor) // the engine's retry
	p.sends.settle(t)
	if n := len(p.fc.SentTo(other.phone)); n != 2 {
		t.Fatalf("Sari got %d messages, want the welcome and the introduction once", n)
	}
}
