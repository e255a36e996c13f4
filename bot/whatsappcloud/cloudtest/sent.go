package cloudtest

import (
	"strings"
	"testing"
	"time"
)

// wire is a message as the Messages API receives it.
type wire struct {
	MessagingProduct string `json:"messaging_product"`
	To               string `json:"to"`
	Type             string `json:"type"`
	Context          *struct {
		MessageID string `json:"message_id"`
	} `json:"context"`
	Text *struct {
		Body string `json:"body"`
	} `json:"text"`
	Image       *wireMedia `json:"image"`
	Document    *wireMedia `json:"document"`
	Interactive *struct {
		Type   string `json:"type"`
		Header *struct {
			Image *wireMedia `json:"image"`
		} `json:"header"`
		Body struct {
			Text string `json:"text"`
		} `json:"body"`
		Action struct {
			Buttons []struct {
				Reply Choice `json:"reply"`
			} `json:"buttons"`
			Button   string `json:"button"`
			Sections []struct {
				Rows []Choice `json:"rows"`
			} `json:"sections"`
		} `json:"action"`
	} `json:"interactive"`
	Template *struct {
		Name     string `json:"name"`
		Language struct {
			Code string `json:"code"`
		} `json:"language"`
		Components []struct {
			Parameters []struct {
				Text string `json:"text"`
			} `json:"parameters"`
		} `json:"components"`
	} `json:"template"`
}

type wireMedia struct {
	ID       string `json:"id"`
	Caption  string `json:"caption"`
	Filename string `json:"filename"`
}

// Choice is a reply button or list row the bot offered.
type Choice struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

// Sent is a message the bot sent.
type Sent struct {
	ID string
	At time.Time
	wire
}

// Recipient is the WhatsApp id the message went to.
func (s Sent) Recipient() string { return s.To }

// Kind is the message's type: text, interactive, image, document, template.
func (s Sent) Kind() string { return s.Type }

// Body is the text the message shows: its text, body, caption, or the
// template's parameters.
func (s Sent) Body() string {
	switch {
	case s.Text != nil:
		return s.Text.Body
	case s.Interactive != nil:
		return s.Interactive.Body.Text
	case s.Image != nil:
		return s.Image.Caption
	case s.Document != nil:
		return s.Document.Caption
	case s.Template != nil:
		var ps []string
		for _, c := range s.Template.Components {
			for _, p := range c.Parameters {
				ps = append(ps, p.Text)
			}
		}
		return strings.Join(ps, " ")
	}
	return ""
}

// Choices are the reply buttons or list rows offered.
func (s Sent) Choices() []Choice {
	if s.Interactive == nil {
		return nil
	}
	var out []Choice
	for _, b := range s.Interactive.Action.Buttons {
		out = append(out, b.Reply)
	}
	for _, sec := range s.Interactive.Action.Sections {
		out = append(out, sec.Rows...)
	}
	return out
}

// IsList reports an interactive list message.
func (s Sent) IsList() bool { return s.Interactive != nil && s.Interactive.Type == "list" }

// ImageID is the media id of the image sent (an image message's, or a
// reply-buttons message's header), "" when none.
func (s Sent) ImageID() string {
	switch {
	case s.Image != nil:
		return s.Image.ID
	case s.Interactive != nil && s.Interactive.Header != nil && s.Interactive.Header.Image != nil:
		return s.Interactive.Header.Image.ID
	}
	return ""
}

// DocumentID is the media id of the document sent, "" when none.
func (s Sent) DocumentID() string {
	if s.Document == nil {
		return ""
	}
	return s.Document.ID
}

// TemplateName is the template sent, "" for another message.
func (s Sent) TemplateName() string {
	if s.Template == nil {
		return ""
	}
	return s.Template.Name
}

// QuotedID is the message this one replies to, "" when none.
func (s Sent) QuotedID() string {
	if s.Context == nil {
		return ""
	}
	return s.Context.MessageID
}

// Sent is every message sent so far, in order.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// SentTo is the messages sent to one WhatsApp id.
func (s *Server) SentTo(waID string) []Sent {
	var out []Sent
	for _, m := range s.Sent() {
		if m.To == waID {
			out = append(out, m)
		}
	}
	return out
}

// WaitSent waits until at least n messages were sent.
func (s *Server) WaitSent(t testing.TB, n int, timeout time.Duration) {
	t.Helper()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		s.mu.Lock()
		got, ch := len(s.sent), s.changed
		s.mu.Unlock()
		if got >= n {
			return
		}
		select {
		case <-ch:
		case <-timer.C:
			t.Fatalf("cloudtest: %d messages sent after %v, want %d", got, timeout, n)
		}
	}
}
