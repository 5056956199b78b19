package notify

import (
	"strings"
	"testing"
)

func TestSealer(t *testing.T) {
	s, err := newSealer([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := s.seal("code 123456", "42")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sealed, "123456") {
		t.Fatal("sealed text contains the code")
	}
	if got, err := s.open(sealed, "42"); err != nil || got != "code 123456" {
		t.Fatalf("open = %q, %v", got, err)
	}
	if _, err := s.open(sealed, "43"); err == nil {
		t.Error("opened with another reference")
	}
	other, _ := newSealer([]byte("another secret, 32 bytes long!!!"))
	if _, err := other.open(sealed, "42"); err == nil {
		t.Error("opened with another key")
	}
	if _, err := s.open("!!", "42"); err == nil {
		t.Error("opened garbage")
	}
	if _, err := newSealer([]byte("short")); err == nil {
		t.Error("accepted a short secret")
	}
}
