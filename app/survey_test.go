package app

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

func sharedStore(t *testing.T) storage.Store {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return st
}

// newReplica builds an App on st with its own DATA_DIR, as a replica with
// its own disk and no SURVEY_SECRET.
func newReplica(t *testing.T, st storage.Store, dataDir string, extra map[string]string) *App {
	t.Helper()
	e := map[string]string{"DATA_DIR": dataDir, "PLAYGROUND": "off"}
	for k, v := range extra {
		e[k] = v
	}
	cfg, err := config.Load(env(e))
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(t.Context(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), WithStore(st))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	return a
}

// Two replicas without SURVEY_SECRET, each with its own DATA_DIR, sharing
// one record store, hash a citizen's chat with the same key: a citizen
// cannot rate twice a day by reaching the other replica.
func TestReplicasShareSurveyKey(t *testing.T) {
	st := sharedStore(t)
	a := newReplica(t, st, t.TempDir(), nil)
	b := newReplica(t, st, t.TempDir(), nil)
	if len(a.surveyKey) < 32 || !bytes.Equal(a.surveyKey, b.surveyKey) {
		t.Fatalf("survey keys %q and %q, want one key of 32 bytes or more", a.surveyKey, b.surveyKey)
	}
	if c := newReplica(t, st, t.TempDir(), nil); !bytes.Equal(c.surveyKey, a.surveyKey) {
		t.Fatal("a restarted replica has another survey key")
	}
}

// The key an earlier release kept in DATA_DIR/survey.key moves into the
// store on first use, so the hashes already kept stay valid, and the other
// replicas take it from there.
func TestSurveyKeyFileMovesIntoStore(t *testing.T) {
	st := sharedStore(t)
	dir := t.TempDir()
	const old = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	if err := os.WriteFile(filepath.Join(dir, "survey.key"), []byte(old+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if a := newReplica(t, st, dir, nil); string(a.surveyKey) != old {
		t.Fatalf("survey key %q, want the file's %q", a.surveyKey, old)
	}
	if b := newReplica(t, st, t.TempDir(), nil); string(b.surveyKey) != old {
		t.Fatalf("the other replica's survey key %q, want the file's %q", b.surveyKey, old)
	}
}

// SURVEY_SECRET, when set, is the key, and the store keeps none.
func TestSurveySecretWins(t *testing.T) {
	st := sharedStore(t)
	a := newReplica(t, st, t.TempDir(), map[string]string{"SURVEY_SECRET": "configured-secret-0123456789"})
	if string(a.surveyKey) != "configured-secret-0123456789" {
		t.Fatalf("survey key %q", a.surveyKey)
	}
	if got, err := st.SurveyKey(t.Context(), []byte("probe")); err != nil || string(got) != "probe" {
		t.Fatalf("the store holds a key: %q %v", got, err)
	}
}
