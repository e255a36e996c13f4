package whatsapp

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"go.mau.fi/util/dbutil"
)

// ChatBook remembers the chats that wrote to the bot. The adapter sends only
// to those (see ErrNotContacted): an unofficial client that messages people
// who never wrote to it is what gets numbers banned. Implementations are
// safe for concurrent use; their methods may do I/O.
type ChatBook interface {
	// Wrote records that chat sent the bot a message at t.
	Wrote(ctx context.Context, chat string, t time.Time) error
	// HasWritten reports whether chat ever sent the bot a message.
	HasWritten(ctx context.Context, chat string) (bool, error)
}

// MemoryChats is a ChatBook in memory, for tests and tools.
type MemoryChats struct {
	mu    sync.Mutex
	chats map[string]time.Time
}

// NewMemoryChats returns an empty MemoryChats.
func NewMemoryChats() *MemoryChats { return &MemoryChats{chats: map[string]time.Time{}} }

func (m *MemoryChats) Wrote(_ context.Context, chat string, t time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.chats[chat]; !ok {
		m.chats[chat] = t
	}
	return nil
}

func (m *MemoryChats) HasWritten(_ context.Context, chat string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.chats[chat]
	return ok, nil
}

// sqlChats is the ChatBook kept in the WhatsApp session database (SQLite or
// PostgreSQL), next to whatsmeow's own tables, so it lasts as long as the
// session does and does not depend on Redis being persistent. Chats known to
// have written are cached in memory: each is written to the table once per
// process.
type sqlChats struct {
	db    *dbutil.Database
	known sync.Map // chat → struct{}
}

const chatsSchema = `CREATE TABLE IF NOT EXISTS kinerjabot_whatsapp_chats (
	chat       TEXT PRIMARY KEY,
	first_seen BIGINT NOT NULL
)`

func newSQLChats(ctx context.Context, db *dbutil.Database) (*sqlChats, error) {
	if _, err := db.Exec(ctx, chatsSchema); err != nil {
		return nil, fmt.Errorf("create table kinerjabot_whatsapp_chats: %w", err)
	}
	return &sqlChats{db: db}, nil
}

func (s *sqlChats) Wrote(ctx context.Context, chat string, t time.Time) error {
	if _, ok := s.known.Load(chat); ok {
		return nil
	}
	_, err := s.db.Exec(ctx,
		`INSERT INTO kinerjabot_whatsapp_chats (chat, first_seen) VALUES ($1, $2) ON CONFLICT (chat) DO NOTHING`,
		chat, t.UnixMilli())
	if err != nil {
		return fmt.Errorf("record chat %s: %w", maskChat(chat), err)
	}
	s.known.Store(chat, struct{}{})
	return nil
}

func (s *sqlChats) HasWritten(ctx context.Context, chat string) (bool, error) {
	if _, ok := s.known.Load(chat); ok {
		return true, nil
	}
	var one int
	err := s.db.QueryRow(ctx, `SELECT 1 FROM kinerjabot_whatsapp_chats WHERE chat = $1`, chat).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("look up chat %s: %w", maskChat(chat), err)
	}
	s.known.Store(chat, struct{}{})
	return true, nil
}
