package storetest

import (
	"fmt"
	"math/rand/v2"

	"github.com/kinerjabot/kinerjabot/storage"
)

// reportID is a ULID-shaped id (26 characters) for report n.
func reportID(n int) string { return fmt.Sprintf("01JQAR%020d", n) }

// evidenceID is an evidence id for photo n, of the shape the bot makes.
func evidenceID(n int) string { return fmt.Sprintf("01JQAE%020d", n) }

func intp(v int) *int { return &v }

// content is a full report content: every field set, pointers included.
func content(n int) storage.Content {
	return storage.Content{
		StartMinute:  intp(7*60 + 30),
		Minutes:      90 + n,
		Description:  fmt.Sprintf("Penyuluhan \"PHBS\" ke-%d\ndi Posyandu Mawar — ✓", n),
		OutputVolume: 0.1 + 0.2, // 0.30000000000000004: every bit must survive
		OutputUnit:   "laporan",
		SKPTargetID:  "skp-target-1",
		Location:     &storage.Point{Lat: -5.147665, Lon: 119.432732},
		EvidenceIDs:  []string{evidenceID(n*10 + 3), evidenceID(n*10 + 1), evidenceID(n*10 + 2)},
		ReuseFlag:    true,
	}
}

// activity is report n of employee owner on date, submitted min minutes
// after the base time, pending at version 1 on the list of employee 900.
func activity(n, owner int, date string, min int) storage.Activity {
	return storage.Activity{
		ID:            reportID(n),
		NIP:           nip(owner),
		UnitCode:      "PKM01",
		SupervisorNIP: nip(900),
		Date:          date,
		Content:       content(n),
		Status:        storage.StatusPending,
		Version:       1,
		Audit: []storage.AuditEntry{
			{At: at(min), Action: storage.ActionSubmitted, ByNIP: nip(owner), Platform: "telegram", Version: 1},
		},
		SubmittedAt: at(min),
		CreatedAt:   at(min - 5),
		UpdatedAt:   at(min),
	}
}

// fullActivity has every field of a report set, with the values that trip
// stores up: a zero start minute and a point on the equator (set, not
// absent), a history entry with nothing optional, a decision by an admin,
// prompts with and without a photo.
func fullActivity(n int) storage.Activity {
	a := activity(n, 1, "2025-03-10", 60)
	a.StartMinute = intp(0)
	a.Location = &storage.Point{Lat: 0, Lon: 109.3425}
	a.Status, a.Version = storage.StatusRevision, 3
	a.History = []storage.Content{
		{Minutes: 30, Description: "versi pertama"},
		content(n + 1000),
	}
	a.Decision = &storage.Decision{ByNIP: nip(901), At: at(70), Reason: "Foto kurang jelas", Platform: "whatsapp", AsAdmin: true}
	a.Audit = []storage.AuditEntry{
		{At: at(10), Action: storage.ActionSubmitted, ByNIP: nip(1), Platform: "telegram", Version: 1},
		{At: at(20), Action: storage.ActionRevision, ByNIP: nip(900), Reason: "Tambah uraian", Platform: "telegram", Version: 1},
		{At: at(30), Action: storage.ActionResubmitted, ByNIP: nip(1), Platform: "telegram", Version: 2},
		{At: at(40), Action: storage.ActionRevision, ByNIP: nip(901), Reason: "Foto", Platform: "whatsapp", AsAdmin: true, Version: 2},
		{At: at(50), Action: storage.ActionResubmitted, ByNIP: nip(1), Platform: "playground", Version: 3},
		{At: at(60), Action: storage.ActionRerouted, ByNIP: storage.SystemActor, Rule: "roster", Version: 3, From: nip(900), To: nip(902)},
		{At: at(70), Action: storage.ActionRevision, ByNIP: nip(901), Reason: "Foto kurang jelas", Platform: "whatsapp", AsAdmin: true, Version: 3},
	}
	a.Prompts = []storage.MessageRef{
		{Platform: "telegram", ChatID: "5001", MessageID: "77", Photo: true},
		{Platform: "whatsapp", ChatID: "628123@s.whatsapp.net", MessageID: "wamid.ABC", To: nip(902)},
	}
	return a
}

// evidenceRecord is photo n of report activityN with the given hash; its
// bands are the hash's quarters.
func evidenceRecord(n, activityN int, phash uint64) storage.Evidence {
	taken := at(-60)
	return storage.Evidence{
		ID:         evidenceID(n),
		ActivityID: reportID(activityN),
		NIP:        nip(1),
		SHA256:     fmt.Sprintf("%064x", n),
		Size:       int64(1000 + n),
		MIME:       "image/jpeg",
		Width:      1280,
		Height:     960,
		PHash:      phash,
		Bands:      quarters(phash),
		TakenAt:    &taken,
		GPS:        &storage.Point{Lat: -5.147665, Lon: 119.432732},
		ReuseOf:    evidenceID(n + 1000),
		Platform:   "telegram",
		FileID:     fmt.Sprintf("AgACAgUAAxkBAAI-%d", n),
		CreatedAt:  at(n),
	}
}

func quarters(h uint64) []int {
	return []int{int(h >> 48 & 0xffff), int(h >> 32 & 0xffff), int(h >> 16 & 0xffff), int(h & 0xffff)}
}

// photoBytes is size pseudo-random bytes, the same for the same seed.
func photoBytes(seed uint64, size int) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := make([]byte, size)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func skpTarget(id string, owner int, period, kind, rhk, indikator string) storage.SKPTarget {
	return storage.SKPTarget{
		ID: id, NIP: nip(owner), Period: period, Kind: kind, RHK: rhk, Indikator: indikator,
		Target: "12", Satuan: "laporan", UpdatedAt: at(5),
	}
}
