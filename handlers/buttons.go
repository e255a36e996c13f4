package handlers

import (
	"fmt"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
)

// newButton is a button whose data is one of package button's kinds.
func newButton(label string, d button.Data) (bot.Button, error) {
	data, err := button.Encode(d)
	if err != nil {
		return bot.Button{}, fmt.Errorf("button %q: %w", label, err)
	}
	return bot.Button{Label: label, Data: data}, nil
}

// button is newButton for a flow step: data that cannot be encoded (a
// programming error) is kept on the call and fails the update in Handle,
// instead of sending a button that could not be read back.
func (c *call) button(label string, d button.Data) bot.Button {
	b, err := newButton(label, d)
	if err != nil && c.buildErr == nil {
		c.buildErr = err
	}
	return b
}

// pressed decodes the data of the button pressed; ok is false for an
// update that is no button press or whose data no release ever sent.
func pressed(u bot.Update) (d button.Data, ok bool) {
	if u.Kind != bot.KindCallback || u.Callback == nil {
		return nil, false
	}
	d, err := button.Decode(u.Callback.Data)
	return d, err == nil
}
