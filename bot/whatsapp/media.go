package whatsapp

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"go.mau.fi/whatsmeow"
	"google.golang.org/protobuf/proto"

	"go.mau.fi/whatsmeow/proto/waE2E"

	"github.com/kinerjabot/kinerjabot/bot"
)

// A WhatsApp file id is the media part of the message that carried the file,
// serialised: "wa1:i:<base64url proto ImageMessage>" or "wa1:d:<…
// DocumentMessage>". It holds only what fetching and resending need (path,
// keys, hashes, length, type, size), about 300 bytes, so it fits in the
// engine's queued update and in the evidence record without a store of its
// own. The media key in it decrypts the file: treat file ids as secrets of
// the same rank as the photos.
const (
	fileIDPrefix   = "wa1:"
	fileIDImage    = "i:"
	fileIDDocument = "d:"
)

// ErrBadFileID marks a file id this adapter did not make.
var ErrBadFileID = errors.New("whatsapp: not a whatsapp file id")

// imageMedia describes a received image, its file id included.
func imageMedia(img *waE2E.ImageMessage) *bot.Media {
	return &bot.Media{
		FileID: encodeFileID(fileIDImage, trimImage(img)), MIME: img.GetMimetype(),
		Size: int64(img.GetFileLength()), Width: int(img.GetWidth()), Height: int(img.GetHeight()),
	}
}

// documentMedia describes a received document, its file id included.
func documentMedia(doc *waE2E.DocumentMessage) *bot.Media {
	return &bot.Media{
		FileID: encodeFileID(fileIDDocument, trimDocument(doc)), FileName: doc.GetFileName(),
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

func encodeFileID(kind string, m proto.Message) string {
	b, err := proto.Marshal(m)
	if err != nil {
		return "" // not reached: these messages always marshal
	}
	return fileIDPrefix + kind + base64.RawURLEncoding.EncodeToString(b)
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
