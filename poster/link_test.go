package poster

import (
	"errors"
	"strings"
	"testing"
)

func TestDeepLink(t *testing.T) {
	ok := []struct {
		bot, code string
		counter   int
		quick     bool
		want      string
	}{
		{"KinerjaBot", "PKM-MAULAFA", 0, false, "https://t.me/KinerjaBot?start=skm_PKM-MAULAFA"},
		{"@KinerjaBot", "PKM-MAULAFA", 0, false, "https://t.me/KinerjaBot?start=skm_PKM-MAULAFA"},
		{"kinerja_bot", "kel-oebufu", 3, false, "https://t.me/kinerja_bot?start=skm_kel-oebufu_3"},
		{"KinerjaBot", "KEL01", 0, true, "https://t.me/KinerjaBot?start=skm_KEL01_cepat"},
		{"KinerjaBot", "KEL01", 12, true, "https://t.me/KinerjaBot?start=skm_KEL01_12_cepat"},
		{"KinerjaBot", "12", 0, false, "https://t.me/KinerjaBot?start=skm_12"},       // all-digit code
		{"KinerjaBot", "cepat", 0, false, "https://t.me/KinerjaBot?start=skm_cepat"}, // code that reads "cepat"
		{"KinerjaBot", "cepat", 0, true, "https://t.me/KinerjaBot?start=skm_cepat_cepat"},
		{"KinerjaBot", "-", MaxCounter, false, "https://t.me/KinerjaBot?start=skm_-_9999"},
		{"KinerjaBot", strings.Repeat("A", 60), 0, false, "https://t.me/KinerjaBot?start=skm_" + strings.Repeat("A", 60)},
	}
	for _, c := range ok {
		got, err := DeepLink(c.bot, c.code, c.counter, c.quick)
		if err != nil || got != c.want {
			t.Errorf("DeepLink(%q, %q, %d, %v) = %q, %v; want %q", c.bot, c.code, c.counter, c.quick, got, err, c.want)
		}
	}

	bad := []struct {
		bot, code string
		counter   int
		quick     bool
		want      error
	}{
		{"", "KEL01", 0, false, ErrBotUsername},
		{"@", "KEL01", 0, false, ErrBotUsername},
		{"bot", "KEL01", 0, false, ErrBotUsername}, // under 5 characters
		{"1KinerjaBot", "KEL01", 0, false, ErrBotUsername},
		{"kinerja-bot", "KEL01", 0, false, ErrBotUsername},
		{"kinerja bot", "KEL01", 0, false, ErrBotUsername},
		{strings.Repeat("b", 33), "KEL01", 0, false, ErrBotUsername},
		{"KinerjaBot", "", 0, false, ErrUnitCode},
		{"KinerjaBot", "KEL_01", 0, false, ErrUnitCode}, // '_' is the separator
		{"KinerjaBot", "KEL 01", 0, false, ErrUnitCode},
		{"KinerjaBot", "KEL.01", 0, false, ErrUnitCode},
		{"KinerjaBot", "KEL/01", 0, false, ErrUnitCode},
		{"KinerjaBot", "KÉL01", 0, false, ErrUnitCode},
		{"KinerjaBot", "KEL01&x=1", 0, false, ErrUnitCode},
		{"KinerjaBot", strings.Repeat("A", 61), 0, false, ErrUnitCode},
		{"KinerjaBot", "KEL01", -1, false, ErrCounter},
		{"KinerjaBot", "KEL01", MaxCounter + 1, false, ErrCounter},
		{"KinerjaBot", strings.Repeat("A", 60), 1, false, ErrTooLong},
		{"KinerjaBot", strings.Repeat("A", 55), 0, true, ErrTooLong},
	}
	for _, c := range bad {
		got, err := DeepLink(c.bot, c.code, c.counter, c.quick)
		if !errors.Is(err, c.want) || got != "" {
			t.Errorf("DeepLink(%q, %q, %d, %v) = %q, %v; want error %v", c.bot, c.code, c.counter, c.quick, got, err, c.want)
		}
	}
}

func TestParsePayload(t *testing.T) {
	ok := []struct {
		s       string
		unit    string
		counter int
		quick   bool
	}{
		{"skm_PKM-MAULAFA", "PKM-MAULAFA", 0, false},
		{"skm_kel-oebufu_3", "kel-oebufu", 3, false},
		{"skm_KEL01_cepat", "KEL01", 0, true},
		{"skm_KEL01_12_cepat", "KEL01", 12, true},
		{"skm_12", "12", 0, false},
		{"skm_12_3", "12", 3, false},
		{"skm_cepat", "cepat", 0, false},
		{"skm_cepat_cepat", "cepat", 0, true},
		{"skm_-", "-", 0, false},
		{"skm_A_9999", "A", 9999, false},
		{"skm_" + strings.Repeat("A", 60), strings.Repeat("A", 60), 0, false},
	}
	for _, c := range ok {
		unit, counter, quick, good := ParsePayload(c.s)
		if !good || unit != c.unit || counter != c.counter || quick != c.quick {
			t.Errorf("ParsePayload(%q) = %q, %d, %v, %v; want %q, %d, %v, true", c.s, unit, counter, quick, good, c.unit, c.counter, c.quick)
		}
		if p, err := Payload(unit, counter, quick); err != nil || p != c.s {
			t.Errorf("Payload(ParsePayload(%q)) = %q, %v", c.s, p, err)
		}
	}

	bad := []string{
		"", "skm", "skm_", "skm__cepat", "skm_cepat_", "SKM_KEL01", "skm-KEL01", "KEL01",
		" skm_KEL01", "skm_KEL01 ", "skm_KEL01\n",
		"skm_KEL01_", "skm_KEL01__cepat", "skm_KEL01_0", "skm_KEL01_03", "skm_KEL01_10000",
		"skm_KEL01_-1", "skm_KEL01_+1", "skm_KEL01_1_2", "skm_KEL01_cepat_3", "skm_KEL01_CEPAT",
		"skm_KEL01_cepat_cepat", "skm_KEL01_x", "skm_KEL.01", "skm_KÉL01", "skm_KEL01_١",
		"skm_" + strings.Repeat("A", 61),
		"skm_" + strings.Repeat("A", 56) + "_cepat",
	}
	for _, s := range bad {
		if unit, counter, quick, good := ParsePayload(s); good || unit != "" || counter != 0 || quick {
			t.Errorf("ParsePayload(%q) = %q, %d, %v, %v; want rejection", s, unit, counter, quick, good)
		}
	}
}

func TestParseLink(t *testing.T) {
	link, err := DeepLink("@KinerjaBot", "PKM-MAULAFA", 2, true)
	if err != nil {
		t.Fatal(err)
	}
	bot, unit, counter, quick, ok := ParseLink(link)
	if !ok || bot != "KinerjaBot" || unit != "PKM-MAULAFA" || counter != 2 || !quick {
		t.Errorf("ParseLink(%q) = %q, %q, %d, %v, %v", link, bot, unit, counter, quick, ok)
	}
	for _, s := range []string{
		"", "http://t.me/KinerjaBot?start=skm_A", "https://example.org/KinerjaBot?start=skm_A",
		"https://t.me/KinerjaBot", "https://t.me/KinerjaBot?start=skm_A_0", "https://t.me/bot?start=skm_A",
	} {
		if _, _, _, _, ok := ParseLink(s); ok {
			t.Errorf("ParseLink(%q) accepted", s)
		}
	}
}

// FuzzDeepLink checks that whatever DeepLink accepts, ParsePayload and
// ParseLink give back exactly, and that the payload obeys Telegram's rules.
func FuzzDeepLink(f *testing.F) {
	f.Add("KinerjaBot", "PKM-MAULAFA", 0, false)
	f.Add("@kinerja_bot", "cepat", 3, true)
	f.Add("KinerjaBot", "12", 12, false)
	f.Add("KinerjaBot", "A_1", 0, true)
	f.Add("KinerjaBot", "-", 9999, true)
	f.Fuzz(func(t *testing.T, bot, code string, counter int, quick bool) {
		link, err := DeepLink(bot, code, counter, quick)
		if err != nil {
			if link != "" {
				t.Fatalf("link %q with error %v", link, err)
			}
			return
		}
		payload := link[strings.Index(link, "?start=")+len("?start="):]
		if len(payload) > MaxPayloadLen {
			t.Fatalf("payload %q longer than %d", payload, MaxPayloadLen)
		}
		for _, c := range []byte(payload) {
			if !(isAlnum(c) || c == '_' || c == '-') {
				t.Fatalf("payload %q has %q", payload, c)
			}
		}
		u, n, q, ok := ParsePayload(payload)
		if !ok || u != code || n != counter || q != quick {
			t.Fatalf("ParsePayload(%q) = %q, %d, %v, %v; want %q, %d, %v", payload, u, n, q, ok, code, counter, quick)
		}
		b, u, n, q, ok := ParseLink(link)
		if !ok || b != strings.TrimPrefix(bot, "@") || u != code || n != counter || q != quick {
			t.Fatalf("ParseLink(%q) = %q, %q, %d, %v, %v", link, b, u, n, q, ok)
		}
	})
}

// FuzzParsePayload checks the other direction: every payload ParsePayload
// accepts is the one Payload builds from its results (one spelling each).
func FuzzParsePayload(f *testing.F) {
	for _, s := range []string{"skm_A", "skm_A_1", "skm_A_cepat", "skm_A_1_cepat", "skm_cepat", "skm__cepat", "skm_A_01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		unit, counter, quick, ok := ParsePayload(s)
		if !ok {
			return
		}
		p, err := Payload(unit, counter, quick)
		if err != nil || p != s {
			t.Fatalf("ParsePayload(%q) = %q, %d, %v but Payload gives %q, %v", s, unit, counter, quick, p, err)
		}
	})
}
