package whatsapp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/redis/go-redis/v9"
)

// WhatsApp (outside its business API) has no buttons, so the adapter offers
// numbered choices under a message and remembers, per chat, what each
// number stands for. The memory is in Redis, so a reply "2" finds its
// button after a restart and on any replica:
//
//	{prefix}wa:choice:{{chat}}:{message id}  JSON offered, TTL ChoiceTTL
//	{prefix}wa:choice-last:{{chat}}          id of the chat's latest message
//	                                        with choices, TTL ChoiceTTL
//
// (the chat in braces is a Redis Cluster hash tag: a chat's keys share a
// slot). A reply picks from the message it quotes (swipe to reply) when
// that one offered choices, else from the latest message. Any later message
// without choices clears "latest", so a bare number typed afterwards (a
// duration, a count) stays text.

// choiceKind says what picking a choice does.
type choiceKind string

const (
	choiceCallback choiceKind = "cb"  // an inline button: a callback with Data
	choiceText     choiceKind = "txt" // a keyboard button: its label as text
	choiceContact  choiceKind = "tel" // "share my number": the sender's own number
	choiceLocation choiceKind = "loc" // "share location": how to send one
)

type choice struct {
	Label string     `json:"l"`
	Data  string     `json:"d,omitempty"`
	Kind  choiceKind `json:"k"`
}

// offered is what the adapter remembers of a message it sent: its text
// (to turn a later edit into a short follow-up) and its choices.
type offered struct {
	Text    string   `json:"t,omitempty"`
	Choices []choice `json:"c,omitempty"`
}

// choices is the Redis memory of offered choices.
type choices struct {
	rdb    redis.UniversalClient
	prefix string
	ttl    time.Duration
}

func (c choices) msgKey(chat, msgID string) string {
	return c.prefix + "wa:choice:{" + chat + "}:" + msgID
}

func (c choices) lastKey(chat string) string { return c.prefix + "wa:choice-last:{" + chat + "}" }

// sent records a message sent to chat: its offer (kept when it has choices
// or keep is set, for a later edit) and whether it is now the chat's latest
// message with choices.
func (c choices) sent(ctx context.Context, chat, msgID string, o offered, keep bool) error {
	_, err := c.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		if len(o.Choices) > 0 || keep {
			raw, err := json.Marshal(o)
			if err != nil {
				return err
			}
			p.Set(ctx, c.msgKey(chat, msgID), raw, c.ttl)
		}
		if len(o.Choices) > 0 {
			p.Set(ctx, c.lastKey(chat), msgID, c.ttl)
		} else {
			p.Del(ctx, c.lastKey(chat))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("remember choices chat=%s: %w", maskChat(chat), err)
	}
	return nil
}

// settleScript replaces a message's offer and, when it was the chat's
// latest message with choices, forgets that. KEYS: message, last. ARGV:
// message id, new offer, ttl ms.
var settleScript = redis.NewScript(`
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1`)

// settle records that a message now reads text and offers no choices (an
// edit removed its buttons).
func (c choices) settle(ctx context.Context, chat, msgID, text string) error {
	raw, err := json.Marshal(offered{Text: text})
	if err != nil {
		return err
	}
	err = settleScript.Run(ctx, c.rdb, []string{c.msgKey(chat, msgID), c.lastKey(chat)},
		msgID, raw, c.ttl.Milliseconds()).Err()
	if err != nil {
		return fmt.Errorf("settle choices chat=%s: %w", maskChat(chat), err)
	}
	return nil
}

// get loads what was remembered of a message; ok is false when nothing was.
func (c choices) get(ctx context.Context, chat, msgID string) (o offered, ok bool, err error) {
	raw, err := c.rdb.Get(ctx, c.msgKey(chat, msgID)).Bytes()
	if errors.Is(err, redis.Nil) {
		return offered{}, false, nil
	}
	if err != nil {
		return offered{}, false, fmt.Errorf("load choices chat=%s: %w", maskChat(chat), err)
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		return offered{}, false, fmt.Errorf("decode choices chat=%s: %w", maskChat(chat), err)
	}
	return o, true, nil
}

// open finds the choices a reply picks from: those of the quoted message
// when it offered some, else those of the chat's latest message with
// choices. msgID is the message offering them; ok is false when none.
func (c choices) open(ctx context.Context, chat, quoted string) (msgID string, o offered, ok bool, err error) {
	if quoted != "" {
		o, ok, err = c.get(ctx, chat, quoted)
		if err != nil || ok && len(o.Choices) > 0 {
			return quoted, o, ok, err
		}
	}
	last, err := c.rdb.Get(ctx, c.lastKey(chat)).Result()
	if errors.Is(err, redis.Nil) {
		return "", offered{}, false, nil
	}
	if err != nil {
		return "", offered{}, false, fmt.Errorf("load latest choices chat=%s: %w", maskChat(chat), err)
	}
	o, ok, err = c.get(ctx, chat, last)
	return last, o, ok && len(o.Choices) > 0, err
}

// pick finds the choice a typed reply names: its number ("2", "2.") or its
// label, ignoring case, emoji and punctuation ("tolak" picks "❌ Tolak").
func pick(cs []choice, typed string) (choice, bool) {
	t := normalize(typed)
	if t == "" {
		return choice{}, false
	}
	if n, err := strconv.Atoi(t); err == nil {
		if n >= 1 && n <= len(cs) {
			return cs[n-1], true
		}
		return choice{}, false
	}
	for _, c := range cs {
		if normalize(c.Label) == t {
			return c, true
		}
	}
	return choice{}, false
}

// normalize lower-cases s and keeps only its letters, digits and single
// spaces between words.
func normalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case unicode.IsSpace(r):
			space = true
		}
	}
	return b.String()
}
