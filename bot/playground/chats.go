package playground

import (
	"encoding/json"
	"strconv"
)

// chat is what the playground holds of one pane's conversation.
type chat struct {
	Messages []message `json:"messages"`
	Keyboard *keyboard `json:"keyboard,omitempty"`
}

// event is one server-sent event: a name and its JSON data.
type event struct {
	name string
	data []byte
}

func newEvent(name string, v any) event {
	b, err := json.Marshal(v)
	if err != nil { // plain data; not reached
		b = []byte(`{}`)
	}
	return event{name: name, data: b}
}

// Event payloads.
type (
	messageEvent struct {
		Chat    string  `json:"chat"`
		Message message `json:"message"`
	}
	keyboardEvent struct {
		Chat     string    `json:"chat"`
		Keyboard *keyboard `json:"keyboard"`
	}
	toastEvent struct {
		Chat string `json:"chat"`
		Text string `json:"text"`
	}
	clockEvent struct {
		// OffsetMS is how far the clock is shifted; the page adds it to its own.
		OffsetMS int64  `json:"offset_ms"`
		Now      string `json:"now"` // RFC 3339, shifted
		Zone     string `json:"zone"`
		Control  bool   `json:"control"` // the clock can be moved
	}
	snapshot struct {
		People []Person         `json:"people"`
		Chats  map[string]*chat `json:"chats"`
		Clock  clockEvent       `json:"clock"`
		Base   string           `json:"base"`
		Reset  bool             `json:"reset"` // the page offers "reset demo"
	}
)

// subscriber is one page connected to the event stream. Its channel is
// closed when it falls too far behind (the page reconnects and gets a fresh
// snapshot) or the adapter stops.
type subscriber struct {
	ch chan event
}

// subscriberBuffer is how many events a slow page may lag behind.
const subscriberBuffer = 512

// The methods below run with a.mu held.

// nextID numbers messages, update ids and callback ids: one sequence, as
// Telegram numbers a chat's messages.
func (a *Adapter) nextID() string {
	a.seq++
	return strconv.FormatInt(a.seq, 10)
}

func (a *Adapter) chatLocked(id string) *chat {
	c, ok := a.chats[id]
	if !ok {
		c = &chat{}
		a.chats[id] = c
	}
	return c
}

// appendLocked adds a message to a chat, dropping the oldest beyond the
// history bound, and tells the pages.
func (a *Adapter) appendLocked(chatID string, m message) {
	c := a.chatLocked(chatID)
	c.Messages = append(c.Messages, m)
	if over := len(c.Messages) - a.opt.History; over > 0 {
		c.Messages = append([]message(nil), c.Messages[over:]...)
	}
	a.broadcastLocked(newEvent("message", messageEvent{Chat: chatID, Message: m}))
}

// findLocked returns the message with the id in a chat, or nil.
func (a *Adapter) findLocked(chatID, msgID string) *message {
	c, ok := a.chats[chatID]
	if !ok {
		return nil
	}
	for i := range c.Messages {
		if c.Messages[i].ID == msgID {
			return &c.Messages[i]
		}
	}
	return nil
}

func (a *Adapter) setKeyboardLocked(chatID string, kb *keyboard) {
	a.chatLocked(chatID).Keyboard = kb
	a.broadcastLocked(newEvent("keyboard", keyboardEvent{Chat: chatID, Keyboard: kb}))
}

// broadcastLocked queues ev for every page; a page too far behind is cut
// off, and reconnects.
func (a *Adapter) broadcastLocked(ev event) {
	for s := range a.subs {
		select {
		case s.ch <- ev:
		default:
			delete(a.subs, s)
			close(s.ch)
		}
	}
}

// snapshotLocked is the whole state a page starts from, as JSON.
func (a *Adapter) snapshotLocked(people []Person) event {
	chats := make(map[string]*chat, len(people))
	for _, p := range people {
		if c, ok := a.chats[p.ID]; ok {
			chats[p.ID] = c
		}
	}
	return newEvent("snapshot", snapshot{
		People: people, Chats: chats, Clock: a.clockState(), Base: a.opt.Base, Reset: a.opt.Reset != nil,
	})
}

// clockState is the clock as the page shows it.
func (a *Adapter) clockState() clockEvent {
	st := clockEvent{Zone: a.opt.Zone.String(), Control: a.opt.Clock != nil}
	now := a.now()
	if a.opt.Clock != nil {
		st.OffsetMS = a.opt.Clock.Offset().Milliseconds()
	}
	st.Now = now.In(a.opt.Zone).Format("2006-01-02T15:04:05Z07:00")
	return st
}
