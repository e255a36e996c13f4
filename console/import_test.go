package console

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/importer/xlsxtest"
)

// upload posts a file to the Impor page as the form does.
func (e *staffEnv) upload(kind, name string, data []byte, partial bool) *httptest.ResponseRecorder {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf", "test-csrf")
	_ = mw.WriteField("kind", kind)
	if partial {
		_ = mw.WriteField("partial", "1")
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		e.t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/console/impor", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	return rec
}

var confirmID = regexp.MustCompile(`name="id" value="([0-9a-f]{32})"`)

const rosterHead = "nip,name,unit_code,unit_name,position,supervisor_nip,phone,role\n"

// A dry run writes nothing and shows each row, a bad row with its reason
// in the viewer's language; the confirmation writes the file, once.
func TestImportDryRunThenConfirm(t *testing.T) {
	e := newStaffEnv(t)
	good := rosterHead +
		"199505052020121007,Rina Marlina,PKM01,,Perawat," + nipKapus + ",,\n" +
		nipSiti + ",Siti Aminah Baru,PKM01,,Perawat," + nipKapus + ",,\n"
	bad := good + "12345,Salah NIP,PKM01,,Perawat,,,\n"

	rec := e.upload("roster", "roster.csv", []byte(bad), false)
	page := body(rec)
	if rec.Code != http.StatusOK || !strings.Contains(page, "Rina Marlina") || !strings.Contains(page, "ditolak") {
		t.Fatalf("dry run: %d\n%s", rec.Code, page)
	}
	if !regexp.MustCompile(`<td>4</td>[\s\S]*?NIP`).MatchString(page) {
		t.Errorf("the bad row's line and reason are not shown:\n%s", page)
	}
	if confirmID.MatchString(page) {
		t.Error("a file with a refused row can be confirmed without partial")
	}
	if _, err := e.st.GetEmployee(t.Context(), "199505052020121007"); err == nil {
		t.Fatal("the dry run wrote a person")
	}
	e.viewer.Lang = "en"
	if page := body(e.upload("roster", "roster.csv", []byte(bad), false)); !strings.Contains(page, "refused") {
		t.Errorf("the report is not in English for an English viewer:\n%s", page)
	}
	e.viewer.Lang = ""

	page = body(e.upload("roster", "roster.csv", []byte(good), false))
	m := confirmID.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no confirmation for a good file:\n%s", page)
	}
	if got := e.employee(nipSiti).Name; got != "Siti Aminah" {
		t.Fatalf("the dry run renamed Siti: %q", got)
	}
	rec = e.post("/console/impor/simpan", url.Values{"id": {m[1]}})
	if rec.Code != http.StatusOK || !strings.Contains(body(rec), "Tersimpan") {
		t.Fatalf("confirm: %d %s", rec.Code, body(rec))
	}
	if got := e.employee("199505052020121007"); got.Name != "Rina Marlina" || got.SupervisorNIP != nipKapus {
		t.Errorf("after confirm: %+v", got)
	}
	if got := e.employee(nipSiti); got.Name != "Siti Aminah Baru" || len(got.Accounts) != 0 {
		t.Errorf("after confirm Siti is %+v", got)
	}
	if rec := e.post("/console/impor/simpan", url.Values{"id": {m[1]}}); rec.Code != http.StatusUnprocessableEntity {
		t.Errorf("a second confirmation: %d, want 422", rec.Code)
	}
	checks, writes := e.audits.of(ActionImportCheck), e.audits.of(ActionImport)
	if len(checks) != 3 || len(writes) != 1 || writes[0].Target != "roster" || writes[0].Detail != "accepted=2 refused=0 created=1 updated=1" {
		t.Errorf("audits: checks %v, writes %v", checks, writes)
	}
}

// A unit admin's rows for another branch are refused with their reason.
func TestImportOutOfScopeRow(t *testing.T) {
	e := newStaffEnv(t)
	file := rosterHead + "199505052020121007,Rina Marlina,PKM01,,Perawat,,,\n" + nipGuru + ",Budi Guru,DINKES,,Guru,,,\n" +
		"199505052020121008,Orang Lain,DISDIK,,Guru,,,\n"
	page := body(e.upload("roster", "roster.csv", []byte(file), true))
	if n := strings.Count(page, "di luar cakupan Anda"); n != 2 {
		t.Errorf("%d rows refused for scope, want 2:\n%s", n, page)
	}
	m := confirmID.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("a partial import with a good row cannot be confirmed")
	}
	e.post("/console/impor/simpan", url.Values{"id": {m[1]}})
	if got := e.employee(nipGuru); got.UnitCode != "DISDIK" || got.Name != "Budi Guru" {
		t.Errorf("a person of another branch was changed: %+v", got)
	}
	if _, err := e.st.GetEmployee(t.Context(), "199505052020121008"); err == nil {
		t.Error("a person was added to another branch")
	}
	if _, err := e.st.GetEmployee(t.Context(), "199505052020121007"); err != nil {
		t.Errorf("the good row was not written: %v", err)
	}
}

// Another viewer's or a made-up id confirms nothing; bad uploads are
// refused with a message; an auditor cannot import.
func TestImportRefusals(t *testing.T) {
	e := newStaffEnv(t)
	file := rosterHead + "199505052020121007,Rina Marlina,PKM01,,Perawat,,,\n"
	m := confirmID.FindStringSubmatch(body(e.upload("roster", "roster.csv", []byte(file), false)))
	if m == nil {
		t.Fatal("no confirmation")
	}
	admin := e.viewer
	e.viewer = &Viewer{NIP: nipKapus, Role: RoleAdmin, Unit: "DINKES", CSRF: "test-csrf"}
	for _, id := range []string{m[1], strings.Repeat("0", 32), "../../x"} {
		if rec := e.post("/console/impor/simpan", url.Values{"id": {id}}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("confirm %q as another admin: %d, want 422", id, rec.Code)
		}
	}
	if _, err := e.st.GetEmployee(t.Context(), "199505052020121007"); err == nil {
		t.Error("another admin confirmed the file")
	}
	e.viewer = admin
	for _, c := range []struct{ name, kind, file, want string }{
		{"not a spreadsheet", "roster", "%PDF-1.4 nope", "PDF"},
		{"an unknown kind", "gaji", file, "Pilih jenis berkas"},
		{"no file", "roster", "", "Pilih berkas"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := e.upload(c.kind, "f.csv", []byte(c.file), false)
			if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body(rec), c.want) {
				t.Errorf("%d, want 422 saying %q:\n%s", rec.Code, c.want, body(rec))
			}
		})
	}
	big := bytes.Repeat([]byte("x"), maxImportMB<<20+1)
	if rec := e.upload("roster", "big.csv", big, false); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body(rec), "terlalu besar") {
		t.Errorf("a file over the limit: %d", rec.Code)
	}
	e.viewer.Role = RoleAuditor
	if rec := e.upload("roster", "roster.csv", []byte(file), false); rec.Code != http.StatusForbidden {
		t.Errorf("an auditor's upload: %d, want 403", rec.Code)
	}
	if rec := e.get("/console/impor"); rec.Code != http.StatusOK {
		t.Errorf("the import page: %d", rec.Code)
	}
}

// An XLSX workbook with the personnel system's column names goes the same
// way: checked, then written on confirmation.
func TestImportXLSX(t *testing.T) {
	e := newStaffEnv(t)
	file := xlsxtest.Workbook(t, xlsxtest.Sheet{Name: "Pegawai", Rows: [][]any{
		{"NIP BARU", "NAMA", "UNOR", "JABATAN", "NIP ATASAN", "NO HP"},
		{"199505052020121007", "Rina Marlina", "PKM02", "Bidan", nipDewi, ""},
	}})
	page := body(e.upload("roster", "pegawai.xlsx", file, false))
	m := confirmID.FindStringSubmatch(page)
	if m == nil || !strings.Contains(page, "Rina Marlina") {
		t.Fatalf("no confirmation for a good workbook:\n%s", page)
	}
	if rec := e.post("/console/impor/simpan", url.Values{"id": {m[1]}}); rec.Code != http.StatusOK {
		t.Fatalf("confirm: %d", rec.Code)
	}
	if got := e.employee("199505052020121007"); got.UnitCode != "PKM02" || got.SupervisorNIP != nipDewi {
		t.Errorf("after confirm: %+v", got)
	}
}

// One import at a time: another admin's upload meanwhile is asked to wait,
// and nothing of theirs is lost.
func TestImportOneAtATime(t *testing.T) {
	e := newStaffEnv(t)
	e.c.importing.Lock()
	file := rosterHead + "199505052020121007,Rina Marlina,PKM01,,Perawat,,,\n"
	rec := e.upload("roster", "roster.csv", []byte(file), false)
	e.c.importing.Unlock()
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body(rec), "Impor lain sedang berjalan") {
		t.Errorf("an upload while another import runs: %d", rec.Code)
	}
	if m := confirmID.FindStringSubmatch(body(e.upload("roster", "roster.csv", []byte(file), false))); m == nil {
		t.Error("the import turn was not given back")
	}
}
