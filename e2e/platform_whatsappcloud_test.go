package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsappcloud"
	"github.com/kinerjabot/kinerjabot/bot/whatsappcloud/cloudtest"
	"github.com/kinerjabot/kinerjabot/storage"
)

// cloudPlatform is the bot on the WhatsApp Cloud API: our adapter against
// cloudtest's fake Graph API, which posts people's messages to the
// adapter's webhook signed, as Meta does, feeding the harness's engine.
type cloudPlatform struct {
	t *testing.T
	h *harness
	s *cloudtest.Server
	a *whatsappcloud.Adapter
}

func startCloudPlatform(t *testing.T) platform {
	h := start(t, harnessOpt{})
	s := cloudtest.NewServer(t)
	a, err := whatsappcloud.New(whatsappcloud.Options{
		Token: cloudtest.Token, PhoneNumberID: cloudtest.PhoneNumberID, AppSecret: cloudtest.AppSecret,
		VerifyToken: cloudtest.VerifyToken, APIURL: s.URL(), APIVersion: cloudtest.Version,
		Redis: h.rdb, Prefix: h.rdb.Prefix, Template: "kinerja_pesan",
	}, quiet())
	if err != nil {
		t.Fatal(err)
	}
	s.Hook(t, a.WebhookHandler(h.eng))
	h.waCloud.Store(a)
	for _, e := range h.engs {
		e.AddSender(bot.WhatsApp, a)
	}
	return &cloudPlatform{t: t, h: h, s: s, a: a}
}

func (p *cloudPlatform) name() bot.Platform   { return bot.WhatsApp }
func (p *cloudPlatform) base() *harness       { return p.h }
func (p *cloudPlatform) store() storage.Store { return p.h.store }
func (p *cloudPlatform) userID(q person) string {
	return whatsappcloud.ChatID(strings.TrimPrefix(q.phone, "+"))
}

// refusal: a button press names its data, as on Telegram, and the engine
// refuses someone who is not the owner's supervisor the same way.
func (p *cloudPlatform) refusal() string { return "Anda bukan atasan pemilik laporan ini" }

func (p *cloudPlatform) chat(q person) convo {
	return &cloudConvo{t: p.t, p: p, who: q, wa: strings.TrimPrefix(q.phone, "+")}
}

func (p *cloudPlatform) photo(m botMsg) []byte {
	p.t.Helper()
	id := m.raw.(cloudSent).image
	data, ok := p.s.Media(id)
	if id == "" || !ok {
		p.t.Fatalf("message %q carries no photo", m.text)
	}
	return data
}

// cloudConvo is one person's private chat.
type cloudConvo struct {
	t    *testing.T
	p    *cloudPlatform
	who  person
	wa   string // their WhatsApp id
	seen int    // messages of the fake, to any chat, already read here
}

func (c *cloudConvo) register() botMsg {
	c.t.Helper()
	c.say("halo") // writing anything: WhatsApp vouches for the number (wa_id)
	welcome := c.next()
	contains(c.t, c.next().text, "Sekilas tentang bot ini")
	return welcome
}

func (c *cloudConvo) say(text string) {
	c.t.Helper()
	c.p.s.Deliver(c.t, cloudtest.Text(c.wa, c.who.name, text))
}

func (c *cloudConvo) sendPhoto(jpeg []byte) {
	c.t.Helper()
	c.p.s.Deliver(c.t, c.p.s.Image(c.wa, c.who.name, jpeg, ""))
}

// press taps the reply button (or list row) of m whose label contains label.
func (c *cloudConvo) press(m botMsg, label string) {
	c.t.Helper()
	s := m.raw.(cloudSent).Sent
	i, ok := choiceIndex(m.choices, label)
	if !ok {
		c.t.Fatalf("no button %q in %q", label, m.choices)
	}
	c.p.s.Deliver(c.t, cloudtest.Press(c.wa, c.who.name, s, s.Choices()[i]))
}

// pressQuoting: a press always names its message.
func (c *cloudConvo) pressQuoting(m botMsg, label string) { c.t.Helper(); c.press(m, label) }

func (c *cloudConvo) next() botMsg {
	c.t.Helper()
	return c.await("any message", func(botMsg) bool { return true })
}

func (c *cloudConvo) expect(want string) botMsg {
	c.t.Helper()
	return c.await(fmt.Sprintf("a message containing %q", want), func(m botMsg) bool { return strings.Contains(m.text, want) })
}

func (c *cloudConvo) await(what string, match func(botMsg) bool) botMsg {
	c.t.Helper()
	deadline := time.Now().Add(waitFor)
	var skipped []string
	for {
		all := c.p.s.Sent()
		for ; c.seen < len(all); c.seen++ {
			if all[c.seen].To != c.wa {
				continue
			}
			m, ok := c.read(all)
			if !ok {
				break // the buttons under a photo are still on their way
			}
			c.t.Logf("whatsappcloud %s ← %q %q photo=%v", c.who.name, m.text, m.choices, m.photo)
			if match(m) {
				c.seen++
				return m
			}
			skipped = append(skipped, m.text)
		}
		left := time.Until(deadline)
		if left <= 0 || !waited(c.t, func(tb testing.TB) { c.p.s.WaitSent(tb, len(all)+1, left) }) {
			c.t.Fatalf("whatsappcloud %s: no %s after %v; read meanwhile: %q", c.who.name, what, waitFor, skipped)
		}
	}
}

// read is the message at c.seen as the person sees it. A photo sent
// without caption is followed by the buttons it goes with (more than reply
// buttons take, so a list that cannot carry the photo): the two are read
// as one message, and c.seen moves to the second. ok is false while the
// second has not arrived.
func (c *cloudConvo) read(all []cloudtest.Sent) (botMsg, bool) {
	s := all[c.seen]
	if s.Kind() != "image" || s.Body() != "" {
		return cloudMsg(s, ""), true
	}
	for i := c.seen + 1; i < len(all); i++ {
		if all[i].To == c.wa {
			c.seen = i
			return cloudMsg(all[i], s.ImageID()), true
		}
	}
	return botMsg{}, false
}

// notice: a press's answer comes as a message.
func (c *cloudConvo) notice() string { c.t.Helper(); return c.next().text }

// edited is the follow-up quoting m that the adapter sends for an edit of
// m; it does not move this chat's reading position.
func (c *cloudConvo) edited(m botMsg) botMsg {
	c.t.Helper()
	id := m.raw.(cloudSent).ID
	deadline := time.Now().Add(waitFor)
	for {
		all := c.p.s.Sent()
		for _, s := range all {
			if s.To == c.wa && s.QuotedID() == id {
				return cloudMsg(s, "")
			}
		}
		left := time.Until(deadline)
		if left <= 0 || !waited(c.t, func(tb testing.TB) { c.p.s.WaitSent(tb, len(all)+1, left) }) {
			c.t.Fatalf("whatsappcloud %s: no follow-up quoting %s after %v", c.who.name, id, waitFor)
		}
	}
}

// cloudMsg: a list row whose label was cut shows it whole in its
// description. image is the photo shown just above it, if any.
func cloudMsg(s cloudtest.Sent, image string) botMsg {
	var labels []string
	for _, ch := range s.Choices() {
		labels = append(labels, cmpOr(ch.Description, ch.Title))
	}
	image = cmpOr(s.ImageID(), image)
	return botMsg{text: s.Body(), choices: labels, photo: image != "", raw: cloudSent{Sent: s, image: image}}
}

// cloudSent is a message the bot sent and the photo shown with it.
type cloudSent struct {
	cloudtest.Sent
	image string
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Meta delivers a notification again when it got no 200 in time: the
// same message id is answered once (the engine keeps the ids it saw).
func TestWhatsAppCloudRedeliveryAnsweredOnce(t *testing.T) {
	p := startCloudPlatform(t).(*cloudPlatform)
	sari := p.chat(other).(*cloudConvo)
	sari.register()
	before := len(p.s.SentTo(sari.wa))
	msg := cloudtest.Text(sari.wa, other.name, "/profil")
	p.s.Deliver(t, msg)
	contains(t, sari.next().text, "Jabatan: Bidan")
	p.s.Deliver(t, msg, cloudtest.Text(sari.wa, other.name, "/bantuan"))
	sari.next() // the answer to /bantuan, which comes after any second /profil
	got := p.s.SentTo(sari.wa)[before:]
	profiles := 0
	for _, m := range got {
		if strings.Contains(m.Body(), "Jabatan: Bidan") {
			profiles++
		}
	}
	if profiles != 1 {
		t.Fatalf("/profil answered %d times", profiles)
	}
}
