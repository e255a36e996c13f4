package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/mdp/qrterminal/v3"

	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/ident"
)

const whatsappUsage = `Usage:
  kinerjabot whatsapp login    pair the bot's WhatsApp number: shows a QR code to scan
                               (WhatsApp → Linked devices), or with WHATSAPP_PAIR_PHONE
                               a pairing code to type on that phone; run it with the bot stopped
  kinerjabot whatsapp status   say whether a phone is paired (exit 1 when not)
`

// runWhatsApp runs the whatsapp sub-commands.
func runWhatsApp(ctx context.Context, args []string, cfg config.Config, log *slog.Logger, stdout, stderr io.Writer) int {
	if len(args) != 1 || (args[0] != "login" && args[0] != "status") {
		fmt.Fprint(stderr, whatsappUsage)
		return 2
	}
	st, err := whatsapp.OpenStore(ctx, cfg.WhatsAppDBURL, cfg.DataDir, log)
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return 1
	}
	defer st.Close()
	if st.Paired() {
		fmt.Fprintf(stdout, "WhatsApp is paired as %s (session: %s).\n", ident.MaskPhone("+"+st.Device.ID.User), st.Where)
		if args[0] == "login" {
			fmt.Fprintln(stdout, "To pair another phone, unlink this device on the phone (WhatsApp → Linked devices), start the bot once so it notices, then log in again.")
		}
		return 0
	}
	if args[0] == "status" {
		fmt.Fprintf(stdout, "WhatsApp is not paired (session: %s). Run `kinerjabot whatsapp login`.\n", st.Where)
		return 1
	}
	return whatsappLogin(ctx, cfg, st, log, stdout, stderr)
}

// loginTimeout bounds a login: WhatsApp offers QR codes for under three
// minutes anyway.
const loginTimeout = 5 * time.Minute

func whatsappLogin(ctx context.Context, cfg config.Config, st *whatsapp.Store, log *slog.Logger, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithTimeout(ctx, loginTimeout)
	defer cancel()
	fmt.Fprintln(stdout, "Use a number kept for the bot: WhatsApp may ban numbers that run unofficial clients.")
	err := whatsapp.Login(ctx, whatsapp.NewClient(st.Device, log), whatsapp.LoginOptions{
		PairPhone: cfg.WhatsAppPairPhone,
		OnQR: func(code string, valid time.Duration) {
			fmt.Fprintf(stdout, "\nOn the bot's phone: WhatsApp → Settings → Linked devices → Link a device, and scan (valid %s):\n\n", valid.Round(time.Second))
			qrterminal.GenerateHalfBlock(code, qrterminal.L, stdout)
		},
		OnPairCode: func(code string) {
			fmt.Fprintf(stdout, "\nOn the phone %s: WhatsApp → Settings → Linked devices → Link a device → Link with phone number instead, and type:\n\n    %s\n\n",
				ident.MaskPhone(cfg.WhatsAppPairPhone), code)
		},
	})
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %s\n", strings.TrimPrefix(err.Error(), "whatsapp login: "))
		return 1
	}
	fmt.Fprintf(stdout, "\nPaired as %s. Start the bot with WHATSAPP_ENABLED=true.\n", ident.MaskPhone("+"+st.Device.ID.User))
	return 0
}
