package identity

import (
	"bytes"
	"testing"
)

func TestNewOTPCode(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		c, err := newOTPCode()
		if err != nil {
			t.Fatal(err)
		}
		if !valid.OK(c, "otp") {
			t.Fatalf("code %q is not 6 digits", c)
		}
		seen[c] = true
	}
	if len(seen) < 190 {
		t.Fatalf("only %d distinct codes in 200", len(seen))
	}
}

func TestValidOTPCode(t *testing.T) {
	for s, want := range map[string]bool{
		"000000": true, "123456": true, "12345": false, "1234567": false, "12345a": false,
		"-12345": false, "１２３４５６": false, "": false, "12 456": false,
	} {
		if got := valid.OK(s, "otp"); got != want {
			t.Errorf("validOTPCode(%q) = %v", s, got)
		}
	}
}

func TestOTPMACBindsEveryPart(t *testing.T) {
	s := &Service{otpKeys: map[int][]byte{1: bytes.Repeat([]byte{1}, 32), 2: bytes.Repeat([]byte{2}, 32)}}
	base, err := s.otpMAC(1, "c1", PurposeLogin, "123456")
	if err != nil {
		t.Fatal(err)
	}
	for name, mac := range map[string]func() ([]byte, error){
		"other key":       func() ([]byte, error) { return s.otpMAC(2, "c1", PurposeLogin, "123456") },
		"other challenge": func() ([]byte, error) { return s.otpMAC(1, "c2", PurposeLogin, "123456") },
		"other purpose":   func() ([]byte, error) { return s.otpMAC(1, "c1", PurposeRegistration, "123456") },
		"other code":      func() ([]byte, error) { return s.otpMAC(1, "c1", PurposeLogin, "123457") },
	} {
		m, err := mac()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(m, base) {
			t.Errorf("%s gives the same MAC", name)
		}
	}
	if _, err := s.otpMAC(3, "c1", PurposeLogin, "123456"); err == nil {
		t.Error("an unknown key version was accepted")
	}
}
