package whatsapp

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Download fetches and decrypts the file a WhatsApp file id names (the
// FileID of a received photo or document), refusing files over maxBytes:
// before fetching when the message declared its length, and after
// (bot.ErrFileTooLarge).
func (a *Adapter) Download(ctx context.Context, fileID string, maxBytes int64) ([]byte, error) {
	m, err := decodeFileID(fileID)
	if err != nil {
		return nil, err
	}
	if n := m.GetFileLength(); n > 0 && int64(n) > maxBytes {
		return nil, fmt.Errorf("whatsapp download: %w: %d bytes, limit %d", bot.ErrFileTooLarge, n, maxBytes)
	}
	data, err := a.cli.Download(ctx, m)
	if err != nil {
		return nil, fmt.Errorf("whatsapp download: %w", err)
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("whatsapp download: %w: %d bytes, limit %d", bot.ErrFileTooLarge, len(data), maxBytes)
	}
	return data, nil
}
