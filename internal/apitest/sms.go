package apitest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// SMS is one message in the file sink (DVC_DATA_DIR/sms.jsonl).
type SMS struct {
	To      string    `json:"to"`
	Text    string    `json:"text"`
	Purpose string    `json:"purpose"`
	At      time.Time `json:"at"`
}

// SMS returns every message the sink holds so far.
func (s *Server) SMS(t testing.TB) []SMS {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.Config.DataDir, "sms.jsonl"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatalf("read sms sink: %v", err)
	}
	var out []SMS
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var m SMS
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("sms sink line %q: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}

// WaitSMS waits (up to 15 s) for the first message that match accepts, and
// fails the test when none arrives.
func (s *Server) WaitSMS(t testing.TB, match func(SMS) bool) SMS {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		for _, m := range s.SMS(t) {
			if match(m) {
				return m
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no matching SMS within 15s; sink has %d messages", len(s.SMS(t)))
		}
		time.Sleep(50 * time.Millisecond)
	}
}
