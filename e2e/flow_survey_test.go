package e2e

import (
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// warga is a citizen: on no roster, never registered.
var warga = person{"Warga", "", "+6285200005001", chatWarga}

// 8. A citizen's survey by deep link: Telegram's t.me/…?start=skm_… and
// WhatsApp's wa.me/…?text=… (the survey poster's QR code) both make the
// person's app send the same first text. Nine questions answered by
// button, a comment, and the answers stored without the chat.
func flowSurveyDeepLink(t *testing.T, p platform) {
	w := p.chat(warga)
	w.say("/start skm_PKM-SMP_2")
	intro := w.expect("9 pertanyaan")
	contains(t, intro.text, "layanan Puskesmas Sempaja (Loket 2)")
	q := w.expect("Pertanyaan 1 dari 9")
	// The best answer to each question (a press picks the first button
	// whose label contains the text: "Mudah" is "Sangat mudah").
	labels := []string{"Sangat sesuai", "Mudah", "Cepat", "Gratis", "Sesuai", "Sangat kompeten", "Sopan dan ramah", "Baik", "Dikelola dengan baik"}
	for i, l := range labels {
		w.press(q, l)
		if i < 8 {
			q = w.expect("Pertanyaan " + string(rune('2'+i)) + " dari 9")
		}
	}
	w.expect("saran atau komentar")
	w.say("Antrean lebih tertib, terima kasih")
	w.expect("Terima kasih! Penilaian Anda untuk Puskesmas Sempaja")
	st := p.base().surveys(t, storage.SurveySKM)
	if st.Respondents != 1 || st.Sums != [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4} {
		t.Fatalf("stored = %+v", st)
	}
}
