package i18n

func init() {
	extend(id, map[Key]string{
		WACloudListOpen:     "Pilih",
		WACloudListMore:     "Pilihan lainnya:",
		AlertWACloudExpired: "⚠️ WhatsApp (Cloud API) berhenti mengirim: token akses ditolak (%s). Ganti WHATSAPP_CLOUD_TOKEN lalu mulai ulang bot.",
	})
	extend(en, map[Key]string{
		WACloudListOpen:     "Choose",
		WACloudListMore:     "More choices:",
		AlertWACloudExpired: "⚠️ WhatsApp (Cloud API) has stopped sending: the access token was refused (%s). Replace WHATSAPP_CLOUD_TOKEN and restart the bot.",
	})
}
