package measure

import (
	"errors"
	"strings"
	"testing"
)

func TestParseVolume(t *testing.T) {
	tests := []struct {
		in     string
		amount float64
		unit   string
		str    string
	}{
		{"3 dokumen", 3, "dokumen", "3 dokumen"},
		{"12 pasien", 12, "pasien", "12 pasien"},
		{"  12   Pasien  ", 12, "Pasien", "12 Pasien"},
		{"1,5 km", 1.5, "km", "1,5 km"},
		{"1.5 km", 1.5, "km", "1,5 km"},
		{"1,5km", 1.5, "km", "1,5 km"},
		{"2 berkas surat", 2, "berkas surat", "2 berkas surat"},
		{"2 berkas   surat", 2, "berkas surat", "2 berkas surat"},
		{"3dokumen", 3, "dokumen", "3 dokumen"},
		{"1.250 lembar", 1250, "lembar", "1250 lembar"},
		{"12.500 lembar", 12500, "lembar", "12500 lembar"},
		{"100.000 lembar", 100000, "lembar", "100000 lembar"},
		{"100000 lembar", 100000, "lembar", "100000 lembar"},
		{"1.250,5 liter", 1250.5, "liter", "1250,5 liter"},
		{"1,250 ton", 1.25, "ton", "1,25 ton"}, // a comma is always decimal
		{"2.25 ton", 2.25, "ton", "2,25 ton"},
		{"0,5 kg", 0.5, "kg", "0,5 kg"},
		{"0.5 kg", 0.5, "kg", "0,5 kg"},
		{"0,001 ton", 0.001, "ton", "0,001 ton"},
		{"1,5000 km", 1.5, "km", "1,5 km"},
		{"007 SPJ", 7, "SPJ", "7 SPJ"},
		{"4 KK/rumah", 4, "KK/rumah", "4 KK/rumah"},
		{"5 lap. bulanan", 5, "lap. bulanan", "5 lap. bulanan"},
		{"2 sub-kegiatan", 2, "sub-kegiatan", "2 sub-kegiatan"},
		{"3 laporan 2026", 3, "laporan 2026", "3 laporan 2026"},
		{"6 balita", 6, "balita", "6 balita"},
		{"1 ibu hamil", 1, "ibu hamil", "1 ibu hamil"},
		{"2 m2", 2, "m2", "2 m2"},
		{"10 Ω", 10, "Ω", "10 Ω"},
		{"3 " + strings.Repeat("a", MaxUnitLen), 3, strings.Repeat("a", MaxUnitLen), "3 " + strings.Repeat("a", MaxUnitLen)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, err := ParseVolume(tt.in)
			if err != nil {
				t.Fatalf("ParseVolume(%q): %v", tt.in, err)
			}
			if v.Amount != tt.amount || v.Unit != tt.unit {
				t.Errorf("ParseVolume(%q) = %+v, want %v %q", tt.in, v, tt.amount, tt.unit)
			}
			if got := v.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
		})
	}
}

func TestParseVolumeRefused(t *testing.T) {
	tests := []struct {
		in   string
		want Reason
	}{
		{"", ReasonVolumeFormat},
		{"dokumen", ReasonVolumeFormat},
		{"tiga dokumen", ReasonVolumeFormat},
		{"-3 dokumen", ReasonVolumeFormat},
		{".5 km", ReasonVolumeFormat},
		{",5 km", ReasonVolumeFormat},
		{"±3 dokumen", ReasonVolumeFormat},
		{"3", ReasonVolumeNoUnit},
		{"3 ", ReasonVolumeNoUnit},
		{"1,5", ReasonVolumeNoUnit},
		{"3 12", ReasonVolumeNoUnit},
		{"3 -", ReasonVolumeNoUnit},
		{"1.2345 km", ReasonVolumeNumber},
		{"0.500 kg", ReasonVolumeNumber}, // not thousands (leading 0), not 1-2 decimals
		{"1000.500 kg", ReasonVolumeNumber},
		{"1.25.0 kg", ReasonVolumeNumber},
		{"1,250,000 lembar", ReasonVolumeNumber},
		{"1,250.5 lembar", ReasonVolumeNumber},
		{"1.25,5 lembar", ReasonVolumeNumber},
		{"1,2345 km", ReasonVolumeNumber},
		{"3, dokumen", ReasonVolumeNumber},
		{"3. dokumen", ReasonVolumeNumber},
		{"3.dokumen", ReasonVolumeNumber},
		{"0 dokumen", ReasonVolumeRange},
		{"0,000 dokumen", ReasonVolumeRange},
		{"0,0001 dokumen", ReasonVolumeNumber},
		{"100.001 lembar", ReasonVolumeRange},
		{"100000,5 lembar", ReasonVolumeRange},
		{"1.000.000 lembar", ReasonVolumeRange},
		{"99999999999999999999999 lembar", ReasonVolumeRange},
		{"3 dokumen, 2 surat", ReasonUnitChars},
		{"3 dokumen (rapat)", ReasonUnitChars},
		{"3 dok_umen", ReasonUnitChars},
		{"3 dokumen\x00", ReasonUnitChars},
		{"3 dok\xffumen", ReasonUnitChars},
		{"3 " + strings.Repeat("a", MaxUnitLen+1), ReasonUnitTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, err := ParseVolume(tt.in)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("ParseVolume(%q) = %+v, %v; want *Error %v", tt.in, v, err, tt.want)
			}
			if e.Reason != tt.want {
				t.Errorf("Reason = %v, want %v", e.Reason, tt.want)
			}
			if v != (Volume{}) {
				t.Errorf("Volume = %+v, want zero with an error", v)
			}
		})
	}
}

func TestVolumeString(t *testing.T) {
	tests := []struct {
		v    Volume
		want string
	}{
		{Volume{12, "pasien"}, "12 pasien"},
		{Volume{1.5, "km"}, "1,5 km"},
		{Volume{0.1 + 0.2, "km"}, "0,3 km"},
		{Volume{2.0004, "ton"}, "2 ton"},
		{Volume{1250, "lembar"}, "1250 lembar"},
		{Volume{3, ""}, "3"},
	}
	for _, tt := range tests {
		if got := tt.v.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestVolumeMessages(t *testing.T) {
	tests := []struct {
		r      Reason
		id, en string
	}{
		{ReasonVolumeNoUnit,
			"Satuannya belum ditulis. Tulis jumlah dan satuannya, misalnya 3 dokumen atau 12 pasien.",
			"The unit is missing. Write the amount and its unit, e.g. 3 dokumen or 12 pasien."},
		{ReasonVolumeRange,
			"Jumlah hasil kerja harus lebih dari 0 dan paling banyak 100.000, misalnya 3 dokumen.",
			"The output amount must be more than 0 and at most 100,000, e.g. 3 dokumen."},
		{ReasonUnitTooLong,
			"Satuan terlalu panjang (paling banyak 40 karakter), misalnya 3 dokumen atau 2 berkas surat.",
			"The unit is too long (at most 40 characters), e.g. 3 dokumen or 2 berkas surat."},
	}
	for _, tt := range tests {
		e := &Error{Reason: tt.r}
		if got := e.Message(""); got != tt.id {
			t.Errorf("Message(id) = %q, want %q", got, tt.id)
		}
		if got := e.Message("en"); got != tt.en {
			t.Errorf("Message(en) = %q, want %q", got, tt.en)
		}
	}
	if got := (&Error{Reason: 199}).Message("en"); !strings.HasPrefix(got, "Write the output amount") {
		t.Errorf("unknown volume reason message = %q", got)
	}
}
