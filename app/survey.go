package app

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/kinerjabot/kinerjabot/config"
)

// surveyKeys is what the App needs of the record store for the survey key.
type surveyKeys interface {
	SurveyKey(ctx context.Context, candidate []byte) ([]byte, error)
}

// surveyKeyFile is the file a release before the shared key kept the key
// in, under DATA_DIR.
const surveyKeyFile = "survey.key"

// minSurveyKeyFile is the shortest key read from surveyKeyFile.
const minSurveyKeyFile = 32

// surveyKey is the key of the hash kept of a citizen's chat: SURVEY_SECRET,
// or else the key kept in the record store, which every replica shares (so
// the once-a-day rule holds across replicas and restarts). The first
// replica to start stores its candidate: the key of DATA_DIR/survey.key
// when a release before this one made one (so that the hashes already kept
// stay valid), else a new random key.
func surveyKey(ctx context.Context, cfg config.Config, st surveyKeys, log *slog.Logger) ([]byte, error) {
	if cfg.SurveySecret != "" {
		return []byte(cfg.SurveySecret), nil
	}
	candidate, fromFile, err := surveyKeyCandidate(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	key, err := st.SurveyKey(ctx, candidate)
	if err != nil {
		return nil, err
	}
	switch {
	case fromFile && bytes.Equal(key, candidate):
		log.Info("survey key shared through the record store; DATA_DIR holds the same key, no longer needed", "file", surveyKeyFile)
	case fromFile:
		log.Warn("survey key of DATA_DIR differs from the one in the record store, which is used", "file", surveyKeyFile)
	}
	return key, nil
}

// surveyKeyCandidate is the key of DATA_DIR/survey.key when there is one,
// else a new random key (64 hex digits, as the file held).
func surveyKeyCandidate(dataDir string) (key []byte, fromFile bool, err error) {
	path := filepath.Join(dataDir, surveyKeyFile)
	b, err := os.ReadFile(path)
	switch {
	case err == nil && len(bytes.TrimSpace(b)) >= minSurveyKeyFile:
		return bytes.TrimSpace(b), true, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, false, fmt.Errorf("read %s: %w", path, err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, false, err
	}
	return []byte(hex.EncodeToString(raw)), false, nil
}
