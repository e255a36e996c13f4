package telegram

import (
	"context"
	"fmt"
	"io"
	"net/http"

	tg "github.com/go-telegram/bot"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Download fetches the bytes of a file Telegram keeps (a bot.Media FileID),
// refusing files over maxBytes (bot.ErrFileTooLarge). The Bot API serves
// files up to 20 MB.
func (a *Adapter) Download(ctx context.Context, fileID string, maxBytes int64) ([]byte, error) {
	f, err := a.api.GetFile(ctx, &tg.GetFileParams{FileID: fileID})
	if err != nil {
		return nil, fmt.Errorf("telegram getFile: %w", a.redact(err))
	}
	if f.FileSize > maxBytes {
		return nil, fmt.Errorf("telegram download: %w: %d bytes, limit %d", bot.ErrFileTooLarge, f.FileSize, maxBytes)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.api.FileDownloadLink(f), nil)
	if err != nil {
		return nil, fmt.Errorf("telegram download: %w", a.redact(err))
	}
	resp, err := a.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("telegram download: %w", a.redact(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("telegram download: http %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("telegram download: %w", a.redact(err))
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("telegram download: %w: over %d bytes", bot.ErrFileTooLarge, maxBytes)
	}
	return data, nil
}
