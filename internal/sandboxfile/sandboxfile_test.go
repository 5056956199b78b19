package sandboxfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var errBad = errors.New("persons[3].phone: not a mobile number")

func parse(r io.Reader) (string, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return "", err
	}
	if string(b) == "bad" {
		return "", errBad
	}
	return string(b), nil
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(good, []byte("from file"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("bad"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, path, builtin, want, wantErr string
	}{
		{"built-in when no path", "", "built in", "built in", ""},
		{"the named file", good, "built in", "from file", ""},
		{"a bad built-in file", "", "bad", "", "built-in personas file: persons[3].phone"},
		{"a bad named file", bad, "built in", "", "personas file " + bad + ": persons[3].phone"},
		{"a missing file", filepath.Join(dir, "none.json"), "built in", "", "open personas file"},
	} {
		got, err := Read(tt.path, []byte(tt.builtin), "personas file", parse)
		if tt.wantErr == "" {
			if err != nil || got != tt.want {
				t.Errorf("%s: got %q, %v; want %q, nil", tt.name, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
			t.Errorf("%s: got error %v, want one starting %q", tt.name, err, tt.wantErr)
		}
		if strings.Contains(tt.wantErr, "persons[3]") && !errors.Is(err, errBad) {
			t.Errorf("%s: the parse error is not wrapped: %v", tt.name, err)
		}
	}
}
