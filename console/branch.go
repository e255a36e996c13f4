package console

import (
	"context"
)

// branchCodes lists the codes of unit and every unit under it (one
// ListUnits, the branch as branchOf walks it); nil for "" (the whole
// deployment: no limit). A unit not on file is its own branch.
func (c *Console) branchCodes(ctx context.Context, unit string) ([]string, error) {
	if unit == "" {
		return nil, nil
	}
	units, err := c.branch(ctx, unit)
	if err != nil {
		return nil, err
	}
	if len(units) == 0 {
		return []string{unit}, nil
	}
	codes := make([]string, len(units))
	for i, u := range units {
		codes[i] = u.Code
	}
	return codes, nil
}
