package whatsapp

import (
	"context"
	"fmt"
	"time"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"
)

// Media retry. WhatsApp's media servers keep a file for a few weeks; after
// that a download fails with 404 or 410 even by direct path. The sender's
// phone still has it, and can be asked to upload it again (whatsmeow's
// media retry receipt): the phone answers with an events.MediaRetry
// carrying the new direct path, which HandleEvent hands to the waiting
// download. A phone that is offline answers late or never, so the wait is
// bounded by mediaRetryWait (and the caller's ctx).

// mediaRetryWait bounds the wait for the phone's answer.
const mediaRetryWait = 30 * time.Second

// refetch asks the phone that sent the message key names to upload m again,
// and downloads it from the new path.
func (a *Adapter) refetch(ctx context.Context, m mediaFile, key msgKey, maxBytes int64) ([]byte, error) {
	answer := make(chan *events.MediaRetry, 1)
	a.retries.Store(key.ID, answer)
	defer a.retries.Delete(key.ID)
	info := &types.MessageInfo{MessageSource: types.MessageSource{Chat: key.Chat, Sender: key.Sender}, ID: key.ID}
	if err := a.cli.RequestMediaRetry(ctx, info, m.GetMediaKey()); err != nil {
		return nil, fmt.Errorf("ask the phone to upload the media again: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, mediaRetryWait)
	defer cancel()
	select {
	case evt := <-answer:
		path, err := a.cli.MediaRetryPath(evt, m.GetMediaKey())
		if err != nil {
			return nil, fmt.Errorf("the phone did not upload the media again: %w", err)
		}
		return a.cli.DownloadPath(ctx, withPath(m, path), maxBytes)
	case <-ctx.Done():
		return nil, fmt.Errorf("the phone did not answer the media retry in time: %w", ctx.Err())
	}
}

// handleMediaRetry hands a phone's answer to the download waiting for it.
func (a *Adapter) handleMediaRetry(e *events.MediaRetry) {
	if ch, ok := a.retries.Load(e.MessageID); ok {
		select {
		case ch.(chan *events.MediaRetry) <- e:
		default:
		}
	}
}

// withPath is m at a new direct path, without its (expired) URL.
func withPath(m mediaFile, path string) mediaFile {
	switch v := proto.Clone(m.(proto.Message)).(type) {
	case *waE2E.ImageMessage:
		v.DirectPath, v.URL = proto.String(path), nil
		return v
	case *waE2E.DocumentMessage:
		v.DirectPath, v.URL = proto.String(path), nil
		return v
	}
	return m // not reached: file ids hold images and documents
}
