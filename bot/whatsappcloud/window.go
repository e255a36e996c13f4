package whatsappcloud

import (
	"context"
	"fmt"
)

// The 24-hour window: free-form messages reach a person only within 24
// hours of their last message. The adapter keeps, per chat, a Redis key
// that lives for Window after each message the person sends:
//
//	{prefix}wacloud:wrote:{chat}

func (a *Adapter) wroteKey(chat string) string { return a.opt.Prefix + "wacloud:wrote:{" + chat + "}" }

// wrote records that the person wrote: the window is open for Window.
func (a *Adapter) wrote(ctx context.Context, chat string) error {
	if err := a.opt.Redis.Set(ctx, a.wroteKey(chat), "1", Window).Err(); err != nil {
		return fmt.Errorf("whatsapp cloud: record the 24-hour window: %w", err)
	}
	return nil
}

// windowOpen reports whether the person wrote within Window.
func (a *Adapter) windowOpen(ctx context.Context, chat string) (bool, error) {
	n, err := a.opt.Redis.Exists(ctx, a.wroteKey(chat)).Result()
	if err != nil {
		return false, fmt.Errorf("whatsapp cloud: read the 24-hour window: %w", err)
	}
	return n > 0, nil
}

// windowClosed forgets the window the API says is closed (131047).
func (a *Adapter) windowClosed(ctx context.Context, chat string) {
	if err := a.opt.Redis.Del(ctx, a.wroteKey(chat)).Err(); err != nil {
		a.log.Warn("whatsapp cloud: forget a closed window", "err", err)
	}
}
