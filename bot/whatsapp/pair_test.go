package whatsapp_test

import (
	"errors"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	wt "github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
)

func TestLogin(t *testing.T) {
	t.Run("qr", func(t *testing.T) {
		fc := wt.NewUnpairedClient()
		var codes []string
		err := whatsapp.Login(t.Context(), fc, whatsapp.LoginOptions{
			OnQR: func(code string, _ time.Duration) { codes = append(codes, code); go fc.ScanQR(botPhone) },
		})
		if err != nil || len(codes) != 1 || !fc.Paired() || fc.Connected() {
			t.Fatalf("Login = %v, codes %q, paired %v, still connected %v", err, codes, fc.Paired(), fc.Connected())
		}
	})
	t.Run("pairing code", func(t *testing.T) {
		fc := wt.NewUnpairedClient()
		var got string
		err := whatsapp.Login(t.Context(), fc, whatsapp.LoginOptions{
			PairPhone:  "+62 811-0000-0000",
			OnQR:       func(string, time.Duration) { t.Error("a QR code was shown in pairing-code mode") },
			OnPairCode: func(code string) { got = code; go fc.ScanQR(botPhone) },
		})
		if err != nil || got != "ABCD-EFGH" || fc.PairedPhone() != "6281100000000" {
			t.Fatalf("Login = %v, code %q, phone %q", err, got, fc.PairedPhone())
		}
	})
	t.Run("expired", func(t *testing.T) {
		fc := wt.NewUnpairedClient()
		err := whatsapp.Login(t.Context(), fc, whatsapp.LoginOptions{OnQR: func(string, time.Duration) { go fc.ExpireQR() }})
		if err == nil || fc.Paired() {
			t.Fatalf("Login after the codes expired = %v", err)
		}
	})
	t.Run("already paired", func(t *testing.T) {
		if err := whatsapp.Login(t.Context(), wt.NewClient(botPhone), whatsapp.LoginOptions{}); !errors.Is(err, whatsapp.ErrPaired) {
			t.Fatalf("Login on a paired device = %v, want ErrPaired", err)
		}
	})
}
