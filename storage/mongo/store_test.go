package mongo

import (
	"context"
	"crypto/rand"
	"errors"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/storetest"
)

const uriEnv = "KINERJA_TEST_MONGODB_URI"

func TestConformance(t *testing.T) {
	uri := os.Getenv(uriEnv)
	if uri == "" {
		t.Skip("MongoDB tests skipped: set " + uriEnv + "=mongodb://... to run them")
	}
	storetest.Run(t, func(t *testing.T) storage.Store { return openTemp(t, uri) })
}

// openTemp opens a store on a new database, dropped when the test ends.
func openTemp(t *testing.T, uri string) *Store {
	t.Helper()
	name := "kinerjabot_test_" + strings.ToLower(rand.Text())
	var opts []Option
	if os.Getenv("MONGODB_ALLOW_INCOMPATIBLE") == "true" {
		opts = append(opts, AllowIncompatible(slog.New(slog.NewTextHandler(os.Stderr, nil))))
	}
	s, err := Open(t.Context(), uri, name, opts...)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.db.Drop(ctx); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
		_ = s.Close(ctx)
	})
	return s
}

func TestOpenIsIdempotent(t *testing.T) {
	uri := os.Getenv(uriEnv)
	if uri == "" {
		t.Skip("MongoDB tests skipped: set " + uriEnv + "=mongodb://... to run them")
	}
	s := openTemp(t, uri)
	again, err := Open(t.Context(), uri, s.db.Name())
	if err != nil {
		t.Fatalf("second Open on the same database: %v", err)
	}
	_ = again.Close(t.Context())
}

func TestOpenUnreachableIsUnavailable(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	_, err := Open(ctx, "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200&connectTimeoutMS=200", "kinerjabot")
	if !errors.Is(err, storage.ErrUnavailable) {
		t.Fatalf("Open of an unreachable server: %v, want ErrUnavailable", err)
	}
}

func TestOpenRejectsBadInput(t *testing.T) {
	for _, c := range []struct{ name, uri, db string }{
		{"not a mongodb uri", "http://localhost", "kinerjabot"},
		{"empty database", "mongodb://127.0.0.1:1", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(t.Context(), c.uri, c.db)
			if err == nil || errors.Is(err, storage.ErrUnavailable) {
				t.Fatalf("Open: %v, want a non-retryable error", err)
			}
		})
	}
}
