package i18n

// The WhatsApp Cloud API transport (#22, bot/whatsappcloud): the label of a
// list message's opening button, the line above a list's continuation, and
// the admins' alert when the API refuses the access token.
const (
	WACloudListOpen     Key = "wacloud.list.open"
	WACloudListMore     Key = "wacloud.list.more"
	AlertWACloudExpired Key = "wacloud.alert.token_expired"
)
