package whatsappcloud

// The webhook's JSON, as Meta's "messages" webhook reference describes it
// (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/reference/messages):
// one notification holds entries, each entry changes, each change a value
// with the messages people sent and the statuses of messages the bot sent.
// Only the fields the adapter reads are declared.

// Notification is one webhook request's body.
type Notification struct {
	Object string  `json:"object"`
	Entry  []Entry `json:"entry"`
}

// Entry is one business account's changes.
type Entry struct {
	ID      string   `json:"id"`
	Changes []Change `json:"changes"`
}

// Change is one change of a field; the adapter reads field "messages".
type Change struct {
	Field string `json:"field"`
	Value Value  `json:"value"`
}

// Value holds the messages and statuses of one change.
type Value struct {
	MessagingProduct string    `json:"messaging_product"`
	Metadata         Metadata  `json:"metadata"`
	Contacts         []Contact `json:"contacts,omitempty"`
	Messages         []Message `json:"messages,omitempty"`
	Statuses         []Status  `json:"statuses,omitempty"`
}

// Metadata names the business number the change is for.
type Metadata struct {
	DisplayPhoneNumber string `json:"display_phone_number"`
	PhoneNumberID      string `json:"phone_number_id"`
}

// Contact is a sender: the WhatsApp id (their number, as WhatsApp vouches
// for it) and profile name.
type Contact struct {
	Profile struct {
		Name string `json:"name"`
	} `json:"profile"`
	WaID string `json:"wa_id"`
}

// Message is one message a person sent.
type Message struct {
	From        string       `json:"from"`
	ID          string       `json:"id"`
	Timestamp   string       `json:"timestamp"`
	Type        string       `json:"type"`
	Context     *MsgContext  `json:"context,omitempty"`
	Text        *Text        `json:"text,omitempty"`
	Interactive *Interactive `json:"interactive,omitempty"`
	Button      *QuickReply  `json:"button,omitempty"`
	Image       *MediaRef    `json:"image,omitempty"`
	Document    *MediaRef    `json:"document,omitempty"`
	Location    *Location    `json:"location,omitempty"`
}

// MsgContext is the message a message replies to (a swipe-reply, or the
// message whose button was pressed).
type MsgContext struct {
	From string `json:"from,omitempty"`
	ID   string `json:"id"`
}

// Text is a text message's body.
type Text struct {
	Body string `json:"body"`
}

// Interactive is a press of a reply button or a pick from a list.
type Interactive struct {
	Type        string `json:"type"` // button_reply, list_reply
	ButtonReply *Reply `json:"button_reply,omitempty"`
	ListReply   *Reply `json:"list_reply,omitempty"`
}

// Reply is what a button or list row carried: its id and title.
type Reply struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// QuickReply is a press of a template's quick-reply button.
type QuickReply struct {
	Payload string `json:"payload"`
	Text    string `json:"text"`
}

// MediaRef is an image or document a person sent, kept by Meta.
type MediaRef struct {
	ID       string `json:"id"`
	MIMEType string `json:"mime_type"`
	SHA256   string `json:"sha256,omitempty"`
	Caption  string `json:"caption,omitempty"`
	Filename string `json:"filename,omitempty"`
}

// Location is a shared point.
type Location struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// Status is what became of a message the bot sent: sent, delivered, read
// or failed (with errors).
type Status struct {
	ID          string     `json:"id"`
	Status      string     `json:"status"`
	Timestamp   string     `json:"timestamp"`
	RecipientID string     `json:"recipient_id"`
	Errors      []APIError `json:"errors,omitempty"`
}
