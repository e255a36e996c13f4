package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
)

// maxRequest bounds a request body the fake reads.
const maxRequest = 50 << 20

// params are a Bot API call's parameters as text: strings as they are, other
// JSON values (numbers, objects, arrays) as their JSON text, which is how
// multipart and form requests carry them too.
type params map[string]string

// fileKey prefixes the key under which params keep an uploaded file's bytes
// (see file); no Bot API parameter name starts with a NUL.
const fileKey = "\x00file:"

// fileNameKey prefixes the key under which params keep an uploaded file's
// name (see fileName).
const fileNameKey = "\x00name:"

// readParams reads the query string and a JSON, form-urlencoded or
// multipart/form-data body. Uploaded files are kept apart from the other
// parameters: see file.
func readParams(r *http.Request) (params, error) {
	p := params{}
	for k, v := range r.URL.Query() {
		p[k] = v[0]
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequest))
	if err != nil || len(bytes.TrimSpace(body)) == 0 {
		return p, err
	}
	ct, ctp, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		return p, p.addJSON(body)
	case "application/x-www-form-urlencoded":
		return p, p.addForm(body)
	case "multipart/form-data":
		return p, p.addMultipart(body, ctp["boundary"])
	default:
		return p, fmt.Errorf("unsupported content type %q", ct)
	}
}

func (p params) addJSON(body []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return err
	}
	for k, raw := range m {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			p[k] = s
			continue
		}
		p[k] = string(raw)
	}
	return nil
}

func (p params) addForm(body []byte) error {
	v, err := url.ParseQuery(string(body))
	if err != nil {
		return err
	}
	for k, vs := range v {
		p[k] = vs[0]
	}
	return nil
}

func (p params) addMultipart(body []byte, boundary string) error {
	form, err := multipart.NewReader(bytes.NewReader(body), boundary).ReadForm(maxRequest)
	if err != nil {
		return err
	}
	defer form.RemoveAll()
	for k, vs := range form.Value {
		p[k] = vs[0]
	}
	for k, fhs := range form.File {
		f, err := fhs[0].Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return err
		}
		p[fileKey+k] = string(data)
		p[fileNameKey+k] = fhs[0].Filename
	}
	return nil
}

// file returns the bytes of the file uploaded as the multipart part key.
func (p params) file(key string) ([]byte, bool) {
	s, ok := p[fileKey+key]
	return []byte(s), ok
}

// fileName returns the name of the file uploaded as the multipart part key.
func (p params) fileName(key string) string { return p[fileNameKey+key] }

func (p params) int64(key string) int64 {
	n, _ := strconv.ParseInt(p[key], 10, 64)
	return n
}

func (p params) int(key string) int {
	n, _ := strconv.Atoi(p[key])
	return n
}

func (p params) bool(key string) bool {
	b, _ := strconv.ParseBool(p[key])
	return b
}

// json decodes a parameter holding JSON text into dst; absent leaves dst.
func (p params) json(key string, dst any) error {
	s, ok := p[key]
	if !ok || s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), dst); err != nil {
		return fmt.Errorf("parameter %s: %w", key, err)
	}
	return nil
}
