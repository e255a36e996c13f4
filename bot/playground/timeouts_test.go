package playground_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot/playground"
)

// serverTimeout is the server's every timeout in these tests.
const serverTimeout = 300 * time.Millisecond

// timeoutsPassed returns once a connection opened now has been closed by
// the server for sending nothing: every deadline the server gave a request
// started before has passed too.
func (f *running) timeoutsPassed() error {
	conn, err := net.Dial("tcp", strings.TrimPrefix(f.srv.URL, "http://"))
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetReadDeadline(time.Now().Add(serverTimeout + wait))
	if _, err := io.Copy(io.Discard, conn); err != nil {
		return fmt.Errorf("the server did not close an idle connection: %w", err)
	}
	return nil
}

func (f *running) waitTimeouts(t *testing.T) {
	t.Helper()
	if err := f.timeoutsPassed(); err != nil {
		t.Fatal(err)
	}
}

// The event stream outlives the server's read and write timeouts: an event
// long after them still reaches the page.
func TestEventStreamOutlivesServerTimeouts(t *testing.T) {
	f := startTimed(t, serverTimeout)
	ev, _ := f.subscribe(t)
	f.waitTimeouts(t)
	if code, body := f.post(t, "text", map[string]any{"chat": "budi", "text": "halo"}); code != http.StatusAccepted {
		t.Fatalf("text: %d %s", code, body)
	}
	if m := ev.message(t, "message"); m.Chat != "budi" || m.Message.Text != "halo" {
		t.Fatalf("message = %+v", m)
	}
}

// An upload whose body arrives slower than the server's read timeout, and
// a download read slower than its write timeout, still go through.
func TestTransfersOutliveServerTimeouts(t *testing.T) {
	f := startTimed(t, serverTimeout)
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	mw.WriteField("chat", "budi")
	fw, _ := mw.CreateFormFile("photo", "laporan.bin")
	fw.Write(bytes.Repeat([]byte("kinerja "), 2<<20)) // 16 MB: more than the socket buffers hold
	mw.Close()
	body, send := io.Pipe()
	go func() {
		half := form.Len() / 2
		send.Write(form.Next(half))
		if err := f.timeoutsPassed(); err != nil {
			send.CloseWithError(err)
			return
		}
		send.Write(form.Bytes())
		send.Close()
	}()
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/playground/api/photo", body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set(playground.ActionHeader, "1")
	if code, answer := do(t, req); code != http.StatusAccepted {
		t.Fatalf("slow upload: %d %s", code, answer)
	}
	u := f.in.next(t)

	resp, err := http.Get(f.srv.URL + "/playground/files/" + u.Media.FileID)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	first := make([]byte, 64<<10)
	if _, err := io.ReadFull(resp.Body, first); err != nil {
		t.Fatal(err)
	}
	f.waitTimeouts(t)
	rest, err := io.ReadAll(resp.Body)
	if got := int64(len(first) + len(rest)); err != nil || got != u.Media.Size {
		t.Fatalf("slow download: %d of %d bytes, %v", got, u.Media.Size, err)
	}
}
