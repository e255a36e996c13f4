package retention

import (
	"testing"
	"time"
)

func TestExpired(t *testing.T) {
	now := time.Date(2026, 12, 7, 19, 30, 0, 0, time.UTC)
	days := func(d int) time.Time { return now.Add(-time.Duration(d) * 24 * time.Hour) }
	rules := Rules{EvidenceDays: 730, DraftPhotoDays: 7, SurveyHashDays: 30, LinkCodeDays: 30}
	tests := []struct {
		name string
		r    Rules
		kind Kind
		at   time.Time
		want bool
	}{
		{"a report's photo within two years is kept", rules, Evidence, days(729), false},
		{"a report's photo just at two years is kept", rules, Evidence, days(730), false},
		{"a report's photo a second past two years goes", rules, Evidence, days(730).Add(-time.Second), true},
		{"a draft's photo of six days is kept", rules, DraftPhoto, days(6), false},
		{"a draft's photo of eight days goes", rules, DraftPhoto, days(8), true},
		{"a survey's chat hash of a day is kept", rules, SurveyChat, days(1), false},
		{"a survey's chat hash of 31 days goes", rules, SurveyChat, days(31), true},
		{"a code expired 29 days ago is kept", rules, LinkCode, days(29), false},
		{"a code expired 31 days ago goes", rules, LinkCode, days(31), true},
		{"a code not yet expired is kept", rules, LinkCode, now.Add(time.Hour), false},
		{"0 keeps photos forever", Rules{}, Evidence, days(100000), false},
		{"0 keeps draft photos forever", Rules{EvidenceDays: 730}, DraftPhoto, days(700), false},
		{"0 keeps chat hashes forever", Rules{}, SurveyChat, days(5000), false},
		{"an unknown kind is kept", rules, Kind("employee"), days(5000), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.Expired(tt.kind, tt.at, now); got != tt.want {
				t.Errorf("Expired(%s, %s) = %v, want %v", tt.kind, tt.at, got, tt.want)
			}
		})
	}
}
