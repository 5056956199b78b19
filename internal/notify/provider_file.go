package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// FileProvider appends each message as one JSON line {"to","text",
// "purpose","at"} to a file: the sandbox SMS sink. Safe for concurrent
// writers in one process and across processes (each line is one write on an
// O_APPEND file under an exclusive flock).
type FileProvider struct {
	path string
	mu   sync.Mutex
	now  func() time.Time
}

// NewFileProvider returns a provider appending to path (created on first
// use, with its directory).
func NewFileProvider(path string) *FileProvider {
	return &FileProvider{path: path, now: time.Now}
}

// FileLine is one line of the sink.
type FileLine struct {
	To      string    `json:"to"`
	Text    string    `json:"text"`
	Purpose string    `json:"purpose"`
	At      time.Time `json:"at"`
}

// Send appends m to the file.
func (p *FileProvider) Send(_ context.Context, m Message) error {
	line, err := json.Marshal(FileLine{To: m.To, Text: m.Text, Purpose: m.Purpose, At: p.now().UTC()})
	if err != nil {
		return fmt.Errorf("SMS file sink: encode: %w", err)
	}
	line = append(line, '\n')

	p.mu.Lock()
	defer p.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(p.path), 0o750); err != nil {
		return fmt.Errorf("SMS file sink: %w", err)
	}
	f, err := os.OpenFile(p.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("SMS file sink: %w", err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("SMS file sink: lock: %w", err)
	}
	if _, err := f.Write(line); err != nil {
		return fmt.Errorf("SMS file sink: write: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("SMS file sink: close: %w", err)
	}
	return nil
}
