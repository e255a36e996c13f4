package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	"github.com/kinerjabot/kinerjabot/handlers"
)

// fetcher downloads the files people send, through the adapter of the
// platform they came from. Filled before the engine runs; read-only after.
// A file over the limit is handlers.ErrFileTooLarge, whichever platform
// said so.
type fetcher map[bot.Platform]bot.Downloader

var _ handlers.Fetcher = fetcher{}

func (f fetcher) Fetch(ctx context.Context, p bot.Platform, fileID string, maxBytes int64) ([]byte, error) {
	d, ok := f[p]
	if !ok {
		return nil, fmt.Errorf("no downloader for platform %s", p)
	}
	data, err := d.Download(ctx, fileID, maxBytes)
	if errors.Is(err, telegram.ErrFileTooLarge) || errors.Is(err, whatsapp.ErrFileTooLarge) {
		return nil, fmt.Errorf("%w: %w", handlers.ErrFileTooLarge, err)
	}
	return data, err
}
