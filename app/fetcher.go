package app

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/handlers"
)

// fetcher downloads the files people send, through the adapter of the
// platform they came from (a file over the limit is bot.ErrFileTooLarge,
// from every adapter). Filled before the engine runs; read-only after.
type fetcher map[bot.Platform]bot.Downloader

var _ handlers.Fetcher = fetcher{}

func (f fetcher) Fetch(ctx context.Context, p bot.Platform, fileID string, maxBytes int64) ([]byte, error) {
	d, ok := f[p]
	if !ok {
		return nil, fmt.Errorf("no downloader for platform %s", p)
	}
	return d.Download(ctx, fileID, maxBytes)
}
