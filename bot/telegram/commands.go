package telegram

import (
	"context"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot"
)

// SetCommands fills the bot's default command menu with Options.Commands,
// and the menu of each language of Options.LanguageCommands. A failure is
// logged and otherwise ignored: the bot works without a menu. With no
// commands configured it does nothing.
func (a *Adapter) SetCommands(ctx context.Context) {
	a.setMenu(ctx, "", nil, a.opt.Commands)
	for lang, cmds := range a.opt.LanguageCommands {
		a.setMenu(ctx, lang, nil, cmds)
	}
}

// setChatMenu gives one chat its own command menu (bot.Reply.Menu).
func (a *Adapter) setChatMenu(ctx context.Context, chatID int64, menu []bot.MenuCommand) {
	cmds := make([]Command, 0, len(menu))
	for _, c := range menu {
		cmds = append(cmds, Command(c))
	}
	a.setMenu(ctx, "", &models.BotCommandScopeChat{ChatID: chatID}, cmds)
}

func (a *Adapter) setMenu(ctx context.Context, lang string, scope models.BotCommandScope, cmds []Command) {
	if len(cmds) == 0 {
		return
	}
	list := make([]models.BotCommand, 0, len(cmds))
	for _, c := range cmds {
		list = append(list, models.BotCommand{Command: c.Name, Description: c.Description})
	}
	p := &tg.SetMyCommandsParams{Commands: list, LanguageCode: lang, Scope: scope}
	if _, err := a.api.SetMyCommands(ctx, p); err != nil {
		a.log.Warn("telegram setMyCommands failed; the command menu is unchanged", "language", lang,
			"chat_scope", scope != nil, "err", a.redact(err))
		return
	}
	a.log.Debug("telegram command menu set", "commands", len(list), "language", lang, "chat_scope", scope != nil)
}
