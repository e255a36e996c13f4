package main

import (
	"testing"
	"time"
)

func TestClassify(t *testing.T) {
	msg := func(text string) fev { return fev{event: event{method: "sendmessage", text: text}} }
	pop := func(cb, text string) fev { return fev{event: event{method: "answercallbackquery", text: text}, cb: cb} }
	cases := []struct {
		ev     fev
		want   []string
		cb     string
		cbOnly bool
		kind   ansKind
	}{
		{msg("Langkah 2/6: Berapa lama kegiatannya?"), []string{wantDuration}, "", false, ansExpected},
		{msg("⚠️ Maaf, layanan sedang gangguan. Pesan Anda belum diproses"), []string{wantDuration}, "", false, ansOutage},
		{msg("⚠️ Layanan penyimpanan sedang gangguan. Laporan Anda tetap tersimpan sebagai draf"), []string{wantSent}, "", false, ansOutage},
		{msg("Maaf, saya tidak mengerti."), []string{wantDuration}, "", false, ansNone},
		{pop("cb1", ""), []string{wantLocation}, "cb1", false, ansNone},
		{pop("cb1", "✅ Disetujui"), nil, "cb1", true, ansExpected},
		{pop("cb2", "✅ Disetujui"), nil, "cb1", true, ansNone},
		{pop("cb1", ""), nil, "cb1", true, ansNone}, // a failed press: the outage message follows
		{fev{event: event{method: "editmessagecaption", text: "Berapa lama"}}, []string{wantDuration}, "", false, ansNone},
	}
	for i, c := range cases {
		if got := classify(c.ev, c.want, c.cb, c.cbOnly); got != c.kind {
			t.Errorf("case %d (%q): %v, want %v", i, c.ev.text, got, c.kind)
		}
	}
}

func TestTellAndListPatterns(t *testing.T) {
	for text, want := range map[string][2]string{
		"✅ Laporan No. 4G8E1BX9 terkirim ke atasan Anda, dr. Kepala Bench 01. Anda akan diberi tahu keputusannya.": {"4G8E1BX9", "terkirim ke atasan"},
		"Laporan No. 4G8E1BX9 sudah terkirim.":                         {"4G8E1BX9", "sudah terkirim"},
		"✅ Laporan No. 4G8E1BX9 tersimpan. Atasan Anda belum tercatat": {"4G8E1BX9", "tersimpan"},
	} {
		m := tellRe.FindStringSubmatch(text)
		if m == nil || m[1] != want[0] || m[2] != want[1] {
			t.Errorf("%q: %v", text, m)
		}
	}
	if tellRe.MatchString("Laporan No. 4G8E1BX9 (30 Nov 2026): ✅ Disetujui oleh dr. Kepala.") {
		t.Error("an owner's note is not a confirmation")
	}
	list := "Laporan menunggu persetujuan: 2 (halaman 1/1)\n\n1. Pegawai Bench 0001 — No. AAAA1111\n30 Nov 2026 · 1 jam 30 menit\nUraian\n\n" +
		"2. Pegawai Bench 0002 — No. BBBB2222\n30 Nov 2026 · 1 jam 30 menit\nUraian"
	ms := listItemRe.FindAllStringSubmatch(list, -1)
	if len(ms) != 2 || ms[1][1] != "2" || ms[1][2] != "BBBB2222" {
		t.Fatalf("list items: %v", ms)
	}
}

func TestRecovery(t *testing.T) {
	base := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	at := func(s float64) time.Time { return base.Add(time.Duration(s * float64(time.Second))) }
	f := &fgen{}
	down, up := at(10), at(40)
	f.answers = []answerRec{
		{chat: 1, sent: at(5), at: at(5.1), kind: ansExpected},   // before
		{chat: 1, sent: at(12), at: at(17), kind: ansOutage},     // outage answer after 5 s
		{chat: 1, sent: at(19), at: at(24), kind: ansOutage},     // again
		{chat: 2, sent: at(30), at: at(41.5), kind: ansExpected}, // waited across the return
		{chat: 1, sent: at(42), at: at(43), kind: ansExpected},   // back 3 s after
	}
	f.badPosts = []badPost{{chat: 3, at: at(20)}}
	r := f.recovery(down, up)
	if r.OutageAnswers != 2 || r.OutageAnswersOver2s != 2 || r.OutageAnswerMS.Max != 5000 {
		t.Fatalf("outage answers: %+v", r)
	}
	if r.FirstNormalAfterUpMS != 1500 || r.WebhookNot200 != 1 {
		t.Fatalf("recovery: %+v", r)
	}
	// Chat 3 had a refused request and no answer after the return.
	if r.AffectedChats != 3 || r.LastChatBackMS != -1 {
		t.Fatalf("affected: %+v", r)
	}
	f.answers = append(f.answers, answerRec{chat: 3, sent: at(44), at: at(45), kind: ansExpected})
	if r := f.recovery(down, up); r.LastChatBackMS != 5000 {
		t.Fatalf("last back: %+v", r)
	}
}
