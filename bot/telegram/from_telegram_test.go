package telegram

import (
	"reflect"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot"
)

const testBot = "KinerjaBot"

var (
	at      = time.Date(2025, 3, 10, 1, 2, 3, 0, time.UTC)
	now     = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)
	sender  = &models.User{ID: 77, FirstName: "Siti", LastName: "A", LanguageCode: "id"}
	private = models.Chat{ID: 77, Type: models.ChatTypePrivate}
)

// msg is a private message from sender, changed by f.
func msg(f func(m *models.Message)) *models.Update {
	m := &models.Message{ID: 5, From: sender, Chat: private, Date: int(at.Unix())}
	f(m)
	return &models.Update{ID: 1001, Message: m}
}

// want is the neutral update of msg, changed by f.
func want(f func(u *bot.Update)) bot.Update {
	u := bot.Update{
		ID: "1001", Platform: bot.Telegram, ChatID: "77", UserID: "77",
		UserName: "Siti", LanguageCode: "id", At: at,
	}
	f(&u)
	return u
}

func callback(msg models.MaybeInaccessibleMessage) *models.Update {
	return &models.Update{ID: 1001, CallbackQuery: &models.CallbackQuery{
		ID: "cbq", From: *sender, Message: msg, Data: "ok:01J",
	}}
}

func TestFromTelegram(t *testing.T) {
	tests := []struct {
		name string
		in   *models.Update
		want bot.Update
		skip bool
	}{
		{
			name: "text",
			in:   msg(func(m *models.Message) { m.Text = "rapat koordinasi" }),
			want: want(func(u *bot.Update) { u.Kind, u.Text = bot.KindText, "rapat koordinasi" }),
		},
		{
			name: "a reply to the bot's photo carries its caption",
			in: msg(func(m *models.Message) {
				m.Text = "Bagus, lanjutkan"
				m.ReplyToMessage = &models.Message{ID: 7, From: &models.User{ID: 1, IsBot: true}, Caption: "📝 Laporan kegiatan — No. 7K3M9Q2P"}
			}),
			want: want(func(u *bot.Update) {
				u.Kind, u.Text, u.Quoted = bot.KindText, "Bagus, lanjutkan", "📝 Laporan kegiatan — No. 7K3M9Q2P"
			}),
		},
		{
			name: "a reply to one's own message quotes nothing",
			in: msg(func(m *models.Message) {
				m.Text = "lagi"
				m.ReplyToMessage = &models.Message{ID: 6, From: &models.User{ID: 2002}, Text: "halo"}
			}),
			want: want(func(u *bot.Update) { u.Kind, u.Text = bot.KindText, "lagi" }),
		},
		{
			name: "command with our suffix and args",
			in:   msg(func(m *models.Message) { m.Text = "/Start@kinerjabot  kode-123 " }),
			want: want(func(u *bot.Update) {
				u.Kind, u.Text, u.Command, u.Args = bot.KindCommand, "/Start@kinerjabot  kode-123 ", "start", "kode-123"
			}),
		},
		{
			name: "command alone",
			in:   msg(func(m *models.Message) { m.Text = "/lapor" }),
			want: want(func(u *bot.Update) { u.Kind, u.Text, u.Command = bot.KindCommand, "/lapor", "lapor" }),
		},
		{
			name: "command args on the next line",
			in:   msg(func(m *models.Message) { m.Text = "/lapor\nrapat" }),
			want: want(func(u *bot.Update) {
				u.Kind, u.Text, u.Command, u.Args = bot.KindCommand, "/lapor\nrapat", "lapor", "rapat"
			}),
		},
		{
			name: "command for another bot is text",
			in:   msg(func(m *models.Message) { m.Text = "/start@OtherBot" }),
			want: want(func(u *bot.Update) { u.Kind, u.Text = bot.KindText, "/start@OtherBot" }),
		},
		{
			name: "slash alone is text",
			in:   msg(func(m *models.Message) { m.Text = "/ bukan perintah" }),
			want: want(func(u *bot.Update) { u.Kind, u.Text = bot.KindText, "/ bukan perintah" }),
		},
		{
			name: "path-like text is text",
			in:   msg(func(m *models.Message) { m.Text = "/home/siti" }),
			want: want(func(u *bot.Update) { u.Kind, u.Text = bot.KindText, "/home/siti" }),
		},
		{
			name: "own contact",
			in: msg(func(m *models.Message) {
				m.Contact = &models.Contact{PhoneNumber: "6281234567789", FirstName: "Siti", UserID: 77}
			}),
			want: want(func(u *bot.Update) {
				u.Kind, u.Contact = bot.KindContact, &bot.Contact{Phone: "6281234567789", FirstName: "Siti", UserID: "77"}
			}),
		},
		{
			name: "contact without telegram account",
			in: msg(func(m *models.Message) {
				m.Contact = &models.Contact{PhoneNumber: "+6281200000001", FirstName: "Budi"}
			}),
			want: want(func(u *bot.Update) {
				u.Kind, u.Contact = bot.KindContact, &bot.Contact{Phone: "+6281200000001", FirstName: "Budi"}
			}),
		},
		{
			name: "photo picks the largest size, caption as text",
			in: msg(func(m *models.Message) {
				m.Caption = "bukti rapat"
				m.Photo = []models.PhotoSize{
					{FileID: "small", Width: 90, Height: 67, FileSize: 1000},
					{FileID: "large", Width: 1280, Height: 960, FileSize: 150000},
					{FileID: "medium", Width: 320, Height: 240, FileSize: 20000},
				}
			}),
			want: want(func(u *bot.Update) {
				u.Kind, u.Text = bot.KindPhoto, "bukti rapat"
				u.Media = &bot.Media{FileID: "large", MIME: "image/jpeg", Size: 150000, Width: 1280, Height: 960}
			}),
		},
		{
			name: "document",
			in: msg(func(m *models.Message) {
				m.Document = &models.Document{FileID: "doc", FileName: "notulen.pdf", MimeType: "application/pdf", FileSize: 2048}
			}),
			want: want(func(u *bot.Update) {
				u.Kind = bot.KindDocument
				u.Media = &bot.Media{FileID: "doc", FileName: "notulen.pdf", MIME: "application/pdf", Size: 2048}
			}),
		},
		{
			name: "location",
			in:   msg(func(m *models.Message) { m.Location = &models.Location{Latitude: -6.175, Longitude: 106.827} }),
			want: want(func(u *bot.Update) {
				u.Kind, u.Location = bot.KindLocation, &bot.Location{Latitude: -6.175, Longitude: 106.827}
			}),
		},
		{
			name: "sticker is other",
			in:   msg(func(m *models.Message) { m.Sticker = &models.Sticker{FileID: "s"} }),
			want: want(func(u *bot.Update) { u.Kind = bot.KindOther }),
		},
		{
			name: "callback",
			in: callback(models.MaybeInaccessibleMessage{
				Type:    models.MaybeInaccessibleMessageTypeMessage,
				Message: &models.Message{ID: 42, Chat: private, Date: int(at.Unix())},
			}),
			want: want(func(u *bot.Update) {
				u.Kind, u.At = bot.KindCallback, now
				u.Callback = &bot.Callback{ID: "cbq", Data: "ok:01J", MessageID: "42"}
			}),
		},
		{
			name: "callback on an inaccessible message uses the sender's chat",
			in: callback(models.MaybeInaccessibleMessage{
				Type:                models.MaybeInaccessibleMessageTypeInaccessibleMessage,
				InaccessibleMessage: &models.InaccessibleMessage{MessageID: 43},
			}),
			want: want(func(u *bot.Update) {
				u.Kind, u.At = bot.KindCallback, now
				u.Callback = &bot.Callback{ID: "cbq", Data: "ok:01J", MessageID: "43"}
			}),
		},
		{
			name: "callback without message uses the sender's chat",
			in:   callback(models.MaybeInaccessibleMessage{}),
			want: want(func(u *bot.Update) {
				u.Kind, u.At = bot.KindCallback, now
				u.Callback = &bot.Callback{ID: "cbq", Data: "ok:01J"}
			}),
		},
		{
			name: "callback in a group is ignored",
			in: callback(models.MaybeInaccessibleMessage{
				Type:    models.MaybeInaccessibleMessageTypeMessage,
				Message: &models.Message{ID: 42, Chat: models.Chat{ID: -5, Type: models.ChatTypeGroup}, Date: 1},
			}),
			skip: true,
		},
		{
			name: "group message is ignored",
			in:   msg(func(m *models.Message) { m.Text, m.Chat = "hai", models.Chat{ID: -5, Type: models.ChatTypeSupergroup} }),
			skip: true,
		},
		{
			name: "message from a bot is ignored",
			in:   msg(func(m *models.Message) { m.Text, m.From = "hai", &models.User{ID: 9, IsBot: true} }),
			skip: true,
		},
		{name: "edited message is ignored", in: &models.Update{ID: 1, EditedMessage: &models.Message{Chat: private}}, skip: true},
		{name: "channel post is ignored", in: &models.Update{ID: 1, ChannelPost: &models.Message{}}, skip: true},
		{name: "poll is ignored", in: &models.Update{ID: 1, Poll: &models.Poll{}}, skip: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, skip := fromTelegram(tt.in, testBot, now)
			if tt.skip {
				if skip == "" {
					t.Fatalf("not ignored: %+v", got)
				}
				return
			}
			if skip != "" {
				t.Fatalf("ignored: %s", skip)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseCommand(t *testing.T) {
	tests := []struct {
		text, cmd, args string
		ok              bool
	}{
		{"/start", "start", "", true},
		{"/START@kinerjabot x y", "start", "x y", true},
		{"/lapor_harian\targs", "lapor_harian", "args", true},
		{"/start@", "", "", false},
		{"/start@other", "", "", false},
		{"start", "", "", false},
		{"/", "", "", false},
		{"/a-b", "", "", false},
		{"/" + string(make([]byte, 33)), "", "", false},
	}
	for _, tt := range tests {
		cmd, args, ok := parseCommand(tt.text, testBot)
		if cmd != tt.cmd || args != tt.args || ok != tt.ok {
			t.Errorf("parseCommand(%q) = %q, %q, %v; want %q, %q, %v", tt.text, cmd, args, ok, tt.cmd, tt.args, tt.ok)
		}
	}
}
