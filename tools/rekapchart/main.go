// Command rekapchart draws the README's picture of /rekap's chart from
// recapchart's sample month: go run ./tools/rekapchart [-lang id] [-o docs/rekap-chart.png].
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/recapchart"
)

func main() {
	out := flag.String("o", "docs/rekap-chart.png", "the PNG to write")
	lang := flag.String("lang", "id", "language of the chart's words (id or en)")
	flag.Parse()
	data, err := recapchart.Render(recapchart.Sample(i18n.FromTag(*lang)))
	if err == nil {
		err = os.WriteFile(*out, data, 0o644) // a picture for the docs, not private data
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "rekapchart:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s (%d bytes)\n", *out, len(data))
}
