package whatsappcloud

import (
	"strings"

	"github.com/kinerjabot/kinerjabot/bot"
)

// This file holds the pure conversions from neutral replies to the Cloud
// API's messages. A button's id says what the button stands for, so that
// its press maps back without any memory:
//
//	b:<data>   an inline button: a callback with data (package button's typed data)
//	t:<label>  a keyboard button: its label as text
//	c          "share my number": the sender's own number, as WhatsApp vouches for it
//
// A keyboard's "share my location" becomes a text button with its label.

// Limits of the API's messages, in characters
// (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages,
// .../interactive-list-messages).
const (
	maxReplyButtons = 3
	maxButtonTitle  = 20
	maxButtonBody   = 1024
	maxListRows     = 10
	maxRowTitle     = 24
	maxRowDesc      = 72
	maxListBody     = 4096
	maxChoiceID     = 200
)

// limits bound one message the adapter sends: 4,096 characters of text,
// 1,024 of caption.
var limits = bot.Limits{Text: maxListBody, Caption: bot.MaxCaption}

type choiceKind byte

const (
	choiceCallback choiceKind = 'b'
	choiceText     choiceKind = 't'
	choiceContact  choiceKind = 'c'
)

// choice is one button of a reply: its label and what it stands for.
type choice struct {
	label string
	kind  choiceKind
	value string // callback data or text
}

func (c choice) id() string {
	if c.kind == choiceContact {
		return string(choiceContact)
	}
	return string(c.kind) + ":" + c.value
}

func parseChoiceID(id string) (choice, bool) {
	if id == string(choiceContact) {
		return choice{kind: choiceContact}, true
	}
	k, v, ok := strings.Cut(id, ":")
	if !ok || len(k) != 1 || (choiceKind(k[0]) != choiceCallback && choiceKind(k[0]) != choiceText) || v == "" {
		return choice{}, false
	}
	return choice{kind: choiceKind(k[0]), value: v}, true
}

// choicesOf collects the buttons a reply offers: its inline buttons or its
// reply keyboard, in reading order.
func choicesOf(r bot.Reply) ([]choice, error) {
	if len(r.Buttons) > 0 && len(r.Keyboard) > 0 {
		return nil, invalid("a reply carries at most one of buttons and keyboard")
	}
	var out []choice
	for _, row := range r.Buttons {
		for _, b := range row {
			if err := bot.CheckButton(b); err != nil {
				return nil, invalid("%v", err)
			}
			out = append(out, choice{label: b.Label, kind: choiceCallback, value: b.Data})
		}
	}
	for _, row := range r.Keyboard {
		for _, b := range row {
			switch {
			case b.Label == "":
				return nil, invalid("keyboard button without label")
			case b.RequestContact:
				out = append(out, choice{label: b.Label, kind: choiceContact})
			case len(b.Label) > maxChoiceID-2:
				return nil, invalid("keyboard button label is %d bytes, over %d", len(b.Label), maxChoiceID-2)
			default:
				out = append(out, choice{label: b.Label, kind: choiceText, value: b.Label})
			}
		}
	}
	return out, nil
}

// outMessage is one message of the Messages API.
type outMessage struct {
	MessagingProduct string       `json:"messaging_product"`
	RecipientType    string       `json:"recipient_type"`
	To               string       `json:"to"`
	Type             string       `json:"type"`
	Context          *outContext  `json:"context,omitempty"`
	Text             *outText     `json:"text,omitempty"`
	Interactive      *interactive `json:"interactive,omitempty"`
	Image            *outMedia    `json:"image,omitempty"`
	Document         *outMedia    `json:"document,omitempty"`
	Template         *template    `json:"template,omitempty"`
}

type outContext struct {
	MessageID string `json:"message_id"`
}

type outText struct {
	Body       string `json:"body"`
	PreviewURL bool   `json:"preview_url"`
}

type outMedia struct {
	ID       string `json:"id"`
	Caption  string `json:"caption,omitempty"`
	Filename string `json:"filename,omitempty"`
}

type interactive struct {
	Type   string     `json:"type"` // button, list
	Header *outHeader `json:"header,omitempty"`
	Body   outBody    `json:"body"`
	Action action     `json:"action"`
}

// outHeader is a reply-buttons message's image header.
type outHeader struct {
	Type  string    `json:"type"` // image
	Image *outMedia `json:"image"`
}

type outBody struct {
	Text string `json:"text"`
}

type action struct {
	Buttons  []replyButton `json:"buttons,omitempty"`
	Button   string        `json:"button,omitempty"` // the list's opening button
	Sections []section     `json:"sections,omitempty"`
}

type replyButton struct {
	Type  string `json:"type"` // reply
	Reply Reply  `json:"reply"`
}

type section struct {
	Title string `json:"title,omitempty"`
	Rows  []row  `json:"rows"`
}

type row struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

type template struct {
	Name       string      `json:"name"`
	Language   language    `json:"language"`
	Components []component `json:"components,omitempty"`
}

type language struct {
	Code string `json:"code"`
}

type component struct {
	Type       string      `json:"type"` // body
	Parameters []parameter `json:"parameters"`
}

type parameter struct {
	Type string `json:"type"` // text
	Text string `json:"text"`
}

func message(to, kind string) outMessage {
	return outMessage{MessagingProduct: "whatsapp", RecipientType: "individual", To: to, Type: kind}
}

func textMessage(to, text string) outMessage {
	m := message(to, "text")
	m.Text = &outText{Body: text}
	return m
}

// choiceMessages are the interactive messages offering cs under text:
// reply buttons when there are at most 3 with short titles and the text
// fits, else lists of up to 10 rows (the first carrying text, the others a
// continuation line, cont).
func choiceMessages(to, text, open, cont string, cs []choice) []outMessage {
	if text == "" {
		text = open
	}
	if asButtons(text, cs) {
		m := message(to, "interactive")
		in := &interactive{Type: "button", Body: outBody{Text: text}}
		for _, c := range cs {
			in.Action.Buttons = append(in.Action.Buttons, replyButton{Type: "reply", Reply: Reply{ID: c.id(), Title: c.label}})
		}
		m.Interactive = in
		return []outMessage{m}
	}
	var out []outMessage
	for i := 0; i < len(cs); i += maxListRows {
		body := text
		if i > 0 {
			body = cont
		}
		out = append(out, listMessage(to, body, open, cs[i:min(i+maxListRows, len(cs))]))
	}
	return out
}

// asButtons reports whether cs under text fit reply buttons.
func asButtons(text string, cs []choice) bool {
	return len(cs) <= maxReplyButtons && shortTitles(cs) && limits.Len(text) <= maxButtonBody
}

// withImage puts an uploaded image on top of a reply-buttons message.
func withImage(m outMessage, mediaID string) outMessage {
	m.Interactive.Header = &outHeader{Type: "image", Image: &outMedia{ID: mediaID}}
	return m
}

func listMessage(to, body, open string, cs []choice) outMessage {
	m := message(to, "interactive")
	s := section{}
	for _, c := range cs {
		r := row{ID: c.id(), Title: limits.Fit(c.label, maxRowTitle)}
		if r.Title != c.label {
			r.Description = limits.Fit(c.label, maxRowDesc)
		}
		s.Rows = append(s.Rows, r)
	}
	m.Interactive = &interactive{Type: "list", Body: outBody{Text: limits.Fit(body, maxListBody)},
		Action: action{Button: limits.Fit(open, maxButtonTitle), Sections: []section{s}}}
	return m
}

func shortTitles(cs []choice) bool {
	for _, c := range cs {
		if limits.Len(c.label) > maxButtonTitle {
			return false
		}
	}
	return true
}

// templateMessage carries text in the configured template's one body
// parameter. A parameter may hold no line breaks, tabs or runs of spaces,
// so the text is flattened.
func templateMessage(to, name, lang, text string) outMessage {
	m := message(to, "template")
	m.Template = &template{Name: name, Language: language{Code: lang}, Components: []component{{
		Type: "body", Parameters: []parameter{{Type: "text", Text: flatten(text)}},
	}}}
	return m
}

// maxParameter keeps a template's parameter well within its body's limit.
const maxParameter = 900

func flatten(text string) string {
	lines := strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' })
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return limits.Fit(strings.Join(lines, " · "), maxParameter)
}
