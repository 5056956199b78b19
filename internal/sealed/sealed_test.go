package sealed

import (
	"strings"
	"testing"
)

func TestBox(t *testing.T) {
	s, err := New([]byte("0123456789abcdef0123456789abcdef"), "test/v1")
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := s.Seal("code 123456", "42")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sealed, "123456") {
		t.Fatal("sealed text contains the code")
	}
	if got, err := s.Open(sealed, "42"); err != nil || got != "code 123456" {
		t.Fatalf("open = %q, %v", got, err)
	}
	if _, err := s.Open(sealed, "43"); err == nil {
		t.Error("opened with another reference")
	}
	other, _ := New([]byte("another secret, 32 bytes long!!!"), "test/v1")
	if _, err := other.Open(sealed, "42"); err == nil {
		t.Error("opened with another key")
	}
	otherPurpose, _ := New([]byte("0123456789abcdef0123456789abcdef"), "test/v2")
	if _, err := otherPurpose.Open(sealed, "42"); err == nil {
		t.Error("opened with the key of another purpose")
	}
	if _, err := s.Open("!!", "42"); err == nil {
		t.Error("opened garbage")
	}
	if _, err := New([]byte("short"), "test/v1"); err == nil {
		t.Error("accepted a short secret")
	}
}
