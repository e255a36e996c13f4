package whatsappcloud

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
)

// mediaInfo is the API's answer about a media id (GET /{media-id}).
type mediaInfo struct {
	URL      string   `json:"url"`
	MIMEType string   `json:"mime_type"`
	FileSize flexSize `json:"file_size"`
	ID       string   `json:"id"`
}

// flexSize reads file_size, which the API gives as a string ("303833") and
// some versions as a number.
type flexSize int64

func (s *flexSize) UnmarshalJSON(b []byte) error {
	n, err := strconv.ParseInt(strings.Trim(string(b), `"`), 10, 64)
	if err != nil {
		return fmt.Errorf("file_size %s: %w", b, err)
	}
	*s = flexSize(n)
	return nil
}

// Download fetches a file a person sent: its metadata first, refusing a
// file over maxBytes before any of it is fetched (and again while reading,
// should the metadata understate it), then the file from its URL with the
// access token.
func (a *Adapter) Download(ctx context.Context, fileID string, maxBytes int64) ([]byte, error) {
	if fileID == "" || strings.ContainsAny(fileID, "/?#") {
		return nil, errors.New("whatsapp cloud: download: invalid media id")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.endpoint("/"+fileID), nil)
	if err != nil {
		return nil, err
	}
	var info mediaInfo
	if err := a.call(req, &info); err != nil {
		return nil, fmt.Errorf("whatsapp cloud: media metadata: %w", err)
	}
	if int64(info.FileSize) > maxBytes {
		return nil, fmt.Errorf("whatsapp cloud: media of %d bytes, over %d: %w", info.FileSize, maxBytes, bot.ErrFileTooLarge)
	}
	if info.URL == "" {
		return nil, errors.New("whatsapp cloud: media metadata without url")
	}
	return a.fetch(ctx, info.URL, maxBytes)
}

// fetch gets a media URL with the access token, up to maxBytes.
func (a *Adapter) fetch(ctx context.Context, url string, maxBytes int64) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("whatsapp cloud: media url: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+a.opt.Token)
	resp, err := a.opt.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("whatsapp cloud: download media: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("whatsapp cloud: download media: %s", resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("whatsapp cloud: download media: %w", err)
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("whatsapp cloud: media over %d bytes: %w", maxBytes, bot.ErrFileTooLarge)
	}
	return data, nil
}

// mediaMessage is the image or document message of a reply part, its file
// uploaded once and sent by id.
func (a *Adapter) mediaMessage(ctx context.Context, to string, p bot.Reply, caption string) (outMessage, error) {
	if p.Document != nil {
		id, err := a.mediaID(ctx, "", p.Document.Data, p.Document.MIME, p.Document.Name)
		if err != nil {
			return outMessage{}, err
		}
		m := message(to, "document")
		m.Document = &outMedia{ID: id, Caption: caption, Filename: p.Document.Name}
		return m, nil
	}
	src := ""
	if p.Photo.Platform == bot.WhatsApp {
		src = p.Photo.FileID
	}
	mime := p.Photo.MIME
	if mime == "" {
		mime = "image/jpeg"
	}
	id, err := a.mediaID(ctx, src, p.Photo.Data, mime, "photo.jpg")
	if err != nil {
		return outMessage{}, err
	}
	m := message(to, "image")
	m.Image = &outMedia{ID: id, Caption: caption}
	return m, nil
}

// mediaID is the id of an uploaded copy of data, or, with no data, of the
// file a person sent with media id src: uploaded once, its id kept in Redis
// for mediaTTL under the data's hash or src.
func (a *Adapter) mediaID(ctx context.Context, src string, data []byte, mime, name string) (string, error) {
	if len(data) == 0 && src == "" {
		return "", invalid("a photo or document with no data")
	}
	key := a.opt.Prefix + "wacloud:media:src:" + src
	if len(data) > 0 {
		sum := sha256.Sum256(data)
		key = a.opt.Prefix + "wacloud:media:sha:" + hex.EncodeToString(sum[:])
	}
	id, err := a.opt.Redis.Get(ctx, key).Result()
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, redis.Nil) {
		return "", fmt.Errorf("whatsapp cloud: uploaded media id: %w", err)
	}
	if len(data) == 0 {
		if data, err = a.Download(ctx, src, bot.MaxDocument); err != nil {
			return "", err
		}
	}
	if id, err = a.upload(ctx, data, mime, name); err != nil {
		return "", err
	}
	if err := a.opt.Redis.Set(ctx, key, id, mediaTTL).Err(); err != nil {
		a.log.Warn("whatsapp cloud: uploaded media id not kept; it is uploaded again next time", "err", err)
	}
	return id, nil
}

// upload posts a file to /{phone-number-id}/media and returns its id.
func (a *Adapter) upload(ctx context.Context, data []byte, mime, name string) (string, error) {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("messaging_product", "whatsapp")
	_ = w.WriteField("type", mime)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename=%q`, name))
	h.Set("Content-Type", mime)
	part, err := w.CreatePart(h)
	if err == nil {
		_, err = part.Write(data)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return "", fmt.Errorf("whatsapp cloud: upload: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.endpoint("/"+a.opt.PhoneNumberID+"/media"), &body)
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	var ans struct {
		ID string `json:"id"`
	}
	if err := classify(a.call(req, &ans)); err != nil {
		return "", fmt.Errorf("whatsapp cloud: upload: %w", err)
	}
	if ans.ID == "" {
		return "", errors.New("whatsapp cloud: upload answered without an id")
	}
	return ans.ID, nil
}

var _ json.Unmarshaler = (*flexSize)(nil)
