package console

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// cookieName is the session cookie's name.
const cookieName = "kb_console"

// session is a console session as Redis keeps it, under the hash of its
// id (the cookie's value, which Redis never sees).
type session struct {
	NIP     string
	CSRF    string
	Lang    i18n.Lang
	Created time.Time
	Seen    time.Time
}

// Session hash fields.
const (
	fNIP, fCSRF, fLang, fCreated, fSeen = "nip", "csrf", "lang", "created", "seen"
)

// openSession stores a new session for nip and returns its id.
func (c *Console) openSession(ctx context.Context, nip string, lang i18n.Lang) (string, error) {
	id, now := newToken(), c.d.Now()
	k := c.key("session", hashToken(id))
	ms := strconv.FormatInt(now.UnixMilli(), 10)
	p := c.d.Redis.TxPipeline()
	p.HSet(ctx, k, fNIP, nip, fCSRF, newToken(), fLang, string(lang), fCreated, ms, fSeen, ms)
	p.Expire(ctx, k, c.d.SessionIdle)
	if _, err := p.Exec(ctx); err != nil {
		return "", fmt.Errorf("open console session: %w", err)
	}
	return id, nil
}

// loadSession reads the session of id and refreshes it; ErrNotFound when
// there is none or it has passed its idle or absolute end (it is then
// deleted).
func (c *Console) loadSession(ctx context.Context, id string) (session, error) {
	k := c.key("session", hashToken(id))
	m, err := c.d.Redis.HGetAll(ctx, k).Result()
	if err != nil {
		return session{}, fmt.Errorf("load console session: %w", err)
	}
	s, ok := sessionOf(m)
	now := c.d.Now()
	if !ok || now.Sub(s.Seen) >= c.d.SessionIdle || now.Sub(s.Created) >= c.d.SessionMax {
		if ok {
			_ = c.d.Redis.Del(ctx, k).Err()
		}
		return session{}, storage.ErrNotFound
	}
	ttl := min(c.d.SessionIdle, c.d.SessionMax-now.Sub(s.Created))
	p := c.d.Redis.TxPipeline()
	p.HSet(ctx, k, fSeen, strconv.FormatInt(now.UnixMilli(), 10))
	p.Expire(ctx, k, ttl)
	if _, err := p.Exec(ctx); err != nil {
		return session{}, fmt.Errorf("refresh console session: %w", err)
	}
	return s, nil
}

// sessionOf reads a session's hash; false when it is not a whole one.
func sessionOf(m map[string]string) (session, bool) {
	created, err1 := strconv.ParseInt(m[fCreated], 10, 64)
	seen, err2 := strconv.ParseInt(m[fSeen], 10, 64)
	if m[fNIP] == "" || m[fCSRF] == "" || errors.Join(err1, err2) != nil {
		return session{}, false
	}
	return session{NIP: m[fNIP], CSRF: m[fCSRF], Lang: i18n.Lang(m[fLang]),
		Created: time.UnixMilli(created), Seen: time.UnixMilli(seen)}, true
}

// setSessionLang keeps the viewer's language choice in the session whose
// id hashes to hash (Viewer.Session).
func (c *Console) setSessionLang(ctx context.Context, hash string, l i18n.Lang) error {
	k := c.key("session", hash)
	p := c.d.Redis.TxPipeline()
	p.HSet(ctx, k, fLang, string(l))
	p.Expire(ctx, k, c.d.SessionIdle) // never a key without an end (a session ended meanwhile)
	_, err := p.Exec(ctx)
	return err
}

// endSession deletes the session whose id hashes to hash (Viewer.Session).
func (c *Console) endSession(ctx context.Context, hash string) error {
	if err := c.d.Redis.Del(ctx, c.key("session", hash)).Err(); err != nil {
		return fmt.Errorf("end console session: %w", err)
	}
	return nil
}

// cookie is the session cookie carrying id (an empty id and maxAge -1
// clear it): HttpOnly, SameSite=Strict, on the console's path, Secure when
// the console is served over https.
func (c *Console) cookie(id string, maxAge int) *http.Cookie {
	path, secure := Prefix, false
	if u, err := url.Parse(c.d.BaseURL); err == nil && u.Host != "" {
		path, secure = u.Path, u.Scheme == "https"
	}
	return &http.Cookie{Name: cookieName, Value: id, Path: path, MaxAge: maxAge, HttpOnly: true, Secure: secure,
		SameSite: http.SameSiteStrictMode}
}
