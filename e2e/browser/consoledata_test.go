package browser

import (
	"fmt"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/demo"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The demo roster's people the console's data is about.
const (
	demoHeadNIP  = "198003122006042009" // dr. Maya Kartika, head of PKM-SEMPAJA
	demoRizalNIP = "199607142020121003"
	demoDewiNIP  = "199702212022032006"
	demoLurahNIP = "198509052009121004" // Hendra, Lurah Sempaja Selatan
	demoSitiNIP  = "199204102019032012"
)

// seedConsoleDemo files this month's reports of the demo roster (each
// work day so far: Rizal every day, Dewi and Siti every other; the newest
// ones pending) and survey answers for the Puskesmas this month and last,
// so Ringkasan has something to show. It returns the month (YYYY-MM).
func seedConsoleDemo(t *testing.T, st storage.Store) string {
	t.Helper()
	zone, err := time.LoadLocation(demo.Zone)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().In(zone)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, zone)
	n := 0
	for day := first; !day.After(now); day = day.AddDate(0, 0, 1) {
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		pending := now.Sub(day) < 3*24*time.Hour
		for i, who := range []struct{ nip, unit, head string }{
			{demoRizalNIP, "PKM-SEMPAJA", demoHeadNIP}, {demoDewiNIP, "PKM-SEMPAJA", demoHeadNIP}, {demoSitiNIP, "KEL-SEMPAJA-SEL", demoLurahNIP},
		} {
			if i > 0 && day.Day()%2 == 0 {
				continue
			}
			n++
			fileReport(t, st, storage.Activity{ID: fmt.Sprintf("01KDEMO%019d", n), NIP: who.nip, UnitCode: who.unit, SupervisorNIP: who.head,
				Date: day.Format(time.DateOnly), Content: storage.Content{Minutes: 240 + 30*i, Description: "Pelayanan harian"},
				SubmittedAt: day.Add(15 * time.Hour)}, !pending)
		}
	}
	for i, answer := range []int{4, 3, 4, 3, 3, 4} {
		day := first.AddDate(0, -i%2, 1+i) // this month and last
		answers := make([]int, storage.SKMElements)
		for j := range answers {
			answers[j] = answer
		}
		err := st.AddSurvey(t.Context(), storage.Survey{ID: fmt.Sprintf("demo-svy-%d", i), UnitCode: "PKM-SEMPAJA",
			Date: day.Format(time.DateOnly), Mode: storage.SurveySKM, Answers: answers, ChatHash: fmt.Sprintf("%064x", 0xD3E0+i),
			At: day.Add(9 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
	}
	return now.Format("2006-01")
}

// fileReport files a and, when approve, has its supervisor approve it an
// hour later.
func fileReport(t *testing.T, st storage.Store, a storage.Activity, approve bool) {
	t.Helper()
	if err := st.CreateActivity(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	if !approve {
		return
	}
	d := storage.Decide{To: storage.StatusApproved, ByNIP: a.SupervisorNIP, At: a.SubmittedAt.Add(time.Hour)}
	if _, err := st.DecideActivity(t.Context(), a.ID, 1, d); err != nil {
		t.Fatal(err)
	}
}
