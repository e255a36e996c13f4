package onboarding

import (
	"fmt"
	"strings"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/poster"
)

// GuideRole is who a printed guide is for.
type GuideRole string

// The guides' roles, as `kinerjabot panduan --role` names them.
const (
	GuideStaff      GuideRole = "pegawai"
	GuideSupervisor GuideRole = "atasan"
	GuideAdmin      GuideRole = "admin"
	GuideCitizen    GuideRole = "warga"
)

// GuideRoles lists them in the order of the docs.
var GuideRoles = []GuideRole{GuideStaff, GuideSupervisor, GuideAdmin, GuideCitizen}

// guideKeys: a role's title, subtitle and five things to know.
var guideKeys = map[GuideRole][7]i18n.Key{
	GuideStaff: {i18n.GuidePegawaiTitle, i18n.GuidePegawaiSubtitle,
		i18n.GuidePegawai1, i18n.GuidePegawai2, i18n.GuidePegawai3, i18n.GuidePegawai4, i18n.GuidePegawai5},
	GuideSupervisor: {i18n.GuideAtasanTitle, i18n.GuideAtasanSubtitle,
		i18n.GuideAtasan1, i18n.GuideAtasan2, i18n.GuideAtasan3, i18n.GuideAtasan4, i18n.GuideAtasan5},
	GuideAdmin: {i18n.GuideAdminTitle, i18n.GuideAdminSubtitle,
		i18n.GuideAdmin1, i18n.GuideAdmin2, i18n.GuideAdmin3, i18n.GuideAdmin4, i18n.GuideAdmin5},
	GuideCitizen: {i18n.GuideWargaTitle, i18n.GuideWargaSubtitle,
		i18n.GuideWarga1, i18n.GuideWarga2, i18n.GuideWarga3, i18n.GuideWarga4, i18n.GuideWarga5},
}

// ParseGuideRole reads a role name (case and spaces ignored).
func ParseGuideRole(s string) (GuideRole, error) {
	r := GuideRole(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := guideKeys[r]; !ok {
		return "", fmt.Errorf("unknown role %q: want pegawai, atasan, admin or warga", s)
	}
	return r, nil
}

// Guide is the one-page guide of a role in a language, with link (the
// bot's, or a unit's survey link for citizens) in its QR code.
func Guide(r GuideRole, l i18n.Lang, link string) poster.Guide {
	k := guideKeys[r]
	g := poster.Guide{Title: l.T(k[0]), Subtitle: l.T(k[1]), Scan: l.T(i18n.GuideScan), Link: link, Footer: l.T(i18n.GuideFooter)}
	for _, t := range k[2:] {
		g.Things = append(g.Things, l.T(t))
	}
	return g
}
