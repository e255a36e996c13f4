package whatsapp_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waAdv"
	"go.mau.fi/whatsmeow/types"

	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
)

func TestStoreSQLite(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
	dir := t.TempDir()
	checkStore(t, "", dir)
	fi, err := os.Stat(filepath.Join(dir, whatsapp.SessionFile))
	if err != nil {
		t.Fatalf("session file: %v", err)
	}
	if fi.Mode().Perm() != 0o600 { // the session's keys: its owner's only
		t.Errorf("session file is %v, want -rw-------", fi.Mode().Perm())
	}
}

func TestStorePostgres(t *testing.T) {
	base := os.Getenv("KINERJA_TEST_POSTGRES_URL")
	if base == "" {
		t.Skip("KINERJA_TEST_POSTGRES_URL not set (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable); skipping the PostgreSQL session store test")
	}
	checkStore(t, postgresSchema(t, base), "")
}

// postgresSchema makes a schema of its own for the test, dropped at the end,
// and returns base with search_path set to it.
func postgresSchema(t *testing.T, base string) string {
	t.Helper()
	schema := fmt.Sprintf("wa_test_%d", time.Now().UnixNano())
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.ExecContext(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		_, _ = db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// checkStore opens a fresh session store, finds no device, records a chat,
// saves a paired device, and reopens it to find both again.
func checkStore(t *testing.T, dbURL, dir string) {
	t.Helper()
	ctx := t.Context()
	st, err := whatsapp.OpenStore(ctx, dbURL, dir, nil)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if st.Paired() {
		t.Fatal("a fresh store holds a paired device")
	}
	chat := "6281234567890@s.whatsapp.net"
	if ok, err := st.Chats.HasWritten(ctx, chat); err != nil || ok {
		t.Fatalf("HasWritten on a fresh store = %v, %v; want false", ok, err)
	}
	if err := st.Chats.Wrote(ctx, chat, time.Now()); err != nil {
		t.Fatalf("Wrote: %v", err)
	}
	if err := st.Chats.Wrote(ctx, chat, time.Now()); err != nil {
		t.Fatalf("Wrote again: %v", err)
	}
	jid := types.NewADJID("6281100000000", 0, 7)
	st.Device.ID = &jid
	st.Device.Account = &waAdv.ADVSignedDeviceIdentity{
		Details: []byte("details"), AccountSignature: make([]byte, 64), AccountSignatureKey: make([]byte, 32), DeviceSignature: make([]byte, 64),
	}
	if err := st.Device.Save(ctx); err != nil {
		t.Fatalf("save device: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}

	st, err = whatsapp.OpenStore(ctx, dbURL, dir, nil)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer st.Close()
	if !st.Paired() || *st.Device.ID != jid {
		t.Fatalf("reopened device = %v, want %v", st.Device.ID, jid)
	}
	if ok, err := st.Chats.HasWritten(ctx, chat); err != nil || !ok {
		t.Fatalf("HasWritten after reopen = %v, %v; want true", ok, err)
	}
	if ok, _ := st.Chats.HasWritten(ctx, "6289999999999@s.whatsapp.net"); ok {
		t.Fatal("a chat that never wrote is known")
	}
}
