package bot

import "strings"

// ChatCallbackID names a button press on a platform without callback ids
// of its own (WhatsApp): the chat and the id of the message that pressed
// the button, so that AnswerCallback knows which chat to answer in.
func ChatCallbackID(chatID, msgID string) string { return chatID + "#" + msgID }

// CallbackChat is the chat of a callback id made by ChatCallbackID.
func CallbackChat(id string) (string, bool) {
	i := strings.LastIndexByte(id, '#')
	if i <= 0 {
		return "", false
	}
	return id[:i], true
}
