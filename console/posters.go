package console

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/poster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// posterChoice is one poster a unit may print: no counter or one of its
// counters (loket), the nine-element survey or the quick rating.
type posterChoice struct {
	Counter int
	Quick   bool
}

// posterChoices are u's posters: without a counter, then one per counter;
// each also in the quick mode when the unit has it on.
func posterChoices(u storage.Unit) []posterChoice {
	var out []posterChoice
	for n := 0; n <= min(u.Counters, poster.MaxCounter); n++ {
		out = append(out, posterChoice{Counter: n})
		if u.QuickSurvey {
			out = append(out, posterChoice{Counter: n, Quick: true})
		}
	}
	return out
}

// posterFile downloads a unit's survey poster (package poster, as /poster
// and the CLI's qr make it): ?unit=, ?counter= (0: none), ?quick=1,
// ?format=png or pdf. Audited; a unit out of scope is 404.
func (c *Console) posterFile(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	q := r.URL.Query()
	visible, err := c.unitVisible(r.Context(), v, q.Get("unit"))
	switch {
	case err != nil:
		c.fail(w, r, "poster", err)
		return
	case !visible || c.botUsername() == "":
		http.NotFound(w, r)
		return
	}
	u, err := c.d.Store.GetUnit(r.Context(), q.Get("unit"))
	if err != nil {
		c.fail(w, r, "poster", err)
		return
	}
	counter, err := strconv.Atoi(q.Get("counter"))
	quick := q.Get("quick") == "1"
	format := q.Get("format")
	if err != nil || counter < 0 || counter > u.Counters || (quick && !u.QuickSurvey) || (format != "png" && format != "pdf") {
		c.badInput(w, r, i18n.ConsoleSurveyBadPoster, "poster: counter, mode or format not the unit's")
		return
	}
	b, mimeType, err := renderPoster(u, c.botUsername(), counter, quick, format)
	if err != nil {
		c.fail(w, r, "poster", err)
		return
	}
	c.audit(r, ActionPoster, u.Code, fmt.Sprintf("counter=%d quick=%t format=%s", counter, quick, format))
	attach(w, poster.FileName(u.Code, counter, quick)+"."+format, mimeType, b)
}

// renderPoster makes the poster in format png or pdf (Bahasa Indonesia:
// it is for the unit's citizens).
func renderPoster(u storage.Unit, bot string, counter int, quick bool, format string) ([]byte, string, error) {
	link, err := poster.DeepLink(bot, u.Code, counter, quick)
	if err != nil {
		return nil, "", fmt.Errorf("poster link: %w", err)
	}
	p := poster.Poster{UnitName: u.Name, Counter: counter, Link: link, Quick: quick}
	if format == "pdf" {
		b, err := p.PDF()
		return b, "application/pdf", err
	}
	b, err := p.PNG()
	return b, "image/png", err
}
