package mongo

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// The answers of real servers to buildInfo (trimmed), decoded as the store
// decodes them.
func TestCheckServer(t *testing.T) {
	for _, tc := range []struct {
		name   string
		answer bson.M
		refuse string // "" accepts
	}{
		{"MongoDB 7", bson.M{"version": "7.0.12", "versionArray": bson.A{int32(7), int32(0), int32(12), int32(0)}, "ok": 1.0}, ""},
		{"MongoDB 6", bson.M{"version": "6.0.0", "versionArray": bson.A{int32(6), int32(0), int32(0), int32(0)}}, ""},
		{"MongoDB 8", bson.M{"version": "8.0.3", "versionArray": bson.A{int32(8), int32(0), int32(3), int32(0)}}, ""},
		{"FerretDB 1.24", bson.M{"version": "7.0.77", "versionArray": bson.A{int32(7), int32(0), int32(77), int32(0)},
			"ferretdbVersion": "v1.24.0"}, "conditional update atomically"},
		{"MongoDB 5", bson.M{"version": "5.0.26", "versionArray": bson.A{int32(5), int32(0), int32(26), int32(0)}}, "older than 6"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw, err := bson.Marshal(tc.answer)
			if err != nil {
				t.Fatal(err)
			}
			var info buildInfo
			if err := bson.Unmarshal(raw, &info); err != nil {
				t.Fatal(err)
			}
			err = checkServer(info)
			if tc.refuse == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), tc.refuse) {
				t.Fatalf("error = %v, want ErrIncompatible naming %q", err, tc.refuse)
			}
		})
	}
}

// MONGODB_ALLOW_INCOMPATIBLE turns the refusal into a warning: identify
// logs it and goes on.
func TestAllowIncompatibleWarns(t *testing.T) {
	var logs bytes.Buffer
	var o openOptions
	AllowIncompatible(slog.New(slog.NewTextHandler(&logs, nil)))(&o)
	if !o.allowIncompatible || o.log == nil {
		t.Fatal("AllowIncompatible did not set the option")
	}
	ferret := buildInfo{Version: "7.0.77", FerretDBVersion: "v1.24.0"}
	if err := admit(ferret, openOptions{}); !errors.Is(err, ErrIncompatible) {
		t.Fatalf("without the option: %v, want ErrIncompatible", err)
	}
	if err := admit(ferret, o); err != nil {
		t.Fatalf("with the option: %v", err)
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "v1.24.0") {
		t.Errorf("no warning naming the server: %s", logs.String())
	}
}
