package console

import "net/http"

// routes mounts every console page. Each page line names its handler and
// whether it changes anything (write: admins only, never auditors; every
// POST needs the session's CSRF token either way).
func (c *Console) routes() {
	c.mux.Handle("GET "+Prefix+"assets/", assets())
	c.mux.HandleFunc("GET "+Prefix+loginPath, c.loginPage)
	c.mux.HandleFunc("POST "+Prefix+loginPath, c.login)
	if c.d.DemoNIP != "" {
		c.mux.HandleFunc("GET "+Prefix+demoPath, c.demo)
	}
	c.page("POST "+Prefix+"keluar", c.logout, false)
	c.page("GET "+Prefix+"{$}", c.summary, false)
	c.page("GET "+Prefix+"ekspor", c.exportForm, false)
	c.page("GET "+Prefix+"ekspor/unduh", c.exportFile, false)
	c.page("GET "+Prefix+"survei", c.survey, false)
	c.page("GET "+Prefix+"survei/poster", c.posterFile, false)
	c.page("GET "+Prefix+"audit", c.auditPage, false)
	c.page("GET "+Prefix+"audit.csv", c.auditCSV, false)
	c.page("GET "+Prefix+"pegawai", c.staff, false)
	c.page("GET "+Prefix+"pegawai/{nip}", c.personPage, false)
	c.page("POST "+Prefix+"pegawai/{nip}/status", c.changeStatus, true)
	c.page("POST "+Prefix+"pegawai/{nip}/atasan", c.changeSupervisor, true)
	c.page("POST "+Prefix+"pegawai/kode", c.codes, true)
	c.page("GET "+Prefix+"impor", c.importPage, false)
	c.page("POST "+Prefix+"impor", c.importCheck, true)
	c.page("POST "+Prefix+"impor/simpan", c.importConfirm, true)
}

// page mounts h at pattern behind the session check (and, for write
// pages, the role check).
func (c *Console) page(pattern string, h http.HandlerFunc, write bool) {
	c.mux.Handle(pattern, c.authed(h, write))
}
