package bot

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestSplit(t *testing.T) {
	chars := Limits{Text: 10, Caption: 4}
	for _, tc := range []struct {
		name string
		l    Limits
		in   string
		max  int
		want []string
	}{
		{"fits", chars, "halo semua", 10, []string{"halo semua"}},
		{"blank", chars, " \n\t ", 10, nil},
		{"at the last line break", chars, "ab\ncd\nefgh ij", 10, []string{"ab\ncd", "efgh ij"}},
		{"a line ending just at the limit", chars, "abcdefghij\nklm", 10, []string{"abcdefghij", "klm"}},
		{"blank lines between parts dropped", chars, "abcdefgh\n\n\nijk", 10, []string{"abcdefgh", "ijk"}},
		{"at the last space when no line fits", chars, "aaa bbb ccc ddd", 10, []string{"aaa bbb", "ccc ddd"}},
		{"hard when no space fits", chars, "abcdefghijklmnopqrstuvwxyz", 10, []string{"abcdefghij", "klmnopqrst", "uvwxyz"}},
		{"a leading break is no cut", chars, "\nabcdefghijkl", 10, []string{"abcdefghij", "kl"}},
		{"characters, not bytes", chars, "ééééé ééééé é", 10, []string{"ééééé", "ééééé é"}},
		{"UTF-16: an emoji counts two", Limits{UTF16: true}, "😀😀😀😀😀😀", 10, []string{"😀😀😀😀😀", "😀"}},
		{"UTF-16: never inside a pair", Limits{UTF16: true}, "a😀😀😀😀😀", 10, []string{"a😀😀😀😀", "😀"}},
		{"a character wider than the limit goes alone", Limits{UTF16: true}, "😀😀", 1, []string{"😀", "😀"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.l.Split(tc.in, tc.max)
			if !slices.Equal(got, tc.want) {
				t.Fatalf("Split(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
			}
		})
	}
}

// Every piece fits, none is blank, and nothing but the spaces at the cuts
// is lost; the tail from any piece on splits into the same pieces.
func TestSplitKeepsEverything(t *testing.T) {
	var b strings.Builder
	for i := range 40 {
		b.WriteString("- komentar warga nomor " + strings.Repeat("panjang ", i%13) + "😀 selesai\n")
		if i%7 == 0 {
			b.WriteString(strings.Repeat("x", 130) + "\n\n")
		}
	}
	text := b.String()
	for _, l := range []Limits{{UTF16: true}, {}} {
		for _, max := range []int{2, 7, 50, 128, 4096} {
			spans := l.split(text, max)
			var got strings.Builder
			for i, sp := range spans {
				p := text[sp.start:sp.end]
				if strings.TrimSpace(p) == "" || l.Len(p) > max && l.Len(p) > 2 {
					t.Fatalf("max %d: piece %d of %d units: %q", max, i, l.Len(p), p)
				}
				got.WriteString(p)
				tail := l.split(text[sp.start:], max)
				if len(tail) != len(spans)-i || text[sp.start:][tail[0].start:tail[0].end] != p {
					t.Fatalf("max %d: the tail from piece %d splits otherwise", max, i)
				}
			}
			if noSpace(got.String()) != noSpace(text) {
				t.Fatalf("max %d: pieces lose text", max)
			}
		}
	}
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestFit(t *testing.T) {
	l := Limits{UTF16: true}
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"pendek", 10, "pendek"},
		{"abcdefghijk", 10, "abcdefghi…"},
		{"abcd efgh ijk", 10, "abcd efgh…"},
		{"abcd     ijk", 10, "abcd…"},
		{"abcdefgh😀😀", 10, "abcdefgh…"},
	} {
		if got := l.Fit(tc.in, tc.max); got != tc.want || l.Len(got) > tc.max {
			t.Errorf("Fit(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

func TestParts(t *testing.T) {
	l := Limits{Text: 10, Caption: 5}
	chat := ChatKey{Platform: Telegram, ChatID: "1"}
	buttons := [][]Button{{{Label: "OK", Data: "ok"}}}
	menu := []MenuCommand{{Name: "lapor"}}
	photo := &Photo{FileID: "p"}

	short := Reply{Chat: chat, Text: "pendek", Buttons: buttons, Track: "prompt:1", Menu: menu}
	if got := l.Parts(short); len(got) != 1 || got[0].Text != short.Text || got[0].Track != short.Track {
		t.Fatalf("a reply that fits: %+v", got)
	}
	edit := Reply{Text: strings.Repeat("a ", 20), Edit: &MessageRef{Chat: chat, MessageID: "9"}}
	if got := l.Parts(edit); len(got) != 1 || got[0].Text != edit.Text {
		t.Fatalf("an edit is not split: %+v", got)
	}

	long := Reply{Chat: chat, Text: "satu dua\ntiga empat\nlima", Buttons: buttons, Track: "prompt:1", Menu: menu}
	got := l.Parts(long)
	if texts := textsOf(got); !slices.Equal(texts, []string{"satu dua", "tiga empat", "lima"}) {
		t.Fatalf("parts %q", texts)
	}
	if got[0].Menu == nil || got[1].Menu != nil || got[2].Menu != nil {
		t.Error("the menu is not set by the first part alone")
	}
	for i, p := range got {
		last := i == len(got)-1
		if (p.Buttons != nil) != last || (p.Track != "") != last || p.Chat != chat {
			t.Errorf("part %d: %+v", i, p)
		}
	}

	caption := Reply{Chat: chat, Text: "foto ini\nlalu teks panjang sekali", Photo: photo, Keyboard: [][]KeyButton{{{Label: "Menu"}}}}
	got = l.Parts(caption)
	if texts := textsOf(got); !slices.Equal(texts, []string{"foto", "ini", "lalu teks", "panjang", "sekali"}) {
		t.Fatalf("photo parts %q", texts)
	}
	if got[0].Photo != photo || got[1].Photo != nil || got[0].Keyboard != nil || got[len(got)-1].Keyboard == nil {
		t.Errorf("the photo goes first and the keyboard last: %+v", got)
	}
}

func textsOf(rs []Reply) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Text)
	}
	return out
}

// A part that fails after others went out leaves a PartialError whose Rest
// sends exactly the parts not sent, with the buttons and Track; the first
// part failing is the send's own error.
func TestSendPartsPartialFailure(t *testing.T) {
	l := Limits{Text: 10, Caption: 5}
	chat := ChatKey{Platform: Telegram, ChatID: "1"}
	r := Reply{Chat: chat, Text: "foto\nsatu dua\ntiga empat\nlima", Photo: &Photo{FileID: "p"},
		Buttons: [][]Button{{{Label: "OK", Data: "ok"}}}, Track: "t", Menu: []MenuCommand{{Name: "x"}}}
	limited := &RateLimitedError{RetryAfter: 3}
	var sent []Reply
	fail := map[int]error{2: limited}
	send := func(_ context.Context, p Reply) (MessageRef, error) {
		if err := fail[len(sent)]; err != nil {
			delete(fail, len(sent))
			return MessageRef{}, err
		}
		sent = append(sent, p)
		return MessageRef{Chat: chat, MessageID: p.Text}, nil
	}
	_, err := SendParts(context.Background(), r, l, send)
	var pe *PartialError
	if !errors.As(err, &pe) || pe.Sent != 2 || !errors.As(err, new(*RateLimitedError)) {
		t.Fatalf("err = %v, want a partial error after 2 parts wrapping the 429", err)
	}
	if pe.Rest.Photo != nil || pe.Rest.Menu != nil || pe.Rest.Track != "t" || pe.Rest.Buttons == nil || pe.Rest.Text != "tiga empat\nlima" {
		t.Fatalf("rest = %+v", pe.Rest)
	}
	ref, err := SendParts(context.Background(), pe.Rest, l, send)
	if err != nil || ref.MessageID != "lima" {
		t.Fatalf("sending the rest: %v %+v", err, ref)
	}
	if texts := textsOf(sent); !slices.Equal(texts, []string{"foto", "satu dua", "tiga empat", "lima"}) {
		t.Fatalf("sent %q", texts)
	}

	fail[len(sent)] = ErrBlocked
	if _, err := SendParts(context.Background(), r, l, send); err != ErrBlocked {
		t.Fatalf("first part failing: %v, want the send's own error", err)
	}
}

// Each part of a reply sent in parts carries its own idempotency key (a
// platform that drops a repeated message id must not drop the second part),
// and the rest of a reply that failed part way keeps the keys its parts had.
func TestSendPartsKeysEachPart(t *testing.T) {
	l := Limits{Text: 10, Caption: 10}
	r := Reply{Chat: ChatKey{Platform: WhatsApp, ChatID: "c"}, Key: "K", Text: "aaaa bbbb\ncccc dddd\neeee ffff"}
	var keys []string
	fail := 1
	_, err := SendParts(t.Context(), r, l, func(_ context.Context, p Reply) (MessageRef, error) {
		keys = append(keys, p.Key)
		if len(keys) == 2 && fail > 0 {
			fail--
			return MessageRef{}, errors.New("timed out")
		}
		return MessageRef{MessageID: p.Key}, nil
	})
	var pe *PartialError
	if !errors.As(err, &pe) || pe.Sent != 1 || pe.Rest.Key != "K/1" {
		t.Fatalf("err = %v (%+v), want a partial error after one part, rest keyed K/1", err, pe)
	}
	keys = nil
	if _, err := SendParts(t.Context(), pe.Rest, l, func(_ context.Context, p Reply) (MessageRef, error) {
		keys = append(keys, p.Key)
		return MessageRef{}, nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(keys) != 2 || keys[0] != "K/1" || keys[1] == keys[0] {
		t.Fatalf("retry keys = %v, want K/1 then a key of its own", keys)
	}
}
