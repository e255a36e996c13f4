package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/go-telegram/bot/models"
)

// The builders make updates of a private chat whose id is also the user's
// id, as in Telegram, with the next update_id of this server. Change the
// result to make other shapes (a group chat, a bot sender).

// Text is a text message; "/cmd args" is a command.
func (s *Server) Text(chatID int64, text string) models.Update {
	m := s.message(chatID)
	m.Text = text
	return s.update(m)
}

// Contact is a shared contact; contactUserID 0 means a contact that is not
// a Telegram user.
func (s *Server) Contact(chatID, contactUserID int64, phone string) models.Update {
	m := s.message(chatID)
	m.Contact = &models.Contact{PhoneNumber: phone, FirstName: userName(contactUserID), UserID: contactUserID}
	return s.update(m)
}

// Location is a shared location.
func (s *Server) Location(chatID int64, lat, lon float64) models.Update {
	m := s.message(chatID)
	m.Location = &models.Location{Latitude: lat, Longitude: lon}
	return s.update(m)
}

// Photo is a photo in three sizes; the largest (1280x960) is fileID, the
// others fileID+"-s" and fileID+"-m". Its size is that of the file
// registered with AddFile, if any.
func (s *Server) Photo(chatID int64, fileID string) models.Update {
	m := s.message(chatID)
	m.Photo = photoSizes(fileID, s.fileSize(fileID))
	return s.update(m)
}

// photoSizes are the sizes Telegram keeps of a photo, smallest first: the
// largest (1280x960, size bytes) is fileID, the others fileID+"-s" and
// fileID+"-m".
func photoSizes(fileID string, size int) []models.PhotoSize {
	return []models.PhotoSize{
		{FileID: fileID + "-s", FileUniqueID: "u-" + fileID + "-s", Width: 90, Height: 68, FileSize: size / 20},
		{FileID: fileID + "-m", FileUniqueID: "u-" + fileID + "-m", Width: 320, Height: 240, FileSize: size / 5},
		{FileID: fileID, FileUniqueID: "u-" + fileID, Width: 1280, Height: 960, FileSize: size},
	}
}

// Document is a file sent as a document.
func (s *Server) Document(chatID int64, fileID, fileName, mime string) models.Update {
	m := s.message(chatID)
	m.Document = &models.Document{
		FileID: fileID, FileUniqueID: "u-" + fileID, FileName: fileName,
		MimeType: mime, FileSize: int64(s.fileSize(fileID)),
	}
	return s.update(m)
}

// Callback is a press of an inline button carrying data under the bot's
// message messageID.
func (s *Server) Callback(chatID int64, data string, messageID int) models.Update {
	id := s.nextUpdateID()
	msg := &models.Message{
		ID: messageID, From: new(botUser()), Date: int(time.Now().Unix()),
		Chat: privateChat(chatID),
	}
	return models.Update{ID: id, CallbackQuery: &models.CallbackQuery{
		ID:           fmt.Sprintf("cb-%d", id),
		From:         user(chatID),
		Message:      models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: msg},
		ChatInstance: fmt.Sprintf("ci-%d", chatID),
		Data:         data,
	}}
}

// WebhookRequest is Telegram's webhook POST of u with the secret header
// (left out when secret is empty), for a handler under test.
func WebhookRequest(u models.Update, secret string) *http.Request {
	body, err := json.Marshal(&u)
	if err != nil {
		panic(fmt.Sprintf("telegramtest: marshal update: %v", err))
	}
	r := httptest.NewRequest(http.MethodPost, "/telegram/webhook", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if secret != "" {
		r.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	return r
}

// message starts an incoming message of the user chatID in their private chat.
func (s *Server) message(chatID int64) *models.Message {
	s.mu.Lock()
	id := s.nextMsg
	s.nextMsg++
	s.mu.Unlock()
	return &models.Message{
		ID: id, From: new(user(chatID)), Date: int(time.Now().Unix()), Chat: privateChat(chatID),
	}
}

func (s *Server) update(m *models.Message) models.Update {
	return models.Update{ID: s.nextUpdateID(), Message: m}
}

func (s *Server) fileSize(fileID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fileSizeLocked(fileID)
}

// fileSizeLocked is the size of the registered file fileID, 100000 when
// none is. Call with s.mu held.
func (s *Server) fileSizeLocked(fileID string) int {
	if d, ok := s.files[fileID]; ok {
		return len(d)
	}
	return 100_000
}

func user(id int64) models.User {
	return models.User{ID: id, FirstName: userName(id), LanguageCode: "id"}
}

func userName(id int64) string { return fmt.Sprintf("User%d", id) }

func privateChat(id int64) models.Chat {
	return models.Chat{ID: id, Type: models.ChatTypePrivate, FirstName: userName(id)}
}
