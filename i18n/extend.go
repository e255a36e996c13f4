package i18n

import "fmt"

// extend adds a feature's texts (a file of its own, texts_*.go) to a
// language's catalogue at init, so features do not all edit id.go and
// en.go. A key given twice is a programming error.
func extend(catalogue, texts map[Key]string) {
	for k, s := range texts {
		if _, dup := catalogue[k]; dup {
			panic(fmt.Sprintf("i18n: text %q given twice", k))
		}
		catalogue[k] = s
	}
}
