package telegramtest

import (
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"time"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"
)

// Telegram's longest caption and text, in UTF-16 code units.
const (
	maxCaption = 1024
	maxText    = 4096
)

// Message is a message the bot sent (sendMessage, sendPhoto) or an edit it
// made (editMessageText, editMessageCaption, editMessageReplyMarkup).
// Recorded values never change.
type Message struct {
	Method    string // the Bot API method, as the server names it
	ChatID    int64
	MessageID int
	// Text is the text, or the caption for sendPhoto and editMessageCaption;
	// empty for editMessageReplyMarkup.
	Text   string
	Markup *Markup // nil when the call had no reply_markup
	// A sendPhoto carries its photo as a file id (PhotoFileID) or as the
	// uploaded bytes (PhotoBytes); one of them is set.
	PhotoFileID string
	PhotoBytes  []byte
	// A sendDocument carries its file uploaded: its bytes and file name.
	DocumentBytes []byte
	DocumentName  string
}

// photo says whether m, a sent message, is a photo.
func (m Message) photo() bool { return m.PhotoFileID != "" || m.PhotoBytes != nil }

// captioned says whether m, a sent message, has a caption instead of a
// text: a photo or a document.
func (m Message) captioned() bool { return m.photo() || m.DocumentBytes != nil }

// Markup is a decoded reply_markup: an inline keyboard, a reply keyboard or
// the removal of one.
type Markup struct {
	InlineKeyboard  [][]models.InlineKeyboardButton `json:"inline_keyboard,omitempty"`
	Keyboard        [][]models.KeyboardButton       `json:"keyboard,omitempty"`
	ResizeKeyboard  bool                            `json:"resize_keyboard,omitempty"`
	OneTimeKeyboard bool                            `json:"one_time_keyboard,omitempty"`
	RemoveKeyboard  bool                            `json:"remove_keyboard,omitempty"`
}

// Buttons lists the message's inline buttons row by row.
func (m Message) Buttons() []models.InlineKeyboardButton {
	if m.Markup == nil {
		return nil
	}
	var out []models.InlineKeyboardButton
	for _, row := range m.Markup.InlineKeyboard {
		out = append(out, row...)
	}
	return out
}

// CallbackAnswer is a recorded answerCallbackQuery.
type CallbackAnswer struct {
	ID   string
	Text string
}

// Webhook is the webhook setWebhook recorded.
type Webhook struct {
	URL            string
	Secret         string
	AllowedUpdates []string
}

// Sent returns a copy of the messages sent, in order.
func (s *Server) Sent() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent)
}

// Edits returns a copy of the edits made, in order.
func (s *Server) Edits() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.edits)
}

// CallbackAnswers returns a copy of the callback answers, in order.
func (s *Server) CallbackAnswers() []CallbackAnswer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.answers)
}

// Webhook returns the webhook set, zero when none is.
func (s *Server) Webhook() Webhook {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.webhook
	w.AllowedUpdates = slices.Clone(w.AllowedUpdates)
	return w
}

// Commands returns the command menu setMyCommands recorded last.
func (s *Server) Commands() []models.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands)
}

// MenuKey names one of the bot's command menus: a scope ("" for the
// default, or "chat:<id>") and a language code ("" for every language).
type MenuKey struct{ Scope, Language string }

// Menu returns the command menu setMyCommands recorded for a scope and
// language, nil when none was set.
func (s *Server) Menu(k MenuKey) []models.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.menus[k])
}

// AddFile registers a file under fileID, so that getFile knows it (file_size
// and file_path) and GET /file/bot{token}/{file_path} serves data: what the
// adapter's Download fetches. Register it before building an update that
// refers to it, whose size then is len(data): for a Photo, register the id
// of the largest size, which is the id given to Photo.
//
//	s.AddFile("ph-1", jpeg)
//	s.PushUpdate(s.Photo(chatID, "ph-1"))
//	// the bot downloads "ph-1" and gets jpeg
//
// Photos the bot uploads with sendPhoto are registered too, under the
// file_id of the largest size of the sendPhoto answer.
func (s *Server) AddFile(fileID string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[fileID] = slices.Clone(data)
}

func (s *Server) getMe(w http.ResponseWriter, _ *http.Request, _ params) {
	writeResult(w, botUser())
}

func botUser() models.User {
	return models.User{ID: BotID, IsBot: true, FirstName: "Kinerja Test", Username: BotUsername}
}

func (s *Server) deleteWebhook(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = Webhook{}
	if p.bool("drop_pending_updates") {
		s.queue = nil
	}
	s.changedLocked()
	writeResult(w, true)
}

func (s *Server) setWebhook(w http.ResponseWriter, _ *http.Request, p params) {
	hook := Webhook{URL: p["url"], Secret: p["secret_token"]}
	if err := p.json("allowed_updates", &hook.AllowedUpdates); err != nil {
		writeError(w, badRequest("%v", err))
		return
	}
	if hook.URL == "" {
		writeError(w, badRequest("bad webhook: An HTTPS URL must be provided for webhook"))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = hook
	s.changedLocked()
	writeResult(w, true)
}

func (s *Server) setMyCommands(w http.ResponseWriter, _ *http.Request, p params) {
	var cmds []models.BotCommand
	if err := p.json("commands", &cmds); err != nil {
		writeError(w, badRequest("%v", err))
		return
	}
	var scope struct {
		Type   string `json:"type"`
		ChatID any    `json:"chat_id"`
	}
	if p["scope"] != "" {
		if err := p.json("scope", &scope); err != nil {
			writeError(w, badRequest("scope: %v", err))
			return
		}
	}
	key := MenuKey{Language: p["language_code"]}
	switch scope.Type {
	case "", "default":
	case "chat":
		key.Scope = fmt.Sprintf("chat:%v", scope.ChatID)
	default:
		writeError(w, badRequest("unsupported scope %q", scope.Type))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if key == (MenuKey{}) {
		s.commands = cmds
	}
	if s.menus == nil {
		s.menus = map[MenuKey][]models.BotCommand{}
	}
	s.menus[key] = cmds
	s.changedLocked()
	writeResult(w, true)
}

func (s *Server) sendMessage(w http.ResponseWriter, _ *http.Request, p params) {
	m, f, ok := readMessage(p, "sendMessage")
	f, ok = checkText(m.Text, f, ok)
	if !ok {
		writeError(w, f)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, refused := s.admitLocked(m.ChatID); refused {
		writeError(w, f)
		return
	}
	s.recordSentLocked(w, m)
}

// recordSentLocked gives a sent message its id, records it, wakes waiters
// and answers with it. s.mu is held.
func (s *Server) recordSentLocked(w http.ResponseWriter, m Message) {
	m.MessageID = s.nextMsg
	s.nextMsg++
	if m.PhotoBytes != nil {
		s.files[sentPhotoID(m)] = slices.Clone(m.PhotoBytes)
	}
	s.sent = append(s.sent, m)
	s.current[msgKey{m.ChatID, m.MessageID}] = m
	s.changedLocked()
	writeResult(w, s.wireMessageLocked(m))
}

// sendPhoto records a photo sent by file id (any non-empty id is taken) or
// uploaded as the multipart part "photo". The answer is a photo message in
// three sizes; an uploaded photo is registered as a file (see AddFile).
func (s *Server) sendPhoto(w http.ResponseWriter, _ *http.Request, p params) {
	s.sendFile(w, p, "sendPhoto", readPhoto)
}

// sendFile records a message carrying a file, read by read, once the
// chat's rate and block rules admit it.
func (s *Server) sendFile(w http.ResponseWriter, p params, method string, read func(params, *Message) (Fault, bool)) {
	m, f, ok := readMessage(p, method)
	if ok {
		f, ok = read(p, &m)
	}
	if !ok {
		writeError(w, f)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, refused := s.admitLocked(m.ChatID); refused {
		writeError(w, f)
		return
	}
	s.recordSentLocked(w, m)
}

// sendDocument records a document uploaded as the multipart part
// "document" (a file id is not taken: the bot only uploads documents).
func (s *Server) sendDocument(w http.ResponseWriter, _ *http.Request, p params) {
	s.sendFile(w, p, "sendDocument", readDocument)
}

// readDocument reads sendDocument's file, its name and the caption into m.
func readDocument(p params, m *Message) (Fault, bool) {
	m.Text = p["caption"]
	data, ok := p.file("document")
	switch {
	case !ok || len(data) == 0:
		return badRequest("there is no document in the request"), false
	case captionTooLong(m.Text):
		return badRequest("message caption is too long"), false
	}
	m.DocumentBytes, m.DocumentName = data, p.fileName("document")
	return Fault{}, true
}

// readPhoto reads sendPhoto's photo and caption into m.
func readPhoto(p params, m *Message) (Fault, bool) {
	m.Text = p["caption"]
	if data, ok := p.file("photo"); ok {
		if len(data) == 0 {
			return badRequest("file must be non-empty"), false
		}
		m.PhotoBytes = data
	} else {
		m.PhotoFileID = p["photo"]
	}
	switch {
	case !m.photo():
		return badRequest("there is no photo in the request"), false
	case captionTooLong(m.Text):
		return badRequest("message caption is too long"), false
	}
	return Fault{}, true
}

// checkText refuses, as Telegram does, a message text that is empty or
// longer than maxText, unless readMessage refused the call already.
func checkText(text string, f Fault, ok bool) (Fault, bool) {
	switch {
	case !ok:
		return f, false
	case text == "":
		return badRequest("message text is empty"), false
	case utf16Len(text) > maxText:
		return badRequest("message is too long"), false
	}
	return Fault{}, true
}

func captionTooLong(s string) bool { return utf16Len(s) > maxCaption }

// utf16Len is the length of s in UTF-16 code units, as Telegram counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// sentPhotoID is the file id of the largest size of a photo the bot sent.
func sentPhotoID(m Message) string {
	if m.PhotoFileID != "" {
		return m.PhotoFileID
	}
	return fmt.Sprintf("sent-%d-%d", m.ChatID, m.MessageID)
}

func (s *Server) editMessageText(w http.ResponseWriter, _ *http.Request, p params) {
	m, f, ok := readMessage(p, "editMessageText")
	f, ok = checkText(m.Text, f, ok)
	if !ok {
		writeError(w, f)
		return
	}
	s.edit(w, m)
}

func (s *Server) editMessageCaption(w http.ResponseWriter, _ *http.Request, p params) {
	m, f, ok := readMessage(p, "editMessageCaption")
	m.Text = p["caption"]
	if ok && captionTooLong(m.Text) {
		f, ok = badRequest("message caption is too long"), false
	}
	if !ok {
		writeError(w, f)
		return
	}
	s.edit(w, m)
}

func (s *Server) editMessageReplyMarkup(w http.ResponseWriter, _ *http.Request, p params) {
	m, f, ok := readMessage(p, "editMessageReplyMarkup")
	if !ok {
		writeError(w, f)
		return
	}
	s.edit(w, m)
}

// edit applies an edit to a message sent earlier, refusing, like Telegram,
// an unknown message, a text edit of a photo, a caption edit of a text
// message, or an edit that changes nothing. The edit's reply_markup replaces
// the inline keyboard; none, or one without buttons, removes it.
func (s *Server) edit(w http.ResponseWriter, m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := msgKey{m.ChatID, m.MessageID}
	cur, ok := s.current[key]
	if !ok {
		writeError(w, badRequest("message to edit not found"))
		return
	}
	next := cur
	switch m.Method {
	case "editMessageText":
		if cur.captioned() {
			writeError(w, badRequest("there is no text in the message to edit"))
			return
		}
		next.Text = m.Text
	case "editMessageCaption":
		if !cur.captioned() {
			writeError(w, badRequest("there is no caption in the message to edit"))
			return
		}
		next.Text = m.Text
	}
	next.Markup = m.Markup
	if next.Text == cur.Text && reflect.DeepEqual(inlineRows(next.Markup), inlineRows(cur.Markup)) {
		writeError(w, badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"))
		return
	}
	s.current[key] = next
	s.edits = append(s.edits, m)
	s.changedLocked()
	writeResult(w, s.wireMessageLocked(next))
}

// inlineRows is the inline keyboard a markup leaves on a message, nil when
// none: a reply keyboard, or an inline keyboard without buttons, leaves none.
func inlineRows(m *Markup) [][]models.InlineKeyboardButton {
	if m == nil {
		return nil
	}
	var rows [][]models.InlineKeyboardButton
	for _, row := range m.InlineKeyboard {
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	return rows
}

// readMessage reads chat_id, message_id, text and reply_markup.
func readMessage(p params, method string) (Message, Fault, bool) {
	m := Message{Method: method, ChatID: p.int64("chat_id"), MessageID: p.int("message_id"), Text: p["text"]}
	if m.ChatID == 0 {
		return m, badRequest("chat not found"), false
	}
	if _, ok := p["reply_markup"]; ok {
		m.Markup = &Markup{}
		if err := p.json("reply_markup", m.Markup); err != nil {
			return m, badRequest("can't parse reply keyboard markup JSON object"), false
		}
		if emptyCopyText(p) {
			return m, badRequest("BUTTON_COPY_TEXT_INVALID"), false
		}
	}
	return m, Fault{}, true
}

// emptyCopyText reports an inline button with "copy_text":{"text":""},
// which Telegram refuses (go-telegram/bot's InlineKeyboardButton sends it).
func emptyCopyText(p params) bool {
	var kb struct {
		InlineKeyboard [][]struct {
			CopyText *struct {
				Text string `json:"text"`
			} `json:"copy_text"`
		} `json:"inline_keyboard"`
	}
	if p.json("reply_markup", &kb) != nil {
		return false
	}
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			if b.CopyText != nil && b.CopyText.Text == "" {
				return true
			}
		}
	}
	return false
}

// wireMessage is the Message object the Bot API answers with: for a photo,
// its sizes and caption. Call with s.mu held.
func (s *Server) wireMessageLocked(m Message) models.Message {
	out := models.Message{
		ID:   m.MessageID,
		From: new(botUser()),
		Date: int(time.Now().Unix()),
		Chat: models.Chat{ID: m.ChatID, Type: models.ChatTypePrivate},
	}
	if m.DocumentBytes != nil {
		out.Caption = m.Text
		out.Document = &models.Document{FileID: fmt.Sprintf("doc-%d-%d", m.ChatID, m.MessageID),
			FileName: m.DocumentName, FileSize: int64(len(m.DocumentBytes))}
		return out
	}
	if !m.photo() {
		out.Text = m.Text
		return out
	}
	id := sentPhotoID(m)
	out.Caption = m.Text
	out.Photo = photoSizes(id, s.fileSizeLocked(id))
	return out
}

func (s *Server) answerCallbackQuery(w http.ResponseWriter, _ *http.Request, p params) {
	id := p["callback_query_id"]
	if id == "" {
		writeError(w, badRequest("query is too old and response timeout expired or query ID is invalid"))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answers = append(s.answers, CallbackAnswer{ID: id, Text: p["text"]})
	s.changedLocked()
	writeResult(w, true)
}

func (s *Server) getFile(w http.ResponseWriter, _ *http.Request, p params) {
	id := p["file_id"]
	s.mu.Lock()
	data, ok := s.files[id]
	s.mu.Unlock()
	if !ok {
		writeError(w, badRequest("invalid file_id"))
		return
	}
	writeResult(w, models.File{FileID: id, FileUniqueID: "u-" + id, FileSize: int64(len(data)), FilePath: filePath(id)})
}

func filePath(fileID string) string { return "files/" + fileID }

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, path string) {
	s.mu.Lock()
	var data []byte
	found := false
	for id, d := range s.files {
		if filePath(id) == path {
			data, found = d, true
		}
	}
	s.mu.Unlock()
	if !found {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(data)
}
