package whatsapp

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"go.mau.fi/whatsmeow"
	"google.golang.org/protobuf/proto"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"

	"github.com/kinerjabot/kinerjabot/bot"
)

// A WhatsApp file id is the media part of the message that carried the file,
// serialised: "wa1:i:<base64url proto ImageMessage>" or "wa1:d:<…
// DocumentMessage>". It holds only what fetching and resending need (path,
// keys, hashes, length, type, size), about 300 bytes, so it fits in the
// engine's queued update and in the evidence record without a store of its
// own. The media key in it decrypts the file: treat file ids as secrets of
// the same rank as the photos. It ends with ".<base64url of the message's
// chat, sender and id>", so that the sender's phone can be asked to upload
// the file again once WhatsApp's servers dropped it (see retry.go); ids
// without it still decode.
const (
	fileIDPrefix   = "wa1:"
	fileIDImage    = "i:"
	fileIDDocument = "d:"
	fileIDKeySep   = "."
)

// msgKey names the message that carried a file.
type msgKey struct {
	Chat, Sender types.JID
	ID           string
}

// ErrBadFileID marks a file id this adapter did not make.
var ErrBadFileID = errors.New("whatsapp: not a whatsapp file id")

// imageMedia describes a received image, its file id included.
func imageMedia(img *waE2E.ImageMessage, key msgKey) *bot.Media {
	return &bot.Media{
		FileID: encodeFileID(fileIDImage, trimImage(img), key), MIME: img.GetMimetype(),
		Size: int64(img.GetFileLength()), Width: int(img.GetWidth()), Height: int(img.GetHeight()),
	}
}

// documentMedia describes a received document, its file id included.
func documentMedia(doc *waE2E.DocumentMessage, key msgKey) *bot.Media {
	return &bot.Media{
		FileID: encodeFileID(fileIDDocument, trimDocument(doc), key), FileName: doc.GetFileName(),
		MIME: doc.GetMimetype(), Size: int64(doc.GetFileLength()),
	}
}

// trimImage keeps what fetching or resending an image needs.
func trimImage(img *waE2E.ImageMessage) *waE2E.ImageMessage {
	return &waE2E.ImageMessage{
		URL: img.URL, DirectPath: img.DirectPath, MediaKey: img.MediaKey,
		FileSHA256: img.FileSHA256, FileEncSHA256: img.FileEncSHA256, FileLength: img.FileLength,
		Mimetype: img.Mimetype, Width: img.Width, Height: img.Height, MediaKeyTimestamp: img.MediaKeyTimestamp,
	}
}

func trimDocument(doc *waE2E.DocumentMessage) *waE2E.DocumentMessage {
	return &waE2E.DocumentMessage{
		URL: doc.URL, DirectPath: doc.DirectPath, MediaKey: doc.MediaKey,
		FileSHA256: doc.FileSHA256, FileEncSHA256: doc.FileEncSHA256, FileLength: doc.FileLength,
		Mimetype: doc.Mimetype, FileName: doc.FileName, MediaKeyTimestamp: doc.MediaKeyTimestamp,
	}
}

func encodeFileID(kind string, m proto.Message, key msgKey) string {
	b, err := proto.Marshal(m)
	if err != nil {
		return "" // not reached: these messages always marshal
	}
	k := key.Chat.String() + " " + key.Sender.String() + " " + key.ID
	return fileIDPrefix + kind + base64.RawURLEncoding.EncodeToString(b) +
		fileIDKeySep + base64.RawURLEncoding.EncodeToString([]byte(k))
}

// fileKey is the key of the message a file id's file came with, and false
// when the id does not carry one.
func fileKey(id string) (msgKey, bool) {
	_, enc, ok := strings.Cut(id, fileIDKeySep)
	if !ok {
		return msgKey{}, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return msgKey{}, false
	}
	f := strings.Fields(string(raw))
	if len(f) != 3 {
		return msgKey{}, false
	}
	chat, errC := types.ParseJID(f[0])
	sender, errS := types.ParseJID(f[1])
	if errC != nil || errS != nil || chat.IsEmpty() {
		return msgKey{}, false
	}
	return msgKey{Chat: chat, Sender: sender, ID: f[2]}, true
}

// mediaFile is a decoded file id: what Download fetches, and the length the
// message declared.
type mediaFile interface {
	whatsmeow.DownloadableMessage
	GetURL() string
	GetFileLength() uint64
}

// decodeFileID parses a file id made by encodeFileID.
func decodeFileID(id string) (mediaFile, error) {
	rest, ok := strings.CutPrefix(id, fileIDPrefix)
	if !ok || len(rest) < 2 {
		return nil, ErrBadFileID
	}
	rest, _, _ = strings.Cut(rest, fileIDKeySep)
	raw, err := base64.RawURLEncoding.DecodeString(rest[2:])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadFileID, err)
	}
	var m interface {
		mediaFile
		proto.Message
	}
	switch rest[:2] {
	case fileIDImage:
		m = &waE2E.ImageMessage{}
	case fileIDDocument:
		m = &waE2E.DocumentMessage{}
	default:
		return nil, ErrBadFileID
	}
	if err := proto.Unmarshal(raw, m); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadFileID, err)
	}
	if m.GetDirectPath() == "" || len(m.GetMediaKey()) == 0 {
		return nil, fmt.Errorf("%w: no path or key", ErrBadFileID)
	}
	return m, nil
}

// imageFromFileID gives the image of a file id, to resend it without
// uploading it again.
func imageFromFileID(id string) (*waE2E.ImageMessage, bool) {
	m, err := decodeFileID(id)
	if err != nil {
		return nil, false
	}
	img, ok := m.(*waE2E.ImageMessage)
	return img, ok
}
