package telegram

import (
	"bytes"
	"context"
	"fmt"
	"strconv"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot"
)

// maxDocumentUpload is the largest file sendDocument takes as an upload.
const maxDocumentUpload = 50 << 20

// sendDocument uploads r.Document's bytes with sendDocument, r.Text as its
// caption. The returned reference has Photo set: its caption, not a text,
// is what an edit changes.
func (a *Adapter) sendDocument(ctx context.Context, id int64, r bot.Reply, markup models.ReplyMarkup) (bot.MessageRef, error) {
	d := r.Document
	switch {
	case len(d.Data) == 0:
		return bot.MessageRef{}, invalid("document without data")
	case len(d.Data) > maxDocumentUpload:
		return bot.MessageRef{}, invalid("document of %d bytes, over %d", len(d.Data), maxDocumentUpload)
	}
	msg, err := a.api.SendDocument(ctx, &tg.SendDocumentParams{
		ChatID: id, Caption: r.Text, ReplyMarkup: markup,
		Document: &models.InputFileUpload{Filename: documentName(d), Data: bytes.NewReader(d.Data)},
	})
	if err != nil {
		return bot.MessageRef{}, fmt.Errorf("telegram sendDocument chat=%s: %w", r.Chat.ChatID, classify(a.redact(err)))
	}
	return bot.MessageRef{Chat: r.Chat, MessageID: strconv.Itoa(msg.ID), Photo: true}, nil
}

// documentName is the file name the person sees ("file" when none).
func documentName(d *bot.Document) string {
	if d.Name == "" {
		return "file"
	}
	return d.Name
}
