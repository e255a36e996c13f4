// Command kinerjabot runs the kinerja chat bot and its admin tasks.
//
//	kinerjabot [serve] [--demo=false]       run the bot (the default)
//	kinerjabot import-roster FILE [--partial] [--deactivate-missing [--yes]]
//	kinerjabot import-units FILE [--partial]
//	kinerjabot import-skp FILE [--partial]
//	kinerjabot import-holidays FILE [--partial] [--replace-year YYYY]
//	kinerjabot import-acting FILE
//	kinerjabot ikm --unit CODE [--from DATE] [--to DATE]
//	kinerjabot export --unit CODE --month YYYY-MM [--subunits] [--format xlsx|csv] [--out DIR]
//	kinerjabot qr --unit CODE [--counter N] [--quick] [--bot NAME] [--out DIR]
//	kinerjabot remind --dry-run [--unit CODE] [--at TIME]
//	kinerjabot code --nip NIP
//	kinerjabot status --unit CODE [--subunits]
//	kinerjabot panduan [--role pegawai|atasan|admin|warga] [--bot NAME] [--unit CODE] [--out DIR]
//	kinerjabot migrate [--timeout D] [--sweep-evidence [--older-than D]]
//	kinerjabot whatsapp login|status
//	kinerjabot version
//
// Every import also takes --sheet NAME for an .xlsx file (see usage).
// Settings come from the environment; see the README.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	_ "time/tzdata" // unit time zones work on hosts without zoneinfo

	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `kinerjabot — kinerja ASN lewat Telegram dan WhatsApp

Usage:
  kinerjabot [serve] [--demo=false]          run the bot (default); without a Telegram token
                                             it opens the web playground with a demo roster
  kinerjabot import-roster FILE [--partial] [--deactivate-missing [--yes]]
                                             import staff: nip,name,unit_code,unit_name,position,supervisor_nip,phone,role
                                             (optional: status: aktif, nonaktif, pensiun, mutasi-keluar); with
                                             --deactivate-missing the file is a full export and people it lacks become
                                             inactive (the count is shown first; --yes writes)
  kinerjabot import-units FILE [--partial]   import units: code,name,type,parent_code,timezone,latitude,longitude
                                             (optional: service_users,counters,quick_survey,
                                             monthly_target_minutes,approval_sla_days,remind_staff_at,
                                             remind_supervisor_at,evaluation_period (bulanan or triwulan):
                                             empty inherits)
  kinerjabot import-skp FILE [--partial]     import SKP targets: nip,period,kind,rhk,indikator,target,satuan
  kinerjabot import-holidays FILE [--partial] [--replace-year YYYY]
                                             import holidays (libur nasional, cuti bersama, regional): date,name
  kinerjabot import-acting FILE              acting supervisors (Plt/Plh), the whole list, all or nothing:
                                             nip_acting,nip_for,from,to (dates included)
  kinerjabot ikm --unit CODE [--from D] [--to D]   a unit's IKM (SKM survey) report
  kinerjabot export --unit CODE --month YYYY-MM [--subunits] [--format xlsx|csv] [--out DIR]
                                             the month's workbook of a unit (sheets Rekap, Kegiatan, Apresiasi,
                                             IKM); csv: a zip of one ';' CSV file per sheet
  kinerjabot qr --unit CODE [--counter N] [--quick] [--bot NAME] [--out DIR]
                                             the unit's survey poster (PNG and PDF) with its QR code
  kinerjabot remind --dry-run [--unit CODE] [--at "YYYY-MM-DD HH:MM"]
                                             who would get which reminder at that moment (sends nothing)
  kinerjabot code --nip NIP                  a one-time registration code (24 h) for someone without a usable number
  kinerjabot status --unit CODE [--subunits] who is on the roster, registered (Telegram/WhatsApp), has practised
                                             and has reported, per unit; and who is not registered yet (attendance list)
  kinerjabot panduan [--role pegawai|atasan|admin|warga] [--bot NAME] [--unit CODE] [--out DIR]
                                             printable one-page guides (PDF) with the bot's QR link, per role
                                             (all four without --role; warga with --unit: the unit's survey)
  kinerjabot migrate [--timeout 30m] [--sweep-evidence [--older-than 1h]]
                                             bring MongoDB's indexes to this version (serve does it at
                                             start within 2 min); optionally remove unreferenced photo bytes
  kinerjabot whatsapp login|status           pair the bot's WhatsApp number (QR code or pairing code), or check it
  kinerjabot version                         print the version

Without --partial an import with any bad row writes nothing. Every import reads .xlsx (the first
sheet, or --sheet NAME) or CSV separated by , or ; with columns in any order, named as above
or as personnel exports (SIMPEG/SIASN) name them: NIP BARU, NAMA, JABATAN, UNOR, NO HP… (README).
Settings are read from the environment (HTTP_ADDR, DATA_DIR, REDIS_URL, MONGODB_URI,
TELEGRAM_TOKEN, …); see the README.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.LookupEnv)
	stop()
	os.Exit(code)
}

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, lookup func(string) (string, bool)) int {
	cmd := "serve"
	if len(args) > 0 && !isServeFlag(args[0]) {
		cmd, args = args[0], args[1:]
	}
	if cmd != "whatsapp" { // its login draws a QR code for the terminal, left as drawn
		stdout, stderr = terminal(stdout), terminal(stderr)
	}
	switch cmd {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	case "version", "--version":
		fmt.Fprintln(stdout, "kinerjabot", version)
		return 0
	}
	cfg, err := config.Load(lookup)
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: invalid configuration:\n%s\n", indent(err.Error()))
		return 2
	}
	log := newLogger(cfg, stderr)
	switch cmd {
	case "serve":
		so, ok := parseServe(args, stdout, stderr)
		if !ok {
			return 2
		}
		err = serve(ctx, cfg, log, so)
	case "import-roster", "import-units", "import-skp", "import-holidays", "import-acting":
		return runImport(ctx, cmd, args, cfg, stdout, stderr)
	case "ikm":
		return runIKM(ctx, args, cfg, stdout, stderr)
	case "export":
		return runExport(ctx, args, cfg, stdout, stderr)
	case "qr":
		return runQR(ctx, args, cfg, stdout, stderr)
	case "remind":
		return runRemind(ctx, args, cfg, stdout, stderr)
	case "code":
		return runCode(ctx, args, cfg, stdout, stderr)
	case "status":
		return runStatus(ctx, args, cfg, stdout, stderr)
	case "panduan", "guide":
		return runPanduan(ctx, args, cfg, stdout, stderr)
	case "migrate":
		return runMigrate(ctx, args, cfg, stdout, stderr)
	case "whatsapp":
		return runWhatsApp(ctx, args, cfg, log, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "kinerjabot: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err != nil {
		log.Error("kinerjabot stopped", "err", err)
		return 1
	}
	return 0
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	// Every string and error passes ident.RedactLogAttr: phone numbers and
	// NIPs are masked even where a field was not masked on purpose.
	opts := &slog.HandlerOptions{Level: level, ReplaceAttr: ident.RedactLogAttr}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

// botLang is the language of the bot's texts (BOT_LANGUAGE, validated).
func botLang(cfg config.Config) i18n.Lang { return i18n.Lang(cfg.BotLanguage).Or(i18n.ID) }
