package handlers

import (
	"fmt"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// linkCatalog is the text of registering by the platform's number and by
// a one-time code (register.go, linkcode.go), in one language.
type linkCatalog struct {
	// AskCode asks for a code where the platform vouches for no number
	// (WhatsApp without Update.Phone) and no contact can prove one.
	AskCode string
	// CodeHint follows a refusal of the platform's number: the code route,
	// and where citizens go instead.
	CodeHint string
	// OwnPhoneInvalid: the platform's number is not an Indonesian mobile.
	OwnPhoneInvalid func(masked string) string

	CodeUsage     string
	CodeBadNIP    func(reason string) string
	CodeBadDigits string
	CodeNone      string
	CodeExpired   string
	CodeUsed      string
	CodeLocked    string
	CodeWrong     func(left int) string
	CodeWrongLast string
}

var linkCatalogs = map[i18n.Lang]*linkCatalog{"id": &linkID, "en": &linkEN}

func lmsgs(lang i18n.Lang) *linkCatalog {
	if c, ok := linkCatalogs[lang]; ok {
		return c
	}
	return &linkID
}

const (
	codeExampleID = "/kode 19860926 201505 1 001 123456"
	codeExampleEN = "/code 19860926 201505 1 001 123456"
)

var (
	codeUsageID = fmt.Sprintf("Format: /kode NIP KODE\nContoh: %s\nKODE adalah %d angka yang diberikan admin OPD Anda.",
		codeExampleID, LinkCodeDigits)
	codeUsageEN = fmt.Sprintf("Format: /code NIP CODE\nExample: %s\nCODE is the %d digits your admin gave you.",
		codeExampleEN, LinkCodeDigits)
	codeHours = int(LinkCodeTTL.Hours())
)

var linkID = linkCatalog{
	AskCode: "Selamat datang di kinerjabot 👋\n\n" +
		"WhatsApp tidak memberi tahu nomor HP Anda kepada kinerjabot, jadi daftarlah dengan kode sekali pakai: " +
		"minta kode ke admin OPD / pengelola kinerja di unit Anda, lalu kirim /kode NIP KODE\n" +
		"Contoh: " + codeExampleID + "\n\n" +
		fmt.Sprintf("Kode berlaku %d jam dan hanya bisa dipakai sekali.\n\n", codeHours) +
		"Untuk warga: survei kepuasan layanan dibuka dengan memindai kode QR di unit layanan, tanpa mendaftar.",
	CodeHint: "Jika nomor WhatsApp Anda berbeda dengan nomor di data pegawai, Anda bisa mendaftar dengan kode: " +
		"minta kode ke admin OPD, lalu kirim /kode NIP KODE.\n\n" +
		"Untuk warga: survei kepuasan layanan dibuka dengan memindai kode QR di unit layanan, tanpa mendaftar.",
	OwnPhoneInvalid: func(m string) string {
		return fmt.Sprintf("Nomor WhatsApp Anda (%s) bukan nomor HP Indonesia yang dapat dikenali.", m)
	},
	CodeUsage: codeUsageID,
	CodeBadNIP: func(reason string) string {
		return "Periksa NIP Anda: " + reason + ".\n\n" + codeUsageID
	},
	CodeBadDigits: fmt.Sprintf("Kode harus %d angka.\n\n", LinkCodeDigits) + codeUsageID,
	CodeNone:      "Tidak ada kode aktif untuk NIP itu. Periksa NIP yang Anda ketik, atau minta kode ke admin OPD Anda.",
	CodeExpired:   fmt.Sprintf("Kode itu sudah kedaluwarsa (kode berlaku %d jam). Minta kode baru ke admin OPD Anda.", codeHours),
	CodeUsed:      "Kode itu sudah dipakai; setiap kode hanya berlaku sekali. Minta kode baru ke admin OPD Anda.",
	CodeLocked: fmt.Sprintf("Kode itu terkunci karena sudah %d kali salah. Minta kode baru ke admin OPD Anda.",
		storage.MaxLinkCodeTries),
	CodeWrong: func(left int) string {
		return fmt.Sprintf("Kode salah. Sisa %d kali percobaan sebelum kode terkunci. "+
			"Periksa lagi kode dari admin, lalu kirim /kode NIP KODE.", left)
	},
	CodeWrongLast: fmt.Sprintf("Kode salah. Kode itu kini terkunci karena %d kali salah; minta kode baru ke admin OPD Anda.",
		storage.MaxLinkCodeTries),
}

var linkEN = linkCatalog{
	AskCode: "Welcome to kinerjabot 👋\n\n" +
		"WhatsApp does not tell kinerjabot your phone number, so register with a one-time code: " +
		"ask your unit's admin (pengelola kinerja) for a code, then send /code NIP CODE\n" +
		"Example: " + codeExampleEN + "\n\n" +
		fmt.Sprintf("A code is valid for %d hours and works once.\n\n", codeHours) +
		"Citizens: the service satisfaction survey opens by scanning the QR code at the service unit, no registration needed.",
	CodeHint: "If your WhatsApp number differs from the one on the staff roster, you can register with a code: " +
		"ask your admin for one, then send /code NIP CODE.\n\n" +
		"Citizens: the service satisfaction survey opens by scanning the QR code at the service unit, no registration needed.",
	OwnPhoneInvalid: func(m string) string {
		return fmt.Sprintf("Your WhatsApp number (%s) is not an Indonesian mobile number.", m)
	},
	CodeUsage: codeUsageEN,
	CodeBadNIP: func(reason string) string {
		return "Check your NIP: " + reason + ".\n\n" + codeUsageEN
	},
	CodeBadDigits: fmt.Sprintf("The code must be %d digits.\n\n", LinkCodeDigits) + codeUsageEN,
	CodeNone:      "There is no active code for that NIP. Check the NIP you typed, or ask your admin for a code.",
	CodeExpired:   fmt.Sprintf("That code has expired (codes are valid for %d hours). Ask your admin for a new one.", codeHours),
	CodeUsed:      "That code was already used; each code works once. Ask your admin for a new one.",
	CodeLocked: fmt.Sprintf("That code is locked after %d wrong tries. Ask your admin for a new one.",
		storage.MaxLinkCodeTries),
	CodeWrong: func(left int) string {
		tries := "tries"
		if left == 1 {
			tries = "try"
		}
		return fmt.Sprintf("Wrong code. %d %s left before the code locks. "+
			"Check the code from your admin, then send /code NIP CODE.", left, tries)
	},
	CodeWrongLast: fmt.Sprintf("Wrong code. The code is now locked after %d wrong tries; ask your admin for a new one.",
		storage.MaxLinkCodeTries),
}
