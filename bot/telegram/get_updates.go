package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot"
)

// allowedUpdates are the update kinds asked of Telegram, when polling and
// when setting the webhook alike.
var allowedUpdates = []string{models.AllowedUpdateMessage, models.AllowedUpdateCallbackQuery}

const (
	// pollGrace is added to the long-poll timeout for the request deadline.
	pollGrace = 15 * time.Second
	// pollLimit is the most updates one getUpdates returns.
	pollLimit = 100
	// maxAnswer bounds the body of a getUpdates answer.
	maxAnswer = 32 << 20
	// confirmTimeout bounds the last getUpdates that confirms accepted
	// updates when polling stops.
	confirmTimeout = 3 * time.Second
)

type getUpdatesParams struct {
	Offset         int64    `json:"offset,omitempty"`
	Limit          int      `json:"limit,omitempty"`
	Timeout        int      `json:"timeout"`
	AllowedUpdates []string `json:"allowed_updates"`
}

type apiAnswer struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	Description string          `json:"description"`
	ErrorCode   int             `json:"error_code"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// poll deletes any webhook, then long-polls until ctx is done. The offset
// passes an update only once in accepted it (or it was ignored), and the
// next update is handed over only then, so none is lost or reordered.
func (a *Adapter) poll(ctx context.Context, in bot.Inbox) error {
	err := a.retry(ctx, "deleteWebhook", func(ctx context.Context) error {
		_, err := a.api.DeleteWebhook(ctx, &tg.DeleteWebhookParams{})
		return err
	})
	if ctx.Err() != nil {
		return nil
	}
	if err != nil {
		return fmt.Errorf("telegram deleteWebhook: %w", a.redact(err))
	}
	a.log.Info("telegram polling for updates")
	var offset int64
	defer func() { a.confirm(offset) }()
	for {
		batch, err := a.nextBatch(ctx, offset)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return fmt.Errorf("telegram getUpdates: %w", err)
		}
		for _, u := range batch {
			if a.deliver(ctx, in, u) != nil {
				return nil // only when ctx is done
			}
			offset = max(offset, u.ID+1)
		}
	}
}

// nextBatch long-polls until Telegram answers, retrying failures.
func (a *Adapter) nextBatch(ctx context.Context, offset int64) ([]*models.Update, error) {
	var batch []*models.Update
	err := a.retry(ctx, "getUpdates", func(ctx context.Context) error {
		var err error
		batch, err = a.getUpdates(ctx, offset, a.pollSeconds())
		return err
	})
	return batch, err
}

func (a *Adapter) pollSeconds() int { return int(a.opt.PollTimeout / time.Second) }

// confirm tells Telegram, on the way out, that updates before offset are
// done, so a restart does not receive them again. Best effort.
func (a *Adapter) confirm(offset int64) {
	if offset == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), confirmTimeout)
	defer cancel()
	if _, err := a.getUpdatesLimit(ctx, offset, 0, 1); err != nil {
		a.log.Debug("telegram final confirm failed; updates may be delivered again", "offset", offset, "err", a.redact(err))
	}
}

// deliver hands one update to in, retrying until in accepts it or ctx is
// done (then it returns ctx's error). Ignored updates are not handed over.
func (a *Adapter) deliver(ctx context.Context, in bot.Inbox, raw *models.Update) error {
	u, skip := fromTelegram(raw, a.username, time.Now())
	if skip != "" {
		a.log.Debug("telegram update ignored", "update_id", raw.ID, "reason", skip)
		return nil
	}
	return a.accept(ctx, in, u)
}

func (a *Adapter) accept(ctx context.Context, in bot.Inbox, u bot.Update) error {
	var wait time.Duration
	for {
		err := in.Accept(ctx, u)
		if err == nil {
			a.logAccepted(u)
			return nil
		}
		if errors.Is(err, bot.ErrMalformed) {
			a.log.Warn("telegram update dropped: it cannot be recorded", "update_id", u.ID, "err", err)
			return nil // retrying would hold back every later update
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		wait = nextBackoff(wait, err)
		a.log.Warn("inbox refused telegram update; retrying", "update_id", u.ID, "retry_in", wait, "err", err)
		if err := sleep(ctx, wait); err != nil {
			return err
		}
	}
}

func (a *Adapter) logAccepted(u bot.Update) {
	args := []any{"update_id", u.ID, "chat_id", u.ChatID, "kind", u.Kind}
	if u.Contact != nil {
		args = append(args, "phone", maskPhone(u.Contact.Phone))
	}
	a.log.Debug("telegram update accepted", args...)
}

// getUpdates calls getUpdates itself, not through the library, whose only
// getUpdates is its private loop that confirms before handing updates on.
func (a *Adapter) getUpdates(ctx context.Context, offset int64, timeout int) ([]*models.Update, error) {
	return a.getUpdatesLimit(ctx, offset, timeout, pollLimit)
}

func (a *Adapter) getUpdatesLimit(ctx context.Context, offset int64, timeout, limit int) ([]*models.Update, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Duration(timeout)*time.Second+pollGrace)
	defer cancel()
	body, err := json.Marshal(getUpdatesParams{
		Offset: offset, Limit: limit, Timeout: timeout, AllowedUpdates: allowedUpdates,
	})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.opt.APIURL+"/bot"+a.opt.Token+"/getUpdates", bytes.NewReader(body))
	if err != nil {
		return nil, a.redact(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := a.poller.Do(req)
	if err != nil {
		return nil, a.redact(err)
	}
	defer resp.Body.Close()
	return a.decodeUpdates(resp)
}

func (a *Adapter) decodeUpdates(resp *http.Response) ([]*models.Update, error) {
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return nil, fmt.Errorf("read answer: %w", a.redact(err))
	}
	var ans apiAnswer
	if err := json.Unmarshal(raw, &ans); err != nil {
		return nil, fmt.Errorf("decode answer (http %d): %w", resp.StatusCode, err)
	}
	if !ans.OK {
		return nil, apiError("getUpdates", ans.ErrorCode, ans.Description, ans.Parameters.RetryAfter)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(ans.Result, &items); err != nil {
		return nil, fmt.Errorf("decode updates: %w", err)
	}
	return a.decodeEach(items), nil
}

// decodeEach decodes updates one by one, so one the models cannot decode
// does not block the others forever: it is logged and left out, and the
// offset passes it with the rest of its batch.
func (a *Adapter) decodeEach(items []json.RawMessage) []*models.Update {
	out := make([]*models.Update, 0, len(items))
	for _, it := range items {
		u := &models.Update{}
		if err := json.Unmarshal(it, u); err != nil {
			var id struct {
				ID int64 `json:"update_id"`
			}
			_ = json.Unmarshal(it, &id)
			a.log.Error("telegram update undecodable; skipped", "update_id", id.ID, "err", err)
			out = append(out, &models.Update{ID: id.ID})
			continue
		}
		out = append(out, u)
	}
	return out
}
