package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// declaredKeys reads the Key constants from the package's keys*.go files,
// so that a key declared but given no text is found.
func declaredKeys(t *testing.T) map[Key]string {
	t.Helper()
	files, err := filepath.Glob("keys*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no keys*.go: %v", err)
	}
	keys := map[Key]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				v := s.(*ast.ValueSpec)
				if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Key" {
					t.Fatalf("%s: constant %s is not declared as Key", f, v.Names[0])
				}
				for i, n := range v.Names {
					lit := v.Values[i].(*ast.BasicLit)
					val, _ := strconv.Unquote(lit.Value)
					if prev, dup := keys[Key(val)]; dup {
						t.Errorf("key value %q is used by %s and %s", val, prev, n.Name)
					}
					keys[Key(val)] = n.Name
				}
			}
		}
	}
	return keys
}

func TestEveryTextInEveryLanguage(t *testing.T) {
	keys := declaredKeys(t)
	for _, l := range Langs {
		cat := catalogues[l]
		for k, name := range keys {
			if strings.TrimSpace(cat[k]) == "" {
				t.Errorf("%s: %s (%q) is missing or empty", l, name, k)
			}
		}
		for k := range cat {
			if _, ok := keys[k]; !ok {
				t.Errorf("%s: %q has a text but no key in keys.go", l, k)
			}
		}
	}
}

func TestPlaceholdersAgreeAcrossLanguages(t *testing.T) {
	for k, name := range declaredKeys(t) {
		want, err := placeholders(ID.T(k))
		if err != nil {
			t.Errorf("%s %s: %v", ID, name, err)
			continue
		}
		for _, l := range Langs[1:] {
			got, err := placeholders(l.T(k))
			if err != nil {
				t.Errorf("%s %s: %v", l, name, err)
			} else if !slices.Equal(got, want) {
				t.Errorf("%s: placeholders %v in %s, %v in %s", name, got, l, want, ID)
			}
		}
	}
}

// placeholders lists a format's arguments as "index:verb", sorted and
// without repeats, following fmt's rules for explicit indexes.
func placeholders(format string) ([]string, error) {
	var out []string
	next := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		for i < len(format) && (format[i] >= '0' && format[i] <= '9' || format[i] == '.') {
			i++
		}
		if i < len(format) && format[i] == '[' {
			end := strings.IndexByte(format[i:], ']')
			n, err := strconv.Atoi(format[i+1 : i+max(end, 1)])
			if end < 0 || err != nil || n < 1 {
				return nil, errBadVerb(format)
			}
			next, i = n, i+end+1
		}
		if i >= len(format) {
			return nil, errBadVerb(format)
		}
		if format[i] == '%' {
			continue
		}
		if !strings.ContainsRune("vsdqfgxXtTcbeEoU", rune(format[i])) {
			return nil, errBadVerb(format)
		}
		out = append(out, strconv.Itoa(next)+":"+string(format[i]))
		next++
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

type errBadVerb string

func (e errBadVerb) Error() string { return "malformed fmt verb in " + strconv.Quote(string(e)) }

func TestPlaceholdersParser(t *testing.T) {
	for _, tc := range []struct {
		format string
		want   string
		bad    bool
	}{
		{format: "plain", want: ""},
		{format: "%d of %s", want: "1:d 2:s"},
		{format: "%[2]s has %[1]d", want: "1:d 2:s"},
		{format: "100%% done by %s", want: "1:s"},
		{format: "%5.1f%%", want: "1:f"},
		{format: "%[1]s and %[1]s", want: "1:s"},
		{format: "ends in %", bad: true},
		{format: "%[x]d", bad: true},
		{format: "%y", bad: true},
	} {
		got, err := placeholders(tc.format)
		if (err != nil) != tc.bad || strings.Join(got, " ") != tc.want {
			t.Errorf("placeholders(%q) = %v, %v; want %q (bad %v)", tc.format, got, err, tc.want, tc.bad)
		}
	}
}

func TestTFallsBackAndFormats(t *testing.T) {
	if got := EN.T(Outage); !strings.HasPrefix(got, "⚠️ Sorry") {
		t.Errorf("EN.T(Outage) = %q", got)
	}
	if got := Lang("fr").T(Outage); got != ID.T(Outage) {
		t.Errorf("an unknown language = %q, want the default's", got)
	}
	if got := ID.T("no.such.key"); got != "no.such.key" {
		t.Errorf("an unknown key = %q, want its name", got)
	}
	if l, ok := Parse(" EN "); !ok || l != EN {
		t.Errorf("Parse(EN) = %q, %v", l, ok)
	}
	if _, ok := Parse("fr"); ok {
		t.Error("Parse(fr) accepted")
	}
	for tag, want := range map[string]Lang{"en": EN, " EN-us": EN, "en_GB": EN, "id-ID": ID, "": ID, "fr": ID, "english": ID} {
		if got := FromTag(tag); got != want {
			t.Errorf("FromTag(%q) = %q, want %q", tag, got, want)
		}
	}
	if Lang("").Or(EN) != EN || ID.Or(EN) != ID {
		t.Error("Or does not keep a known language and replace an unknown one")
	}
}
