package whatsapp_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
	wt "github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
)

// TestDownloadExpiredURL: a photo whose URL has expired is fetched by its
// direct path.
func TestDownloadExpiredURL(t *testing.T) {
	r := start(t, nil)
	photo := readPhoto(t)
	r.fc.Receive(wt.Image(r.fc, budi, photo, "image/jpeg", "", 544, 408))
	u := r.in.waitN(t, 1)[0]
	r.fc.ExpireURLs()
	got, err := r.a.Download(t.Context(), u.Media.FileID, 10<<20)
	if err != nil || !bytes.Equal(got, photo) {
		t.Fatalf("Download after the URL expired = %d bytes, %v; want the photo", len(got), err)
	}
}

// TestDownloadUndeclaredLength: a file whose message does not say its
// length is still refused over the limit, by the client's bounded read.
func TestDownloadUndeclaredLength(t *testing.T) {
	r := start(t, nil)
	photo := readPhoto(t)
	msg := wt.Image(r.fc, budi, photo, "image/jpeg", "", 544, 408)
	msg.Message.ImageMessage.FileLength = nil
	r.fc.Receive(msg)
	u := r.in.waitN(t, 1)[0]
	if _, err := r.a.Download(t.Context(), u.Media.FileID, int64(len(photo)-1)); !errors.Is(err, bot.ErrFileTooLarge) {
		t.Errorf("Download over the limit: %v, want ErrFileTooLarge", err)
	}
}
