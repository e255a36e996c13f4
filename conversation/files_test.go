package conversation

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
)

// fileHandler answers with a document and a made image, both by reference;
// the handler's own bytes must never reach the outbox.
type fileHandler struct{ seqHandler }

func (h *fileHandler) Handle(ctx context.Context, in Input) (Outcome, error) {
	return Outcome{Replies: []bot.Reply{
		{Text: "your data", Document: &bot.Document{Name: "data.json", MIME: "application/json", Ref: "doc:A1",
			Data: []byte("HANDLER-BYTES")}},
		{Text: "your chart", Photo: &bot.Photo{Ref: "chart:A1", MIME: "image/png", Data: []byte("HANDLER-BYTES")}},
	}}, nil
}

type makerFunc func(ctx context.Context, ref string) ([]byte, error)

func (f makerFunc) MakeFile(ctx context.Context, ref string) ([]byte, error) { return f(ctx, ref) }

func (f *fixture) fileEngine(t *testing.T, files FileMaker) *Engine {
	e := New(f.rdb, &fileHandler{}, f.ap, slog.New(slog.NewTextHandler(io.Discard, nil)),
		Options{Prefix: f.rdb.Prefix, Files: files})
	e.AddSender(bot.Telegram, f.snd)
	return e
}

func (f *fixture) run(t *testing.T, e *Engine) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

// The outbox keeps the references only; each file is made from its
// reference just before it is sent.
func TestFilesAreMadeFromTheirReferenceAtSendTime(t *testing.T) {
	f := newFixture(t)
	made := makerFunc(func(_ context.Context, ref string) ([]byte, error) { return []byte("made " + ref), nil })
	e := f.fileEngine(t, made)
	ctx := context.Background()
	if err := e.Accept(ctx, text("801", 1, "x")); err != nil {
		t.Fatal(err)
	}
	c := bot.ChatKey{Platform: bot.Telegram, ChatID: "801"}
	res, _ := e.step(ctx, c, "tok", "claim", 0, "", "", nil)
	sess, replies := e.handle(ctx, c, res)
	res, _ = e.step(ctx, c, "tok", "commit", 0, res.version, sess, replies)
	if len(res.outbox) != 2 {
		t.Fatalf("outbox %d replies, want 2", len(res.outbox))
	}
	for _, raw := range res.outbox {
		if strings.Contains(raw, "HANDLER-BYTES") || strings.Contains(raw, base64.StdEncoding.EncodeToString([]byte("HANDLER-BYTES"))) {
			t.Fatalf("outbox holds a file's bytes: %s", raw)
		}
		if !strings.Contains(raw, `:A1"`) {
			t.Errorf("outbox reply without its reference: %s", raw)
		}
	}
	f.rdb.Del(ctx, f.key("lease", "telegram:801")) // sent by the engine that resumes
	f.run(t, f.fileEngine(t, made))
	if r := f.snd.next(t); r.Document == nil || string(r.Document.Data) != "made doc:A1" || r.Document.Name != "data.json" {
		t.Fatalf("document reply %+v, want the bytes made from its reference", r.Document)
	}
	if r := f.snd.next(t); r.Photo == nil || string(r.Photo.Data) != "made chart:A1" {
		t.Fatalf("photo reply %+v, want the bytes made from its reference", r.Photo)
	}
}

func TestFileThatCannotBeMadeGoesOutAsText(t *testing.T) {
	tests := map[string]FileMaker{
		"no maker":    nil,
		"maker fails": makerFunc(func(context.Context, string) ([]byte, error) { return nil, errors.New("store down") }),
		"empty file":  makerFunc(func(context.Context, string) ([]byte, error) { return nil, nil }),
		"too large":   makerFunc(func(context.Context, string) ([]byte, error) { return make([]byte, bot.MaxDocument+1), nil }),
	}
	for name, files := range tests {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			e := f.fileEngine(t, files)
			f.run(t, e)
			e.Accept(context.Background(), text("802", 1, "x"))
			if r := f.snd.next(t); r.Document != nil || r.Text != "your data" {
				t.Fatalf("reply %q with document %v, want the text alone", r.Text, r.Document != nil)
			}
			if r := f.snd.next(t); r.Photo != nil || r.Text != "your chart" {
				t.Fatalf("reply %q with photo %v, want the text alone", r.Text, r.Photo != nil)
			}
		})
	}
}
