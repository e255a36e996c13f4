package recapchart

import "github.com/kinerjabot/kinerjabot/i18n"

// Sample is an example month (December 2026, to the 18th, with Christmas
// and a cuti bersama day): the README's picture and the tests' chart.
func Sample(lang i18n.Lang) Month {
	m := Month{Month: "2026-12", Lang: lang, Target: 6750 / 20, Days: make([]Day, 31)}
	minutes := []int{420, 390, 300, 450, 0, 0, 0, 360, 480, 240, 400, 380, 0, 0, 330, 420, 450, 300}
	for i := range m.Days {
		switch {
		case i%7 == 4 || i%7 == 5: // the 5th is a Saturday
			m.Days[i].Kind = Weekend
		case i == 23 || i == 24:
			m.Days[i].Kind = Holiday
		case i < len(minutes):
			m.Days[i].Approved = minutes[i]
		}
	}
	m.Days[15].Approved, m.Days[15].Pending = 120, 300
	m.Days[16].Approved, m.Days[16].Pending = 0, 450
	m.Days[17].Approved, m.Days[17].Pending = 0, 300
	m.Days[10].Approved = 400
	return m
}
