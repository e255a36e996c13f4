package app

import (
	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/files"
	"github.com/kinerjabot/kinerjabot/mydata"
	"github.com/kinerjabot/kinerjabot/recapchart"
)

// buildFiles registers, by reference kind, the makers of the files replies
// carry (conversation.FileMaker): one line per feature.
func (a *App) buildFiles() *files.Registry {
	reg := files.NewRegistry()
	reg.Register(recapchart.Kind, recapchart.Maker{})
	reg.Register(mydata.Kind, mydata.New(a.store))
	reg.Register(export.Kind, export.NewMaker(NewExporter(a.cfg, a.store), a.now))
	return reg
}
