package console

import (
	"context"
	"fmt"
)

// Branch lists the codes of unit and every unit under it (one ListUnits);
// nil for "" (the whole deployment: no limit).
func (c *Console) Branch(ctx context.Context, unit string) ([]string, error) {
	if unit == "" {
		return nil, nil
	}
	units, err := c.d.Store.ListUnits(ctx)
	if err != nil {
		return nil, fmt.Errorf("branch units: %w", err)
	}
	children := map[string][]string{}
	for _, u := range units {
		if u.ParentCode != "" && u.ParentCode != u.Code {
			children[u.ParentCode] = append(children[u.ParentCode], u.Code)
		}
	}
	out, seen := []string{unit}, map[string]bool{unit: true}
	for i := 0; i < len(out); i++ {
		for _, ch := range children[out[i]] {
			if !seen[ch] {
				seen[ch] = true
				out = append(out, ch)
			}
		}
	}
	return out, nil
}
