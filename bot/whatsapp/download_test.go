package whatsapp_test

import (
	"bytes"
	"errors"
	"testing"

	"go.mau.fi/whatsmeow"

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

// TestDownloadAsksThePhone: a photo WhatsApp's servers no longer hold is
// uploaded again by the sender's phone when asked; when the phone no longer
// has it either, the download fails at once.
func TestDownloadAsksThePhone(t *testing.T) {
	r := start(t, nil)
	photo := readPhoto(t)
	r.fc.Receive(wt.Image(r.fc, budi, photo, "image/jpeg", "", 544, 408))
	u := r.in.waitN(t, 1)[0]
	r.fc.ExpireMedia(true)
	got, err := r.a.Download(t.Context(), u.Media.FileID, 10<<20)
	if err != nil || !bytes.Equal(got, photo) {
		t.Fatalf("Download of media gone from the servers = %d bytes, %v; want the photo from the phone", len(got), err)
	}
	r.fc.Receive(wt.Image(r.fc, budi, []byte("another photo"), "image/jpeg", "", 1, 1))
	u = r.in.waitN(t, 2)[1]
	r.fc.ExpireMedia(false)
	if _, err := r.a.Download(t.Context(), u.Media.FileID, 10<<20); !errors.Is(err, whatsmeow.ErrMediaNotAvailableOnPhone) {
		t.Errorf("Download of media the phone lost: %v, want ErrMediaNotAvailableOnPhone", err)
	}
	if n := r.fc.MediaRetries(); n != 2 {
		t.Errorf("%d media retries, want 2", n)
	}
}
