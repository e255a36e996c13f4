package console

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// Every text a template names is in the catalogue, in every language.
func TestTemplatesNameCatalogueKeys(t *testing.T) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	call := regexp.MustCompile(`\bt\s+"([^"]+)"`)
	for _, n := range names {
		b, err := fs.ReadFile(templateFS, n)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			for _, l := range i18n.Langs {
				if got := l.T(i18n.Key(m[1])); got == m[1] {
					t.Errorf("%s: text %q has no %s catalogue entry", n, m[1], l)
				}
			}
		}
	}
}
