package whatsapp

import (
	"context"
	"errors"
	"fmt"

	"go.mau.fi/whatsmeow"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Download fetches and decrypts the file a WhatsApp file id names (the
// FileID of a received photo or document), refusing files over maxBytes:
// before fetching when the message declared its length, and while reading
// (bot.ErrFileTooLarge), so that no more than maxBytes are held. When the
// media's URL has expired it is fetched by its direct path, and when
// WhatsApp's servers no longer hold it the sender's phone is asked to upload
// it again (retry.go).
func (a *Adapter) Download(ctx context.Context, fileID string, maxBytes int64) ([]byte, error) {
	m, err := decodeFileID(fileID)
	if err != nil {
		return nil, err
	}
	if n := m.GetFileLength(); n > 0 && int64(n) > maxBytes {
		return nil, fmt.Errorf("whatsapp download: %w: %d bytes, limit %d", bot.ErrFileTooLarge, n, maxBytes)
	}
	data, err := a.fetch(ctx, m, maxBytes)
	if key, ok := fileKey(fileID); ok && gone(err) {
		a.log.Info("whatsapp media gone from WhatsApp's servers; asking the sender's phone for it", "message_id", key.ID)
		data, err = a.refetch(ctx, m, key, maxBytes)
	}
	if err != nil {
		return nil, fmt.Errorf("whatsapp download: %w", err)
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("whatsapp download: %w: %d bytes, limit %d", bot.ErrFileTooLarge, len(data), maxBytes)
	}
	return data, nil
}

// fetch downloads m as whatsmeow does; when its URL was refused as
// expired, again from its direct path.
func (a *Adapter) fetch(ctx context.Context, m mediaFile, maxBytes int64) ([]byte, error) {
	data, err := a.cli.Download(ctx, m, maxBytes)
	if gone(err) && m.GetURL() != "" && m.GetDirectPath() != "" {
		a.log.Debug("whatsapp media URL expired; fetching it by its direct path", "err", safeErr(err))
		data, err = a.cli.DownloadPath(ctx, m, maxBytes)
	}
	return data, err
}

// gone reports whether a download failed because the media server no
// longer serves that address (403, 404 or 410).
func gone(err error) bool {
	return errors.Is(err, whatsmeow.ErrMediaDownloadFailedWith403) ||
		errors.Is(err, whatsmeow.ErrMediaDownloadFailedWith404) ||
		errors.Is(err, whatsmeow.ErrMediaDownloadFailedWith410)
}
