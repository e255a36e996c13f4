package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/importer"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// serveEnv makes this test binary the service, as `kinerjabot serve` runs
// it (package app, configured from the environment, stopped by SIGTERM),
// for the tests that stop and kill it.
const serveEnv = "KINERJA_E2E_SERVE"

func TestMain(m *testing.M) {
	if os.Getenv(serveEnv) == "1" {
		os.Exit(serveChild())
	}
	os.Exit(m.Run())
}

func serveChild() int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	cfg, err := config.Load(os.LookupEnv)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	a, err := app.New(ctx, cfg, log)
	if err != nil {
		log.Error("start", "err", err)
		return 1
	}
	defer a.Close()
	if err := a.Run(ctx); err != nil {
		log.Error("run", "err", err)
		return 1
	}
	return 0
}

// service is the bot in a process of its own, on the embedded defaults (no
// REDIS_URL, no MONGODB_URI) in one DATA_DIR, behind a Telegram webhook.
type service struct {
	t    *testing.T
	api  *telegramtest.Server
	dir  string
	url  string // the webhook, once started
	cmd  *exec.Cmd
	done chan error
	logs *syncLog
}

const restartSecret = "restart-secret"

type syncLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *syncLog) add(s string) {
	l.mu.Lock()
	l.lines = append(l.lines, s)
	l.mu.Unlock()
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// start runs the service and waits until its HTTP server listens.
func (s *service) start() {
	s.t.Helper()
	self, err := os.Executable()
	if err != nil {
		s.t.Fatal(err)
	}
	cmd := exec.Command(self, "-test.run=^$")
	cmd.Env = []string{serveEnv + "=1", "PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "TMPDIR=" + os.TempDir(),
		"DATA_DIR=" + s.dir, "HTTP_ADDR=127.0.0.1:0", "WORKERS=4", "LOG_LEVEL=info", "PLAYGROUND=off", "REMINDERS=off",
		"BOT_LANGUAGE=id", "DEFAULT_TIMEZONE=Asia/Makassar", "SURVEY_SECRET=e2e-survey-key-0123456789",
		"TELEGRAM_TOKEN=" + s.api.Token(), "TELEGRAM_API_URL=" + s.api.URL(), "TELEGRAM_MODE=webhook",
		"TELEGRAM_WEBHOOK_URL=https://bot.example.go.id/tg", "TELEGRAM_WEBHOOK_SECRET=" + restartSecret}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		s.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.cmd, s.done = cmd, make(chan error, 1)
	listening := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			s.logs.add(line)
			var rec struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "HTTP listening" {
				listening <- rec.Addr
			}
		}
		io.Copy(io.Discard, stderr)
		s.done <- cmd.Wait()
	}()
	select {
	case addr := <-listening:
		s.url = "http://" + addr + "/tg"
	case err := <-s.done:
		s.t.Fatalf("the service exited at start: %v\n%s", err, s.logs)
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		s.t.Fatalf("the service did not listen in 30s\n%s", s.logs)
	}
}

// stop ends the service with sig and waits for it to exit.
func (s *service) stop(sig syscall.Signal) {
	s.t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		s.t.Fatal(err)
	}
	select {
	case err := <-s.done:
		if sig == syscall.SIGTERM && err != nil {
			s.t.Fatalf("the service stopped with %v after SIGTERM\n%s", err, s.logs)
		}
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		s.t.Fatalf("the service did not stop in 30s after %v\n%s", sig, s.logs)
	}
	s.cmd = nil
}

// post delivers u to the webhook and fails unless it was acknowledged.
func (s *service) post(u models.Update) {
	s.t.Helper()
	req := telegramtest.WebhookRequest(u, restartSecret)
	r, err := http.NewRequest(http.MethodPost, s.url, req.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	r.Header = req.Header
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		s.t.Fatalf("webhook answered %d", resp.StatusCode)
	}
}

// await waits for a message to chat, sent after the first mark messages,
// that contains want, and returns it.
func (s *service) await(mark int, chat int64, want string) telegramtest.Message {
	s.t.Helper()
	for n := mark + 1; ; n++ {
		sent := s.api.WaitSent(s.t, n, waitFor)
		if m := sent[n-1]; m.ChatID == chat && strings.Contains(m.Text, want) {
			return m
		}
	}
}

// say posts an update and waits for the answer containing want.
func (s *service) say(u models.Update, chat int64, want string) telegramtest.Message {
	s.t.Helper()
	mark := len(s.api.Sent())
	s.post(u)
	return s.await(mark, chat, want)
}

// seedRoster imports the e2e roster into DATA_DIR's embedded store.
func seedRoster(t *testing.T, dir string) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "kinerjabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	if rep, err := importer.ImportUnits(ctx, st, strings.NewReader(unitsCSV), importer.Options{}); err != nil || !rep.OK() {
		t.Fatalf("import units: %v %+v", err, rep.Refused)
	}
	if rep, err := importer.ImportRoster(ctx, st, strings.NewReader(rosterCSV), importer.Options{DefaultTimezone: "Asia/Makassar"}); err != nil || !rep.OK() {
		t.Fatalf("import roster: %v %+v", err, rep.Refused)
	}
}

// The measurement, on the embedded defaults: a report half written
// when the bot is stopped (SIGTERM) goes on after the restart; an update
// the webhook acknowledged just before the bot was killed (SIGKILL) is
// answered by the restarted bot; the report is filed once.
func TestRestartMidReport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the service three times")
	}
	api := telegramtest.NewServer(t)
	s := &service{t: t, api: api, dir: t.TempDir(), logs: &syncLog{}}
	seedRoster(t, s.dir)
	s.start()
	t.Cleanup(func() {
		if s.cmd != nil {
			s.cmd.Process.Kill()
			<-s.done
		}
	})
	s.say(api.Contact(chatRina, chatRina, phoneKapus), chatRina, "Pendaftaran berhasil")
	s.say(api.Contact(chatBudi, chatBudi, phoneBudi), chatBudi, "Pendaftaran berhasil")
	s.say(api.Text(chatBudi, "/lapor"), chatBudi, "Tulis uraian kegiatan")
	s.say(api.Text(chatBudi, "Penyuluhan gizi balita di Posyandu Melati"), chatBudi, "Berapa lama")

	s.stop(syscall.SIGTERM)
	s.start()
	s.say(api.Text(chatBudi, "1 jam 30"), chatBudi, "Apa hasilnya")

	// Killed right after the webhook's 200: the update is in the journal.
	mark := len(api.Sent())
	s.post(api.Text(chatBudi, "3 dokumen"))
	s.stop(syscall.SIGKILL)
	s.start()
	s.await(mark, chatBudi, "Kirim foto bukti dukung")

	api.AddFile("restart-photo", fixture(t, "kegiatan-1.jpg"))
	got := s.say(api.Photo(chatBudi, "restart-photo"), chatBudi, "diterima")
	s.say(api.Callback(chatBudi, buttonData(t, got, "Selesai"), got.MessageID), chatBudi, "Bagikan lokasi")
	sum := s.say(api.Text(chatBudi, "Lewati"), chatBudi, "Periksa laporan Anda")
	for _, w := range []string{"Penyuluhan gizi balita", "1 jam 30 menit", "3 dokumen"} {
		contains(t, sum.Text, w)
	}
	s.say(api.Callback(chatBudi, buttonData(t, sum, "✅ Kirim"), sum.MessageID), chatBudi, "terkirim ke atasan Anda")
	s.stop(syscall.SIGTERM)

	st, err := sqlite.Open(context.Background(), filepath.Join(s.dir, "kinerjabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	list, err := st.ListActivities(context.Background(), nipBudi, "2000-01-01", "2100-01-01")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Minutes != 90 || !strings.Contains(list[0].Description, "Posyandu Melati") {
		t.Fatalf("reports filed: %+v, want the one report of 90 minutes", list)
	}
}
