package bot

import "strings"

// FollowUp is what an edit from prev to next adds, for a platform that
// cannot edit and sends the edit as a new message (WhatsApp): the new tail
// when next extends prev (a decision appended to an approval prompt), else
// all of next. Empty when nothing changed.
func FollowUp(prev, next string) string {
	p, n := strings.TrimSpace(prev), strings.TrimSpace(next)
	if p != "" && strings.HasPrefix(n, p) {
		return strings.TrimSpace(n[len(p):])
	}
	return n
}
