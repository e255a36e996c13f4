package main

import (
	"bufio"
	"bytes"
	"mime/multipart"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/evidence"
	"github.com/kinerjabot/kinerjabot/ident"
)

func TestPercentileNearestRank(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	s := summarize(ds)
	if s.N != 100 || s.P50 != 50 || s.P90 != 90 || s.P99 != 99 || s.Max != 100 || s.Mean != 50.5 {
		t.Fatalf("summary = %+v", s)
	}
	if got := percentile([]time.Duration{7}, 99); got != 7 {
		t.Fatalf("one sample: %v", got)
	}
	if got := percentile(nil, 50); got != 0 {
		t.Fatalf("no sample: %v", got)
	}
	// p99 of 10 samples is the largest; p50 of 10 is the 5th.
	ten := []time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	if percentile(ten, 99) != 10 || percentile(ten, 50) != 5 {
		t.Fatalf("ten samples: p99 %v p50 %v", percentile(ten, 99), percentile(ten, 50))
	}
	if summarize(nil) != (Summary{}) {
		t.Fatal("empty summary")
	}
}

func TestMedian(t *testing.T) {
	if m := median([]float64{3, 1, 2}); m != 2 {
		t.Fatal(m)
	}
	if m := median([]float64{4, 1, 3, 2}); m != 2.5 {
		t.Fatal(m)
	}
	if m := median(nil); m != 0 {
		t.Fatal(m)
	}
}

func TestReadParams(t *testing.T) {
	markup := `{"inline_keyboard":[[{"text":"✅ Setujui","callback_data":"a:ok:X:1"},{"text":"❌ Tolak","callback_data":"a:no:X:1"}]]}`

	r := httptest.NewRequest("POST", "/botT/sendMessage", strings.NewReader(`{"chat_id":1000001,"text":"halo","reply_markup":`+markup+`}`))
	r.Header.Set("Content-Type", "application/json")
	p, err := readParams(r)
	if err != nil || p.int64("chat_id") != 1000001 || p.v["text"] != "halo" {
		t.Fatalf("json: %v %+v", err, p.v)
	}
	if bs := p.markup().inline(); len(bs) != 2 || bs[0].Text != "✅ Setujui" || bs[1].CallbackData != "a:no:X:1" {
		t.Fatalf("json markup: %+v", bs)
	}

	r = httptest.NewRequest("POST", "/botT/answerCallbackQuery?x=1", strings.NewReader("callback_query_id=cb7&text=%E2%9C%85+Disetujui"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if p, err = readParams(r); err != nil || p.v["callback_query_id"] != "cb7" || p.v["text"] != "✅ Disetujui" || p.v["x"] != "1" {
		t.Fatalf("form: %v %+v", err, p.v)
	}

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("chat_id", "900000")
	_ = mw.WriteField("caption", "📝 Laporan kegiatan — No. ABCD1234")
	_ = mw.WriteField("reply_markup", markup)
	fw, _ := mw.CreateFormFile("photo", "p.jpg")
	_, _ = fw.Write([]byte("\xff\xd8\xff jpeg"))
	mw.Close()
	r = httptest.NewRequest("POST", "/botT/sendPhoto", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	if p, err = readParams(r); err != nil || p.int64("chat_id") != 900000 || p.files["photo"] != 8 || len(p.markup().inline()) != 2 {
		t.Fatalf("multipart: %v %+v %+v", err, p.v, p.files)
	}
	if m := reportNoRe.FindStringSubmatch(p.v["caption"]); m == nil || m[1] != "ABCD1234" {
		t.Fatalf("report number: %v", m)
	}

	r = httptest.NewRequest("POST", "/botT/getMe", strings.NewReader("x"))
	r.Header.Set("Content-Type", "text/plain")
	if _, err = readParams(r); err == nil {
		t.Fatal("text/plain body accepted")
	}
}

func TestNoteMatchesOwnersNoteOnly(t *testing.T) {
	note := "Laporan No. 7K2M9QXZ (Senin, 30 November 2026): ✅ Disetujui oleh dr. Kepala Bench 01."
	if m := noteRe.FindStringSubmatch(note); m == nil || m[1] != "7K2M9QXZ" {
		t.Fatalf("note: %v", m)
	}
	for _, s := range []string{
		"✅ Laporan No. 7K2M9QXZ terkirim ke atasan Anda, dr. Kepala Bench 01. Anda akan diberi tahu keputusannya.",
		"📝 Laporan kegiatan — No. 7K2M9QXZ\n👤 Pegawai",
	} {
		if noteRe.MatchString(s) {
			t.Fatalf("not a note: %q", s)
		}
	}
}

func TestCommandStats(t *testing.T) {
	info := "# Commandstats\r\ncmdstat_get:calls=10,usec=5,usec_per_call=0.5,rejected_calls=0,failed_calls=0\r\n" +
		"cmdstat_evalsha:calls=4,usec=40\r\ncmdstat_info:calls=3,usec=9\r\ncmdstat_scan:calls=2,usec=1\r\n"
	before := parseCommandStats(info)
	if before["get"] != 10 || before["evalsha"] != 4 || before["info"] != 3 {
		t.Fatalf("parsed %v", before)
	}
	after := map[string]int64{"get": 15, "evalsha": 6, "info": 5, "scan": 9, "set": 1}
	total, by := commandDelta(before, after)
	if total != 8 || by["get"] != 5 || by["evalsha"] != 2 || by["set"] != 1 || by["info"] != 0 || by["scan"] != 0 {
		t.Fatalf("delta %d %v", total, by)
	}
}

func TestParseStatCPU(t *testing.T) {
	line := "4242 (node (bench) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 11 0 1000 123456 789 18446744073709551615"
	got, err := parseStatCPU(line)
	if err != nil || got != 3.0 {
		t.Fatalf("cpu = %v, %v", got, err)
	}
	if _, err := parseStatCPU("garbage"); err == nil {
		t.Fatal("garbage parsed")
	}
}

func TestRosterIsValid(t *testing.T) {
	sups, staff := people(120, 50)
	if len(sups) != 3 || len(staff) != 120 {
		t.Fatalf("%d supervisors, %d staff", len(sups), len(staff))
	}
	seen := map[string]bool{}
	for _, p := range append(sups, staff...) {
		nip, err := ident.ParseNIP(p.nip)
		if err != nil || seen[nip] {
			t.Fatalf("NIP %s: %v (seen %v)", p.nip, err, seen[nip])
		}
		seen[nip] = true
		a, err1 := ident.NormalizePhone(p.phone)
		b, err2 := ident.NormalizePhone(telegramPhone(p.phone))
		if err1 != nil || err2 != nil || a != b || seen[a] {
			t.Fatalf("phone %s / %s: %v %v", p.phone, telegramPhone(p.phone), err1, err2)
		}
		seen[a] = true
	}
	if staff[49].supNIP != sups[0].nip || staff[50].supNIP != sups[1].nip {
		t.Fatal("supervisors assigned wrongly")
	}
	csv := rosterCSV(sups, staff)
	if n := strings.Count(csv, "\n"); n != 1+3+120 {
		t.Fatalf("roster has %d lines", n)
	}
	if !strings.HasPrefix(csv, "nip,name,unit_code,unit_name,position,supervisor_nip,phone,role\n") {
		t.Fatal("roster header")
	}
}

// The generated photos are JPEGs the bot accepts, and no two of them look
// alike to kinerjabot's perceptual hash (else every report would carry a
// reused-photo flag and cost a comparison with every earlier one).
func TestPhotosAreDistinct(t *testing.T) {
	pool, err := newPhotoPool(t.TempDir(), 8)
	if err != nil {
		t.Fatal(err)
	}
	var hashes []uint64
	for i := range 8 {
		id := pool.next()
		if idx, ok := photoIndex(id + "-m"); !ok || idx != i {
			t.Fatalf("file id %s: index %d %v", id, idx, ok)
		}
		data, ok := pool.byFileID(id)
		if !ok {
			t.Fatalf("no photo for %s", id)
		}
		info, err := evidence.Inspect(data, 10<<20)
		if err != nil || info.MIME != "image/jpeg" || info.Width != photoW || info.Height != photoH {
			t.Fatalf("photo %d: %+v %v", i, info, err)
		}
		for j, h := range hashes {
			if d := evidence.Distance(h, info.PHash); d <= evidence.MatchDistance {
				t.Fatalf("photos %d and %d look alike (distance %d)", j, i, d)
			}
		}
		hashes = append(hashes, info.PHash)
	}
	if id := pool.next(); !strings.HasSuffix(id, "_0") || pool.wraps.Load() != 1 {
		t.Fatalf("after the pool: %s, wraps %d", id, pool.wraps.Load())
	}
	fixed, _ := newPhotoPool("", 0)
	if data, ok := fixed.byFileID(fixed.next()); !ok || !bytes.Equal(data, fixtureJPEG) {
		t.Fatal("pool 0 does not serve the fixture")
	}
}

// The proxy counts a round trip each time the client sends after an answer.
func TestTripProxy(t *testing.T) {
	up, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer up.Close()
	go func() { // answers "+OK" to every line
		c, err := up.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		r := bufio.NewReader(c)
		for {
			if _, err := r.ReadString('\n'); err != nil {
				return
			}
			if _, err := c.Write([]byte("+OK\r\n")); err != nil {
				return
			}
		}
	}()
	var on atomic.Bool
	on.Store(true)
	p, err := startTripProxy(up.Addr().String(), &on)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	c, err := net.Dial("tcp", p.addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r := bufio.NewReader(c)
	roundTrip := func(lines ...string) {
		if _, err := c.Write([]byte(strings.Join(lines, ""))); err != nil {
			t.Fatal(err)
		}
		for range lines {
			if _, err := r.ReadString('\n'); err != nil {
				t.Fatal(err)
			}
		}
	}
	roundTrip("PING\r\n")
	roundTrip("GET a\r\n", "GET b\r\n", "GET c\r\n") // a pipeline
	roundTrip("PING\r\n")
	if n := p.trips.Load(); n != 3 {
		t.Fatalf("trips = %d, want 3", n)
	}
}

func TestReportKeepsNotes(t *testing.T) {
	res := func(bot string, users int, ups, p99 float64) *Result {
		cpu := 1.0
		if bot == "grammy" {
			cpu = 1.5
		}
		return &Result{Bot: bot, Users: users, UpdatesPerS: ups, ReportsPerS: ups / 9, LatencyMS: Summary{P99: p99},
			LatencyByStepMS: map[string]Summary{"foto": {P50: 9, P99: 20}}, RedisCommandsPerUpdate: 3, BotPeakRSSKB: 40 << 10,
			BotCPUMSPerUpd: cpu}
	}
	results := []*Result{res("kinerjabot", 10, 1000, 10), res("kinerjabot", 10, 1200, 12), res("grammy", 10, 200, 100),
		res("kinerjabot", 1, 500, 5), res("grammy", 1, 250, 50)}
	md := renderReport(results, map[string]string{"date": "2026-11-30", "runs": "2"}, "")
	for _, want := range []string{
		"| 10 | kinerjabot | 1,100 (1,000–1,200) |", "| 10 | grammY | 200 (200–200) |",
		"| 10 | 5.50 | 0.11 | 0.67 | 5.50 | 3.0 | Redis commands (not CPU) |",
		"| 1 | 2.00 | 0.10 | 0.67 | 2.00 | 3.0 | Redis commands (not CPU) |", notesMarker,
	} {
		if !strings.Contains(md, want) {
			t.Fatalf("report lacks %q:\n%s", want, md)
		}
	}
	path := filepath.Join(t.TempDir(), "b.md")
	if err := os.WriteFile(path, []byte(md+"## Profile\n\nwhat pprof showed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(path)
	_, notes, _ := strings.Cut(string(old), notesMarker)
	again := renderReport(results, nil, strings.TrimLeft(notes, "\n"))
	if !strings.HasSuffix(again, notesMarker+"\n\n## Profile\n\nwhat pprof showed\n") {
		t.Fatalf("notes not kept:\n%s", again)
	}
}
