package ident

// The message catalogue of this package: one table per language. Keys are
// the reason codes of NIPError and PhoneError.

var nipMessages = map[bool]map[NIPReason]string{
	false: { // Bahasa Indonesia
		NIPEmpty:     "NIP kosong",
		NIPNotDigits: "NIP hanya boleh berisi angka (spasi dan titik boleh)",
		NIPLength:    "NIP harus 18 angka",
		NIPBirthDate: "8 angka pertama NIP harus tanggal lahir yang valid (TTTTBBHH)",
		NIPGender:    "angka ke-15 NIP (jenis kelamin) harus 1 atau 2",
		NIPSequence:  "3 angka terakhir NIP (nomor urut) tidak boleh 000",
	},
	true: { // English
		NIPEmpty:     "NIP is empty",
		NIPNotDigits: "NIP must contain digits only (spaces and dots allowed)",
		NIPLength:    "NIP must be 18 digits",
		NIPBirthDate: "the first 8 digits of a NIP must be a valid birth date (YYYYMMDD)",
		NIPGender:    "digit 15 of a NIP (gender) must be 1 or 2",
		NIPSequence:  "the last 3 digits of a NIP (sequence number) must not be 000",
	},
}

var phoneMessages = map[bool]map[PhoneReason]string{
	false: {
		PhoneEmpty:     "nomor HP kosong",
		PhoneChars:     "nomor HP hanya boleh berisi angka, spasi, tanda hubung, titik, tanda kurung dan + di depan",
		PhoneCountry:   "nomor HP harus nomor Indonesia yang diawali 08, 628 atau +628",
		PhoneNotMobile: "nomor HP harus nomor seluler (08… atau +628…), bukan telepon rumah/kantor",
		PhoneLength:    "panjang nomor HP tidak wajar: setelah 0 atau +62 harus ada 9 sampai 13 angka",
	},
	true: {
		PhoneEmpty:     "phone number is empty",
		PhoneChars:     "a phone number may contain only digits, spaces, dashes, dots, parentheses and a leading +",
		PhoneCountry:   "the phone number must be an Indonesian number starting with 08, 628 or +628",
		PhoneNotMobile: "the phone number must be a mobile number (08… or +628…), not a landline",
		PhoneLength:    "wrong phone number length: 9 to 13 digits are expected after the leading 0 or +62",
	},
}
