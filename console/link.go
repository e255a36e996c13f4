package console

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/storage"
)

// loginPath is the login page under Prefix: a link's GET shows a button,
// its POST opens the session.
const loginPath = "masuk"

// claim is what Redis keeps of a login link, under the hash of its token:
// who it was sent to and in which chat. Platform "" is the playground's
// demo link, bound to no chat.
type claim struct {
	NIP      string `json:"nip"`
	Platform string `json:"platform,omitempty"`
	Chat     string `json:"chat,omitempty"`
	// Expires is when the link stops working (Unix ms, by the console's
	// clock); Redis drops the key then too.
	Expires int64 `json:"expires"`
}

// errLinkExpired: the link was found past its time (and is used up).
var errLinkExpired = errors.New("console link expired")

// ErrOff: the console has no CONSOLE_URL, so no link can be made.
var ErrOff = errors.New("console not configured")

// IssueLink makes a one-time login link for nip, sent to chat on platform
// (/konsol), valid Deps.LinkTTL. When the person asked for too many links
// it returns no link and the time to ask again.
func (c *Console) IssueLink(ctx context.Context, nip, platform, chat string) (string, time.Time, error) {
	if c.d.BaseURL == "" {
		return "", time.Time{}, ErrOff
	}
	ok, wait, err := c.hit(ctx, limitKindLinks, nip, linksPerPerson, linksWindow)
	if err != nil || !ok {
		return "", c.d.Now().Add(wait), err
	}
	token, err := c.storeLink(ctx, claim{NIP: nip, Platform: platform, Chat: chat})
	if err != nil {
		return "", time.Time{}, err
	}
	return c.d.BaseURL + loginQuery(token), time.Time{}, nil
}

// LinkTTL is how long a link IssueLink makes stays valid.
func (c *Console) LinkTTL() time.Duration { return c.d.LinkTTL }

// loginQuery is the login page's path under the console's root, with the
// token.
func loginQuery(token string) string { return loginPath + "?t=" + url.QueryEscape(token) }

// storeLink keeps cl under a new token's hash for LinkTTL and returns the
// token.
func (c *Console) storeLink(ctx context.Context, cl claim) (string, error) {
	cl.Expires = c.d.Now().Add(c.d.LinkTTL).UnixMilli()
	b, err := json.Marshal(cl)
	if err != nil {
		return "", fmt.Errorf("console link: %w", err)
	}
	token := newToken()
	if err := c.d.Redis.Set(ctx, c.key("link", hashToken(token)), b, c.d.LinkTTL).Err(); err != nil {
		return "", fmt.Errorf("console link: %w", err)
	}
	return token, nil
}

// takeLink consumes the token's link (GETDEL: a second use finds nothing).
// ErrNotFound when there is none (never issued, used); errLinkExpired,
// with the claim, when it has expired.
func (c *Console) takeLink(ctx context.Context, token string) (claim, error) {
	if token == "" {
		return claim{}, storage.ErrNotFound
	}
	b, err := c.d.Redis.GetDel(ctx, c.key("link", hashToken(token))).Bytes()
	if errors.Is(err, redis.Nil) {
		return claim{}, storage.ErrNotFound
	}
	if err != nil {
		return claim{}, fmt.Errorf("take console link: %w", err)
	}
	var cl claim
	if err := json.Unmarshal(b, &cl); err != nil {
		return claim{}, fmt.Errorf("take console link: %w", err)
	}
	if c.d.Now().UnixMilli() >= cl.Expires {
		return cl, errLinkExpired
	}
	return cl, nil
}
