package poster

import (
	"strings"
	"testing"
)

// FuzzParseLink checks ParseLink, which reads a poster's link (its QR
// code) back, on any text: whatever it accepts is an https link to t.me (scheme in any case) of a valid
// bot username whose parts DeepLink writes again as one canonical link,
// which ParseLink reads the same; a refusal returns nothing.
// (FuzzDeepLink and FuzzParsePayload in link_test.go cover the other
// directions.)
//
//	go test -run '^$' -fuzz '^FuzzParseLink$' -fuzztime 60s ./poster/
func FuzzParseLink(f *testing.F) {
	for _, s := range []string{
		// TestParseLink.
		"https://t.me/KinerjaBot?start=skm_PKM-MAULAFA_2_cepat", "", "http://t.me/KinerjaBot?start=skm_A",
		"https://example.org/KinerjaBot?start=skm_A", "https://t.me/KinerjaBot", "https://t.me/KinerjaBot?start=skm_A_0",
		"https://t.me/bot?start=skm_A",
		// Spellings a QR reader may meet.
		"https://t.me/KinerjaBot?start=skm_A%5F1", "https://t.me/KinerjaBot?x=1&start=skm_A&start=skm_B",
		"https://t.me/KinerjaBot/?start=skm_A", "https://T.ME/KinerjaBot?start=skm_A", "https://t.me:443/KinerjaBot?start=skm_A",
		"https://t.me/%4BinerjaBot?start=skm_A#frag", "https://user@t.me/KinerjaBot?start=skm_A;x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, link string) {
		bot, unit, counter, quick, ok := ParseLink(link)
		if !ok {
			if bot != "" || unit != "" || counter != 0 || quick {
				t.Fatalf("ParseLink(%q) refused with %q, %q, %d, %v", link, bot, unit, counter, quick)
			}
			return
		}
		if len(link) < len("https://") || !strings.EqualFold(link[:len("https://")], "https://") || !strings.Contains(link, "t.me/") {
			t.Fatalf("ParseLink(%q) accepted a link that is not https to t.me", link)
		}
		canon, err := DeepLink(bot, unit, counter, quick)
		if err != nil {
			t.Fatalf("ParseLink(%q) = %q, %q, %d, %v, which DeepLink refuses: %v", link, bot, unit, counter, quick, err)
		}
		b, u, n, q, ok := ParseLink(canon)
		if !ok || b != bot || u != unit || n != counter || q != quick {
			t.Fatalf("ParseLink(%q) = %q, %q, %d, %v but its canonical %q reads %q, %q, %d, %v, %v",
				link, bot, unit, counter, quick, canon, b, u, n, q, ok)
		}
	})
}
