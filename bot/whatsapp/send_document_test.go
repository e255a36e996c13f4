package whatsapp_test

import (
	"bytes"
	"errors"
	"testing"

	"go.mau.fi/whatsmeow"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
)

func TestSendDocument(t *testing.T) {
	r := start(t, nil)
	r.wrote(t, budiID)
	data := []byte(`{"nip":"199001152019031004"}`)
	ref := r.send(t, bot.Reply{Chat: chat(budiID), Text: "Data pribadi Anda",
		Document: &bot.Document{Name: "dataku.json", MIME: "application/json", Ref: "mydata:x", Data: data}})
	sent := r.fc.WaitSent(t, 1, wait)[0]
	doc := sent.Document()
	if doc == nil || ref.MessageID != sent.ID {
		t.Fatalf("sent %+v, ref %+v; want a document message", sent, ref)
	}
	if doc.GetFileName() != "dataku.json" || doc.GetMimetype() != "application/json" || doc.GetCaption() != "Data pribadi Anda" ||
		doc.GetFileLength() != uint64(len(data)) {
		t.Errorf("document %q %s %q %d bytes", doc.GetFileName(), doc.GetMimetype(), doc.GetCaption(), doc.GetFileLength())
	}
	up, kinds := r.fc.Uploads(), r.fc.UploadKinds()
	if len(up) != 1 || !bytes.Equal(up[0], data) || kinds[0] != whatsmeow.MediaDocument {
		t.Errorf("uploads %d (%v), want the document once as MediaDocument", len(up), kinds)
	}
}

func TestSendDocumentRefusals(t *testing.T) {
	r := start(t, nil)
	r.wrote(t, budiID)
	for name, rep := range map[string]bot.Reply{
		"no data":            {Chat: chat(budiID), Text: "x", Document: &bot.Document{Name: "a.json"}},
		"photo and document": {Chat: chat(budiID), Text: "x", Photo: &bot.Photo{Data: []byte{1}}, Document: &bot.Document{Data: []byte{1}}},
	} {
		if _, err := r.a.Send(t.Context(), rep); !errors.Is(err, whatsapp.ErrInvalidReply) {
			t.Errorf("%s: %v, want ErrInvalidReply", name, err)
		}
	}
	if n := len(r.fc.Uploads()); n != 0 {
		t.Errorf("%d uploads", n)
	}
}
