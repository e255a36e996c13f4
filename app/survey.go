package app

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kinerjabot/kinerjabot/config"
)

// surveyKey is the key of the hash kept of a citizen's chat: SURVEY_SECRET,
// or a random key made once and kept in DATA_DIR/survey.key (so the
// once-a-day rule survives restarts; replicas must share SURVEY_SECRET).
func surveyKey(cfg config.Config) ([]byte, error) {
	if cfg.SurveySecret != "" {
		return []byte(cfg.SurveySecret), nil
	}
	path := filepath.Join(cfg.DataDir, "survey.key")
	b, err := os.ReadFile(path)
	if err == nil && len(strings.TrimSpace(string(b))) >= 32 {
		return []byte(strings.TrimSpace(string(b))), nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	key := hex.EncodeToString(raw)
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, []byte(key+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return []byte(key), nil
}
