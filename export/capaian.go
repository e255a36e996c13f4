package export

import (
	"cmp"
	"context"

	"github.com/kinerjabot/kinerjabot/roster"
)

// Capaian is approved minutes ÷ the monthly target, the Rekap sheet's
// capaian column (an input for the TPP calculation, not TPP). A target
// under 1 gives 0.
func Capaian(approved, target int) float64 {
	if target < 1 {
		return 0
	}
	return float64(approved) / float64(target)
}

// UnitTarget is the monthly target in minutes of a unit's people: the
// unit's own setting or the nearest one above it (roster.UnitSetting), else
// the exporter's MonthlyTarget. The Rekap sheet and the console's capaian
// read it alike.
func (x *Exporter) UnitTarget(ctx context.Context, unit string) (int, error) {
	t, err := roster.UnitSetting(ctx, x.store, unit, roster.MonthlyTarget)
	if err != nil {
		return 0, err
	}
	return cmp.Or(t, x.opt.MonthlyTarget), nil
}
