package telegram

import (
	"context"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// SetCommands fills the bot's command menu with Options.Commands. A failure
// is logged and otherwise ignored: the bot works without a menu. With no
// commands configured it does nothing.
func (a *Adapter) SetCommands(ctx context.Context) {
	if len(a.opt.Commands) == 0 {
		return
	}
	cmds := make([]models.BotCommand, 0, len(a.opt.Commands))
	for _, c := range a.opt.Commands {
		cmds = append(cmds, models.BotCommand{Command: c.Name, Description: c.Description})
	}
	if _, err := a.api.SetMyCommands(ctx, &tg.SetMyCommandsParams{Commands: cmds}); err != nil {
		a.log.Warn("telegram setMyCommands failed; the command menu is unchanged", "err", a.redact(err))
		return
	}
	a.log.Debug("telegram command menu set", "commands", len(cmds))
}
