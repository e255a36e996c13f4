package app

import (
	"context"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
)

// TestWhatsAppGaugesSeeDeadSocket: /metrics shows the connection as it is,
// not as the last event left it.
func TestWhatsAppGaugesSeeDeadSocket(t *testing.T) {
	rdb := redistest.New(t)
	fc := whatsapptest.NewClient("+6281100000000")
	a := whatsapptest.Start(t, fc, whatsapp.Options{Redis: rdb, Prefix: rdb.Prefix, LiveCheck: time.Hour, MinBackoff: time.Hour}, nil)
	fc.Drop()
	mfs, err := whatsappGauges(a).Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, mf := range mfs {
		if mf.GetName() != "kinerjabot_whatsapp_state" {
			continue
		}
		for _, m := range mf.GetMetric() {
			got[m.GetLabel()[0].GetValue()] = m.GetGauge().GetValue()
		}
	}
	if got["connected"] != 0 || got["reconnecting"] != 1 {
		t.Errorf("state gauges %v, want reconnecting", got)
	}
}

// acceptAll is an inbox that takes every update.
type acceptAll struct{}

func (acceptAll) Accept(context.Context, bot.Update) error { return nil }

// TestWhatsAppOfflineCounted: the messages sent while the bot was offline
// show on /metrics.
func TestWhatsAppOfflineCounted(t *testing.T) {
	rdb := redistest.New(t)
	fc := whatsapptest.NewClient("+6281100000000")
	fc.Offline(whatsapptest.Text(whatsapptest.Phone("+6281234567890"), "halo", whatsapptest.At(time.Now().Add(-time.Hour))))
	a := whatsapptest.Start(t, fc, whatsapp.Options{Redis: rdb, Prefix: rdb.Prefix}, acceptAll{})
	fc.WaitOfflineSyncs(t, 1, 5*time.Second)
	mfs, err := whatsappGauges(a).Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, mf := range mfs {
		if mf.GetName() == "kinerjabot_whatsapp_offline_messages_total" {
			for _, m := range mf.GetMetric() {
				got[m.GetLabel()[0].GetValue()] = m.GetCounter().GetValue()
			}
		}
	}
	if got["handled"] != 1 || got["too_late"] != 0 {
		t.Errorf("offline counters %v, want 1 handled", got)
	}
}
