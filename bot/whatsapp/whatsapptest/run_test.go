package whatsapptest_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
)

func TestChoices(t *testing.T) {
	for text, want := range map[string][]string{
		"Laporan #7\n\nBalas 1 untuk ✅ Setujui, 2 untuk ❌ Tolak, 3 untuk ✏️ Revisi.":           {"✅ Setujui", "❌ Tolak", "✏️ Revisi"},
		"Which?\n\nReply 1 for Approve, 2 for Reject.":                                         {"Approve", "Reject"},
		"Target?\n\n1. Menyusun laporan\n2. Tanpa SKP\nBalas dengan angka pilihan Anda (1–2).": {"Menyusun laporan", "Tanpa SKP"},
		"Tanpa pilihan": nil,
	} {
		if got := whatsapptest.Choices(text); !reflect.DeepEqual(got, want) {
			t.Errorf("Choices(%q) = %q, want %q", text, got, want)
		}
	}
	if n, ok := whatsapptest.Pick("x\n\nBalas 1 untuk Setujui, 2 untuk Tolak.", "tolak"); !ok || n != "2" {
		t.Errorf("Pick = %q, %v", n, ok)
	}
}

type inbox struct{ got chan bot.Update }

func (in *inbox) Accept(_ context.Context, u bot.Update) error { in.got <- u; return nil }

// TestStart drives a conversation the way the package doc shows.
func TestStart(t *testing.T) {
	rdb := redistest.New(t)
	fc := whatsapptest.NewClient("+6281100000000")
	in := &inbox{got: make(chan bot.Update, 8)}
	a := whatsapptest.Start(t, fc, whatsapp.Options{Redis: rdb, Prefix: rdb.Prefix}, in)
	budi := whatsapptest.Phone("+6281234567890")
	fc.Receive(whatsapptest.Text(budi, "/lapor"))
	u := <-in.got
	if _, err := a.Send(t.Context(), bot.Reply{Chat: u.Chat(), Text: "Setujui?", Buttons: [][]bot.Button{{{Label: "Setujui", Data: "ok"}, {Label: "Tolak", Data: "no"}}}}); err != nil {
		t.Fatal(err)
	}
	sent := fc.WaitSent(t, 1, 5*time.Second)
	n, _ := whatsapptest.Pick(sent[0].Text(), "Tolak")
	fc.Receive(whatsapptest.Text(budi, n))
	if u := <-in.got; u.Kind != bot.KindCallback || u.Callback.Data != "no" {
		t.Fatalf("update %+v", u)
	}
}
