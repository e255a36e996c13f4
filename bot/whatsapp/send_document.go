package whatsapp

import (
	"context"
	"fmt"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"google.golang.org/protobuf/proto"

	"github.com/kinerjabot/kinerjabot/bot"
)

// maxDocumentUpload is the largest document the adapter uploads
// (WhatsApp takes larger ones; bot.MaxDocument bounds replies anyway).
const maxDocumentUpload = 100 << 20

// documentMessage uploads a reply's document (whatsmeow.MediaDocument)
// and builds its message, with caption as its caption.
func (a *Adapter) documentMessage(ctx context.Context, d *bot.Document, caption string) (*waE2E.Message, error) {
	switch {
	case len(d.Data) == 0:
		return nil, invalid("document without data")
	case len(d.Data) > maxDocumentUpload:
		return nil, invalid("document of %d bytes, over %d", len(d.Data), maxDocumentUpload)
	}
	up, err := a.cli.Upload(ctx, d.Data, whatsmeow.MediaDocument)
	if err != nil {
		return nil, fmt.Errorf("whatsapp upload document: %w", classify(err))
	}
	name := d.Name
	if name == "" {
		name = "file"
	}
	mime := d.MIME
	if mime == "" {
		mime = "application/octet-stream"
	}
	return &waE2E.Message{DocumentMessage: &waE2E.DocumentMessage{
		URL: proto.String(up.URL), DirectPath: proto.String(up.DirectPath), MediaKey: up.MediaKey,
		FileEncSHA256: up.FileEncSHA256, FileSHA256: up.FileSHA256, FileLength: proto.Uint64(up.FileLength),
		Mimetype: proto.String(mime), FileName: proto.String(name), Title: proto.String(name),
		Caption: proto.String(caption),
	}}, nil
}
