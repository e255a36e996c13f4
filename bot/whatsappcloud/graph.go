package whatsappcloud

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// maxAnswer bounds the JSON answer of one API call.
const maxAnswer = 1 << 20

// endpoint is the URL of a Graph API path ("/{phone-number-id}/messages").
func (a *Adapter) endpoint(path string) string {
	return a.opt.APIURL + "/" + a.opt.APIVersion + path
}

// postJSON posts body as JSON to path and decodes the answer into out.
func (a *Adapter) postJSON(ctx context.Context, path string, body, out any) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.endpoint(path), bytes.NewReader(raw))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	return a.call(req, out)
}

// call sends req with the bearer token and decodes a 2xx JSON answer into
// out; an error answer becomes an *APIError.
func (a *Adapter) call(req *http.Request, out any) error {
	req.Header.Set("Authorization", "Bearer "+a.opt.Token)
	resp, err := a.opt.HTTPClient.Do(req)
	if err != nil {
		return fmt.Errorf("whatsapp cloud api %s: %w", req.URL.Path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return fmt.Errorf("whatsapp cloud api %s: read answer: %w", req.URL.Path, err)
	}
	if resp.StatusCode/100 != 2 {
		return answerError(resp.StatusCode, raw)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("whatsapp cloud api %s: decode answer: %w", req.URL.Path, err)
	}
	return nil
}

// answerError reads an error answer: the API's error object when there is
// one, else the HTTP status.
func answerError(status int, raw []byte) error {
	var ans struct {
		Error *APIError `json:"error"`
	}
	if json.Unmarshal(raw, &ans) == nil && ans.Error != nil {
		ans.Error.HTTPStatus = status
		return ans.Error
	}
	return &APIError{HTTPStatus: status, Message: http.StatusText(status)}
}
