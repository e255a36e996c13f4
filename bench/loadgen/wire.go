package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
)

// The Bot API objects the generator sends and answers with: only the fields
// the two bots read. Field names are the Bot API's.

type user struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

type chatObj struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	FirstName string `json:"first_name,omitempty"`
}

type entity struct {
	Type   string `json:"type"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
}

type contact struct {
	PhoneNumber string `json:"phone_number"`
	FirstName   string `json:"first_name"`
	UserID      int64  `json:"user_id,omitempty"`
}

type photoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int    `json:"file_size,omitempty"`
}

type message struct {
	MessageID   int             `json:"message_id"`
	From        *user           `json:"from,omitempty"`
	Date        int64           `json:"date"`
	Chat        chatObj         `json:"chat"`
	Text        string          `json:"text,omitempty"`
	Entities    []entity        `json:"entities,omitempty"`
	Caption     string          `json:"caption,omitempty"`
	Contact     *contact        `json:"contact,omitempty"`
	Photo       []photoSize     `json:"photo,omitempty"`
	ReplyMarkup json.RawMessage `json:"reply_markup,omitempty"`
}

type callbackQuery struct {
	ID           string   `json:"id"`
	From         user     `json:"from"`
	Message      *message `json:"message,omitempty"`
	ChatInstance string   `json:"chat_instance"`
	Data         string   `json:"data"`
}

type update struct {
	UpdateID      int64          `json:"update_id"`
	Message       *message       `json:"message,omitempty"`
	CallbackQuery *callbackQuery `json:"callback_query,omitempty"`
}

type file struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileSize     int    `json:"file_size"`
	FilePath     string `json:"file_path"`
}

// button is an inline or reply keyboard button as the bot sent it.
type button struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data,omitempty"`
}

// markup is a decoded reply_markup.
type markup struct {
	InlineKeyboard [][]button `json:"inline_keyboard"`
	Keyboard       [][]button `json:"keyboard"`
}

// params are a Bot API call's parameters as text: strings as they are, other
// JSON values as their JSON text, which is how form and multipart bodies
// carry them too. Uploaded files are kept apart (files).
type params struct {
	v     map[string]string
	files map[string]int // part name -> bytes uploaded
}

const maxRequest = 32 << 20

// readParams reads the query string and a JSON, form-urlencoded or
// multipart/form-data body.
func readParams(r *http.Request) (params, error) {
	p := params{v: map[string]string{}}
	for k, v := range r.URL.Query() {
		p.v[k] = v[0]
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequest))
	if err != nil || len(bytes.TrimSpace(body)) == 0 {
		return p, err
	}
	ct, ctp, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		return p, p.addJSON(body)
	case "application/x-www-form-urlencoded":
		return p, p.addForm(body)
	case "multipart/form-data":
		return p, p.addMultipart(body, ctp["boundary"])
	default:
		return p, fmt.Errorf("unsupported content type %q", ct)
	}
}

func (p params) addJSON(body []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return err
	}
	for k, raw := range m {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			p.v[k] = s
			continue
		}
		p.v[k] = string(raw)
	}
	return nil
}

func (p params) addForm(body []byte) error {
	v, err := url.ParseQuery(string(body))
	if err != nil {
		return err
	}
	for k, vs := range v {
		p.v[k] = vs[0]
	}
	return nil
}

func (p *params) addMultipart(body []byte, boundary string) error {
	if boundary == "" {
		return fmt.Errorf("multipart body without boundary")
	}
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return err
		}
		if part.FileName() != "" {
			if p.files == nil {
				p.files = map[string]int{}
			}
			p.files[part.FormName()] = len(data)
			continue
		}
		p.v[part.FormName()] = string(data)
	}
}

func (p params) int64(key string) int64 {
	n, _ := strconv.ParseInt(p.v[key], 10, 64)
	return n
}

// markup decodes reply_markup; nil when absent or unreadable.
func (p params) markup() *markup {
	s, ok := p.v["reply_markup"]
	if !ok || s == "" {
		return nil
	}
	m := &markup{}
	if json.Unmarshal([]byte(s), m) != nil {
		return nil
	}
	return m
}

// inline lists a markup's inline buttons row by row.
func (m *markup) inline() []button {
	if m == nil {
		return nil
	}
	var out []button
	for _, row := range m.InlineKeyboard {
		out = append(out, row...)
	}
	return out
}
