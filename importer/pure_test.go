package importer

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestNormalizeTimezone(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Asia/Jakarta", "Asia/Jakarta", true},
		{" asia/makassar ", "Asia/Makassar", true},
		{"WIB", "Asia/Jakarta", true},
		{"wita", "Asia/Makassar", true},
		{"WIT", "Asia/Jayapura", true},
		{"Asia/Singapore", "", false},
		{"UTC+8", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := NormalizeTimezone(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("NormalizeTimezone(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParseCoordinate(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit float64
		want  float64
		ok    bool
	}{
		{"dot", "-0.5021", 90, -0.5021, true},
		{"decimal comma", "-0,50", 90, -0.5, true},
		{"integer", "117", 180, 117, true},
		{"limit", "-90", 90, -90, true},
		{"out of range", "90.1", 90, 0, false},
		{"longitude range", "181", 180, 0, false},
		{"NaN", "NaN", 90, 0, false},
		{"Inf", "Inf", 180, 0, false},
		{"text", "utara", 90, 0, false},
		{"thousands comma and dot", "1,000.5", 180, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseCoordinate(tt.in, tt.limit)
			if got != tt.want || ok != tt.ok {
				t.Errorf("parseCoordinate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestFindCycles(t *testing.T) {
	graph := map[string]string{"a": "b", "b": "c", "c": "a", "d": "a", "e": "f", "x": "y", "y": "x"}
	next := func(n string) (string, bool) { p, ok := graph[n]; return p, ok }
	got := findCycles([]string{"d", "e", "a", "x"}, next)
	want := map[string][]string{
		"a": {"a", "b", "c", "a"}, "b": {"b", "c", "a", "b"}, "c": {"c", "a", "b", "c"},
		"x": {"x", "y", "x"}, "y": {"y", "x", "y"},
	}
	if len(got) != len(want) {
		t.Fatalf("findCycles = %v, want %v", got, want)
	}
	for k, w := range want {
		if !slices.Equal(got[k], w) {
			t.Errorf("cycle at %s = %v, want %v", k, got[k], w)
		}
	}
}

func TestWriteOrder(t *testing.T) {
	deps := map[string][]string{"a": {"b"}, "b": {"c", "zz"}, "c": nil, "d": {"e"}, "e": {"d"}, "f": {"d"}}
	order, stuck := writeOrder([]string{"a", "b", "c", "d", "e", "f"}, func(k string) []string { return deps[k] }, nil)
	if !slices.Equal(order, []string{"c", "b", "a"}) || !slices.Equal(stuck, []string{"d", "e", "f"}) {
		t.Errorf("writeOrder = %v, %v", order, stuck)
	}
}

func TestReadCSV(t *testing.T) {
	lay := newLayout(layout{header: []string{"code", "name"}})
	type rec struct {
		line   int
		fields []string
		width  int
	}
	tests := []struct {
		name    string
		in      string
		want    []rec
		wantErr func(error) bool
	}{
		{
			name: "BOM, CRLF, spaces, header case",
			in:   "\ufeff Code , NAME \r\n A1 , Satu \r\n\r\n,\r\nA2,\"Dua, Tiga\"\r\n",
			want: []rec{{2, []string{"A1", "Satu"}, 2}, {5, []string{"A2", "Dua, Tiga"}, 2}},
		},
		{
			name: "semicolons, quoted fields with both separators",
			in:   "\ufeffcode;name\r\nA1;\"Satu; Dua, Tiga\"\r\n",
			want: []rec{{2, []string{"A1", "Satu; Dua, Tiga"}, 2}},
		},
		{
			name: "multi-line field keeps line numbers",
			in:   "code,name\nA1,\"Satu\nbaris dua\"\nA2,Dua\n",
			want: []rec{{2, []string{"A1", "Satu\nbaris dua"}, 2}, {4, []string{"A2", "Dua"}, 2}},
		},
		{
			name: "short and long rows are kept for the caller",
			in:   "code,name\nA1\nA2,Dua,extra\n",
			want: []rec{{2, []string{"A1", ""}, 1}, {3, []string{"A2", "Dua"}, 3}},
		},
		{
			name: "stray quote tolerated",
			in:   "code,name\nA1,Puskesmas \"Sehat\" Jaya\n",
			want: []rec{{2, []string{"A1", "Puskesmas \"Sehat\" Jaya"}, 2}},
		},
		{
			name: "columns in another order, an unused one, a title line above",
			in:   "DAFTAR UNIT\nNAME;Catatan;CODE\nSatu;x;A1\n",
			want: []rec{{3, []string{"A1", "Satu"}, 3}},
		},
		{name: "header only", in: "code,name\n", want: nil},
		{name: "empty file", in: "", wantErr: isHeaderError},
		{name: "missing column", in: "code\n", wantErr: isHeaderError},
		{name: "column twice", in: "code,name,code\n", wantErr: isHeaderError},
		{name: "no header", in: "A1,Satu\n", wantErr: isHeaderError},
		{name: "title line above a header lacking a column", in: "DAFTAR\nname,catatan\n", wantErr: func(err error) bool {
			var he *HeaderError
			return errors.As(err, &he) && slices.Equal(he.Got, []string{"name", "catatan"}) && slices.Equal(he.Missing, []string{"code"})
		}},
		{name: "UTF-16", in: "\xff\xfec\x00o\x00", wantErr: func(err error) bool { return errors.Is(err, ErrUTF16) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readFile(strings.NewReader(tt.in), Options{}, lay)
			if tt.wantErr != nil {
				if !tt.wantErr(err) {
					t.Fatalf("readFile err = %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("readFile: %v", err)
			}
			if len(got.records) != len(tt.want) {
				t.Fatalf("readFile = %v, want %v", got.records, tt.want)
			}
			for i, r := range got.records {
				w := tt.want[i]
				if r.line != w.line || !slices.Equal(r.fields, w.fields) || r.width != w.width {
					t.Errorf("record %d = %+v, want %+v", i, r, w)
				}
			}
		})
	}
}

func isHeaderError(err error) bool {
	var he *HeaderError
	return errors.As(err, &he)
}

func TestHeaderErrorMessage(t *testing.T) {
	_, err := readFile(strings.NewReader("nip;name;unit_code\n"), Options{}, rosterLayout)
	var he *HeaderError
	if !errors.As(err, &he) {
		t.Fatalf("err = %v, want *HeaderError", err)
	}
	id, en := he.Message("id"), he.Message("en")
	if !strings.Contains(id, "judul kolom berkas harus nip,name,unit_code,unit_name") || !strings.Contains(id, "(kolom yang tidak ditemukan: position, supervisor_nip, phone)") {
		t.Errorf("id message: %q", id)
	}
	if !strings.Contains(en, "the header must be nip,name") || !strings.Contains(en, "(columns not found: position, supervisor_nip, phone)") {
		t.Errorf("en message: %q", en)
	}
	empty := &HeaderError{Want: UnitsHeader}
	if !strings.Contains(empty.Message("id"), "berkas kosong") || !strings.Contains(empty.Error(), "empty file") {
		t.Errorf("empty file messages: %q / %q", empty.Message("id"), empty.Error())
	}
}

func TestReasonMessagesComplete(t *testing.T) {
	for code := range reasonKeys {
		for _, lang := range []string{"id", "en"} {
			r := Reason{Code: code, Value: "v", Want: "w", Lines: []int{2}}
			if msg := r.Message(lang); msg == string(code) || strings.Contains(msg, "%!") {
				t.Errorf("code %s (%s): message %q", code, lang, msg)
			}
		}
	}
}
