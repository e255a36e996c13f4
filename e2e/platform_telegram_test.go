package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
	"github.com/kinerjabot/kinerjabot/storage"
)

// tgPlatform is the bot on Telegram: the harness of start, people talking
// to it through telegramtest's fake Bot API.
type tgPlatform struct {
	t     *testing.T
	h     *harness
	files map[string][]byte // photos people sent, by file id
}

func startTelegramPlatform(t *testing.T) platform {
	return &tgPlatform{t: t, h: start(t, harnessOpt{}), files: map[string][]byte{}}
}

func (p *tgPlatform) name() bot.Platform     { return bot.Telegram }
func (p *tgPlatform) base() *harness         { return p.h }
func (p *tgPlatform) store() storage.Store   { return p.h.store }
func (p *tgPlatform) userID(q person) string { return strconv.FormatInt(q.tg, 10) }
func (p *tgPlatform) refusal() string        { return "Anda bukan atasan pemilik laporan ini" }

func (p *tgPlatform) chat(q person) convo { return &tgConvo{t: p.t, p: p, who: q} }

func (p *tgPlatform) photo(m botMsg) []byte {
	p.t.Helper()
	raw := m.raw.(telegramtest.Message)
	switch {
	case raw.PhotoBytes != nil:
		return raw.PhotoBytes
	case raw.PhotoFileID != "":
		data, ok := p.files[raw.PhotoFileID]
		if !ok {
			p.t.Fatalf("photo %q is no file a person sent", raw.PhotoFileID)
		}
		return data
	}
	p.t.Fatalf("message %q carries no photo", m.text)
	return nil
}

// tgConvo is one person's private chat (chat id = user id).
type tgConvo struct {
	t      *testing.T
	p      *tgPlatform
	who    person
	seen   int    // messages of the fake, to any chat, already read here
	lastCB string // id of the last callback query pressed
}

func (c *tgConvo) api() *telegramtest.Server { return c.p.h.api }

func (c *tgConvo) register() botMsg {
	c.t.Helper()
	// Telegram sends a shared contact's number without the plus.
	c.api().PushUpdate(c.api().Contact(c.who.tg, c.who.tg, strings.TrimPrefix(c.who.phone, "+")))
	welcome := c.next()
	contains(c.t, c.next().text, "Sekilas tentang bot ini") // the introduction
	return welcome
}

func (c *tgConvo) say(text string) { c.api().PushUpdate(c.api().Text(c.who.tg, text)) }

func (c *tgConvo) sendPhoto(jpeg []byte) {
	id := fmt.Sprintf("photo-%d-%d", c.who.tg, len(c.p.files)+1)
	c.p.files[id] = jpeg
	c.api().AddFile(id, jpeg)
	c.api().PushUpdate(c.api().Photo(c.who.tg, id))
}

// press presses an inline button (a callback query naming m), or a reply
// keyboard button (its label as text, or the person's own contact).
func (c *tgConvo) press(m botMsg, label string) {
	c.t.Helper()
	raw := m.raw.(telegramtest.Message)
	for _, b := range raw.Buttons() {
		if _, ok := choiceIndex([]string{b.Text}, label); ok {
			u := c.api().Callback(c.who.tg, b.CallbackData, raw.MessageID)
			c.lastCB = u.CallbackQuery.ID
			c.api().PushUpdate(u)
			return
		}
	}
	if raw.Markup != nil {
		for _, row := range raw.Markup.Keyboard {
			for _, b := range row {
				if _, ok := choiceIndex([]string{b.Text}, label); !ok {
					continue
				}
				switch {
				case b.RequestContact:
					c.api().PushUpdate(c.api().Contact(c.who.tg, c.who.tg, strings.TrimPrefix(c.who.phone, "+")))
				case b.RequestLocation:
					c.t.Fatalf("press %q: sharing a location is not a flow step here", b.Text)
				default:
					c.api().PushUpdate(c.api().Text(c.who.tg, b.Text))
				}
				return
			}
		}
	}
	c.t.Fatalf("no button %q on %q (offers %q)", label, m.text, m.choices)
}

// pressQuoting is press: a callback query always names its message.
func (c *tgConvo) pressQuoting(m botMsg, label string) { c.t.Helper(); c.press(m, label) }

func (c *tgConvo) next() botMsg {
	c.t.Helper()
	return c.await("any message", func(botMsg) bool { return true })
}

func (c *tgConvo) expect(want string) botMsg {
	c.t.Helper()
	return c.await(fmt.Sprintf("a message containing %q", want), func(m botMsg) bool { return strings.Contains(m.text, want) })
}

// await reads this chat's messages up to the first that match accepts.
func (c *tgConvo) await(what string, match func(botMsg) bool) botMsg {
	c.t.Helper()
	deadline := time.Now().Add(waitFor)
	var skipped []string
	for {
		all := c.api().Sent()
		for ; c.seen < len(all); c.seen++ {
			if all[c.seen].ChatID != c.who.tg {
				continue
			}
			m := tgMsg(all[c.seen])
			c.t.Logf("%s %s ← %q", c.p.name(), c.who.name, m.text)
			if match(m) {
				c.seen++
				return m
			}
			skipped = append(skipped, m.text)
		}
		left := time.Until(deadline)
		if left <= 0 || !waited(c.t, func(tb testing.TB) { c.api().WaitSent(tb, len(all)+1, left) }) {
			c.t.Fatalf("telegram %s: no %s after %v; read meanwhile: %q", c.who.name, what, waitFor, skipped)
		}
	}
}

// notice is the popup answering the last callback query pressed.
func (c *tgConvo) notice() string {
	c.t.Helper()
	if c.lastCB == "" {
		c.t.Fatal("notice: no button pressed")
	}
	deadline := time.Now().Add(waitFor)
	for {
		all := c.api().CallbackAnswers()
		for _, a := range all {
			if a.ID == c.lastCB {
				return a.Text
			}
		}
		left := time.Until(deadline)
		if left <= 0 || !waited(c.t, func(tb testing.TB) { c.api().WaitCallbackAnswers(tb, len(all)+1, left) }) {
			c.t.Fatalf("telegram %s: callback %s not answered after %v", c.who.name, c.lastCB, waitFor)
		}
	}
}

// edited is the latest edit of m so far, waiting for one.
func (c *tgConvo) edited(m botMsg) botMsg {
	c.t.Helper()
	raw := m.raw.(telegramtest.Message)
	deadline := time.Now().Add(waitFor)
	for {
		all := c.api().Edits()
		for i := len(all) - 1; i >= 0; i-- {
			if e := all[i]; e.ChatID == raw.ChatID && e.MessageID == raw.MessageID {
				c.t.Logf("telegram %s ← (%s of %d) %q", c.who.name, e.Method, e.MessageID, e.Text)
				return tgMsg(e)
			}
		}
		left := time.Until(deadline)
		if left <= 0 || !waited(c.t, func(tb testing.TB) { c.api().WaitEdits(tb, len(all)+1, left) }) {
			c.t.Fatalf("telegram %s: message %d (%.40q…) not edited after %v", c.who.name, raw.MessageID, m.text, waitFor)
		}
	}
}

func tgMsg(m telegramtest.Message) botMsg {
	out := botMsg{text: m.Text, photo: m.PhotoFileID != "" || m.PhotoBytes != nil, raw: m}
	for _, b := range m.Buttons() {
		out.choices = append(out.choices, b.Text)
	}
	if m.Markup != nil {
		for _, row := range m.Markup.Keyboard {
			for _, b := range row {
				out.choices = append(out.choices, b.Text)
			}
		}
	}
	return out
}
