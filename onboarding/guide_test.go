package onboarding

import (
	"testing"

	"github.com/kinerjabot/kinerjabot/i18n"
)

func TestEveryGuideHasFiveThingsInBothLanguages(t *testing.T) {
	for _, r := range GuideRoles {
		for _, l := range []i18n.Lang{i18n.ID, i18n.EN} {
			g := Guide(r, l, "https://t.me/kinerjabot_demo_bot")
			if g.Title == "" || g.Subtitle == "" || len(g.Things) != 5 {
				t.Errorf("%s/%s: %+v", r, l, g)
			}
			for _, s := range g.Things {
				if s == "" {
					t.Errorf("%s/%s: an empty thing to know", r, l)
				}
			}
		}
	}
	if _, err := ParseGuideRole(" Atasan "); err != nil {
		t.Errorf("ParseGuideRole: %v", err)
	}
	if _, err := ParseGuideRole("bupati"); err == nil {
		t.Error("an unknown role was read")
	}
}
