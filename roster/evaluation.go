package roster

import "github.com/kinerjabot/kinerjabot/storage"

// EvaluationMonths picks the unit's evaluation cadence in months (1
// monthly, 3 quarterly; 0 inherits).
func EvaluationMonths(u storage.Unit) int { return u.EvaluationMonths }
