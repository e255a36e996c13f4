package whatsappcloud_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsappcloud"
	"github.com/kinerjabot/kinerjabot/bot/whatsappcloud/cloudtest"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
)

// inbox records the updates the adapter hands it, in order.
type inbox struct {
	mu      sync.Mutex
	got     []bot.Update
	changed chan struct{}
	refuse  error
}

func newInbox() *inbox { return &inbox{changed: make(chan struct{})} }

func (in *inbox) Accept(_ context.Context, u bot.Update) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.refuse != nil {
		return in.refuse
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

// fixture is the adapter against the fake Graph API, its webhook mounted
// with in as the inbox.
type fixture struct {
	s   *cloudtest.Server
	a   *whatsappcloud.Adapter
	in  *inbox
	rdb *redistest.Client
	o   whatsappcloud.Options
}

func options(s *cloudtest.Server, rdb *redistest.Client) whatsappcloud.Options {
	return whatsappcloud.Options{
		Token: cloudtest.Token, PhoneNumberID: cloudtest.PhoneNumberID, AppSecret: cloudtest.AppSecret,
		VerifyToken: cloudtest.VerifyToken, APIURL: s.URL(), APIVersion: cloudtest.Version,
		Redis: rdb, Prefix: rdb.Prefix, Template: "kinerja_pesan", TemplateLanguage: "id",
	}
}

func start(t testing.TB, change func(*whatsappcloud.Options)) *fixture {
	t.Helper()
	s := cloudtest.NewServer(t)
	rdb := redistest.New(t)
	o := options(s, rdb)
	if change != nil {
		change(&o)
	}
	a, err := whatsappcloud.New(o, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	in := newInbox()
	s.Hook(t, a.WebhookHandler(in))
	return &fixture{s: s, a: a, in: in, rdb: rdb, o: o}
}

const budi = "6281234500002"

func chat(waID string) bot.ChatKey {
	return bot.ChatKey{Platform: bot.WhatsApp, ChatID: whatsappcloud.ChatID(waID)}
}

// wrote has budi write, opening the 24-hour window.
func (f *fixture) wrote(t testing.TB, waID string) {
	t.Helper()
	n := len(f.in.updates())
	f.s.Deliver(t, cloudtest.Text(waID, "Budi", "halo"))
	if len(f.in.updates()) != n+1 {
		t.Fatalf("the message did not reach the inbox")
	}
}
