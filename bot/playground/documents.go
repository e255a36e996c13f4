package playground

import (
	"bytes"
	"cmp"
	"mime"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// maxDocuments is how many documents the playground keeps for download;
// older ones are forgotten. Documents (a person's own data, exports) stay
// in memory only, never in the files directory.
const maxDocuments = 64

// document is a file the bot sent to one chat, kept for its download link.
type document struct {
	id, chat, name string
	data           []byte
}

// documents keeps the documents sent, newest last. Safe for concurrent use.
type documents struct {
	mu   sync.Mutex
	list []document
}

// put keeps a document sent to chat and returns its id.
func (ds *documents) put(chat string, d *bot.Document) string {
	doc := document{id: newFileID(), chat: chat, name: cmp.Or(cleanName(d.Name), "file"), data: d.Data}
	ds.mu.Lock()
	defer ds.mu.Unlock()
	ds.list = append(ds.list, doc)
	if len(ds.list) > maxDocuments {
		ds.list = ds.list[len(ds.list)-maxDocuments:]
	}
	return doc.id
}

// get finds a document of chat by id.
func (ds *documents) get(chat, id string) (document, bool) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	for _, d := range ds.list {
		if d.id == id && d.chat == chat {
			return d, true
		}
	}
	return document{}, false
}

// documentURL is the download link of a document sent to chat: it names
// the chat, and the document is served for that chat only.
func (a *Adapter) documentURL(chat, id string) string {
	return a.opt.Base + "/documents/" + url.PathEscape(chat) + "/" + id
}

// serveDocument serves a document for download, to the chat it was sent
// to only (an unknown id, or another chat's, is not found).
func (a *Adapter) serveDocument(w http.ResponseWriter, r *http.Request) {
	d, ok := a.docs.get(r.PathValue("chat"), r.PathValue("id"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream") // never rendered by the page's origin
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.name}))
	w.Header().Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(d.data))
}
