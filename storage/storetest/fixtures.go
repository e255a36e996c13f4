package storetest

import (
	"fmt"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// wib is UTC+7 without tzdata, so stores must convert to UTC themselves.
func wib() *time.Location { return time.FixedZone("WIB", 7*60*60) }

// at is a fixed instant min minutes after a base time that has sub-millisecond
// digits, to check the millisecond round trip.
func at(min int) time.Time {
	base := time.Date(2025, time.March, 10, 8, 0, 0, 123_456_789, wib())
	return base.Add(time.Duration(min) * time.Minute)
}

// nip builds a valid-looking 18-digit NIP.
func nip(n int) string { return fmt.Sprintf("19850101201001%04d", n) }

func float(v float64) *float64 { return &v }

func unit(code string) storage.Unit {
	return storage.Unit{
		Code:       code,
		Name:       "Puskesmas " + code,
		Type:       "puskesmas",
		ParentCode: "DINKES",
		Timezone:   "Asia/Makassar",
		Latitude:   float(-5.147665),
		Longitude:  float(119.432732),
		// The survey settings, set: every unit case round-trips them.
		ServiceUsers: 12_500,
		Counters:     3,
		QuickSurvey:  true,
		CreatedAt:    at(0),
		UpdatedAt:    at(1),
	}
}

func employee(n int, phone string) storage.Employee {
	return storage.Employee{
		NIP:           nip(n),
		Name:          fmt.Sprintf("Pegawai %d", n),
		UnitCode:      "PKM01",
		Position:      "Perawat Ahli Pertama",
		SupervisorNIP: nip(900),
		Phone:         phone,
		Active:        true,
		CreatedAt:     at(0),
		UpdatedAt:     at(1),
	}
}

func account(userID string, min int) storage.Account {
	return storage.Account{UserID: userID, ChatID: "chat-" + userID, LinkedAt: at(min)}
}
