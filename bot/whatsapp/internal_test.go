package whatsapp

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/i18n"
)

func TestParseVCard(t *testing.T) {
	tests := []struct {
		name, vcard string
		want        card
	}{
		{"whatsapp card", "BEGIN:VCARD\nVERSION:3.0\nFN:Budi\nTEL;type=CELL;type=VOICE;waid=6281234567890:+62 812-3456-7890\nEND:VCARD",
			card{Name: "Budi", Phone: "+6281234567890"}},
		{"no waid", "BEGIN:VCARD\r\nFN:Siti\r\nTEL;TYPE=cell:0857-1234-5678\r\nEND:VCARD", card{Name: "Siti", Phone: "0857-1234-5678"}},
		{"folded line, WAID upper case", "BEGIN:VCARD\nFN:Ani\nTEL;TYPE=CELL;WAID=62\n 81299998888:+62 812\nEND:VCARD",
			card{Name: "Ani", Phone: "+6281299998888"}},
		{"two numbers: first waid wins", "FN:X\nTEL;waid=6281111111111:+1\nTEL;waid=6282222222222:+2", card{Name: "X", Phone: "+6281111111111"}},
		{"empty", "", card{}},
		{"grouped, as an iPhone shares it", "BEGIN:VCARD\nVERSION:3.0\nN:;Budi;;;\nFN:Budi\nitem1.TEL;waid=6281234567890:+62 812-3456-7890\nitem1.X-ABLabel:Ponsel\nEND:VCARD",
			card{Name: "Budi", Phone: "+6281234567890"}},
		{"grouped without waid", "FN:Siti\nitem1.EMAIL:s@x.id\nITEM2.tel;type=CELL:0857-1234-5678", card{Name: "Siti", Phone: "0857-1234-5678"}},
	}
	for _, tc := range tests {
		if got := parseVCard(tc.vcard); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestSamePhone(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"+6281234567890", "+62 812-3456-7890", true},
		{"0812-3456-7890", "+6281234567890", true},
		{"+6281234567890", "+6281234567891", false},
		{"+14155550123", "1 (415) 555-0123", true},
		{"", "", false},
	} {
		if got := samePhone(tc.a, tc.b); got != tc.want {
			t.Errorf("samePhone(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

func TestPick(t *testing.T) {
	cs := []choice{{Label: "✅ Setujui", Data: "ok"}, {Label: "❌ Tolak", Data: "no"}, {Label: "Lewati lokasi", Kind: choiceText}}
	for typed, want := range map[string]string{
		"1": "✅ Setujui", " 2 ": "❌ Tolak", "3.": "Lewati lokasi", "setujui": "✅ Setujui", "TOLAK!": "❌ Tolak",
		"lewati   LOKASI": "Lewati lokasi", "0": "", "4": "", "ya": "", "": "", "👍": "", "1 2": "",
	} {
		c, ok := pick(cs, typed)
		if ok != (want != "") || c.Label != want {
			t.Errorf("pick(%q) = %q, %v; want %q", typed, c.Label, ok, want)
		}
	}
}

func TestOffer(t *testing.T) {
	if got := offer(i18n.ID, []string{"Setujui", "Tolak", "Revisi"}); got != "Balas 1 untuk Setujui, 2 untuk Tolak, 3 untuk Revisi." {
		t.Errorf("id: %q", got)
	}
	if got := offer(i18n.EN, []string{"Approve", "Reject"}); got != "Reply 1 for Approve, 2 for Reject." {
		t.Errorf("en: %q", got)
	}
	long := offer(i18n.ID, []string{"a", "b", "c", "d", "e"})
	if !strings.HasPrefix(long, "1. a\n2. b\n") || !strings.HasSuffix(long, "(1–5).") {
		t.Errorf("list: %q", long)
	}
}

func TestRedact(t *testing.T) {
	in := "Failed to get privacy token for 6281234567890@s.whatsapp.net (lid 123456789012345@lid), id 3EB0ABC"
	got := redactDigits(in)
	if strings.Contains(got, "6281234567890") || strings.Contains(got, "123456789012345") || !strings.Contains(got, "62812****7890") {
		t.Errorf("redactDigits = %q", got)
	}
	if got := maskChat("6281234567890@s.whatsapp.net"); got != "62812****7890@s.whatsapp.net" {
		t.Errorf("maskChat = %q", got)
	}
	if got := maskChat("123@lid"); got != "123@lid" {
		t.Errorf("maskChat(lid) = %q", got)
	}
}

func TestBackoff(t *testing.T) {
	lo, hi := 2*time.Second, 5*time.Minute
	var got []time.Duration
	for n := 1; n <= 10; n++ {
		got = append(got, backoff(n, lo, hi))
	}
	want := []time.Duration{2, 4, 8, 16, 32, 64, 128, 256, 300, 300}
	for i := range want {
		if got[i] != want[i]*time.Second {
			t.Fatalf("backoff = %v, want %v s", got, want)
		}
	}
}

func TestFileIDRoundTrip(t *testing.T) {
	if _, err := decodeFileID("wa1:i:!!"); err == nil {
		t.Error("a garbled file id decoded")
	}
	if _, err := decodeFileID("wa1:x:AAAA"); err == nil {
		t.Error("an unknown kind decoded")
	}
}

// TestBoundedFile: the in-memory file a download goes to refuses to grow
// past its bound (plus encryption's overhead) and reads back what was
// written, as whatsmeow's DownloadToFile uses it.
func TestBoundedFile(t *testing.T) {
	f := newBoundedFile(10)
	if n, err := f.Write(make([]byte, 10+mediaOverhead)); err != nil || n != 10+mediaOverhead {
		t.Fatalf("write up to the bound: %d, %v", n, err)
	}
	if _, err := f.Write([]byte{1}); !errors.Is(err, errFileTooLong) {
		t.Fatalf("write past the bound: %v, want errFileTooLong", err)
	}
	if err := f.Truncate(4); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("abcd"), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(1, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(f)
	if err != nil || string(got) != "bcd" {
		t.Errorf("read back %q, %v; want bcd", got, err)
	}
	if st, _ := f.Stat(); st.Size() != 4 {
		t.Errorf("size %d, want 4", st.Size())
	}
	if _, err := bounded(newBoundedFile(3), 3, errFileTooLong); !errors.Is(err, bot.ErrFileTooLarge) {
		t.Errorf("bounded: %v, want bot.ErrFileTooLarge", err)
	}
}
