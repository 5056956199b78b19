package webhook

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestSignVerify(t *testing.T) {
	secret := []byte("whsec_test_secret")
	body := []byte(`{"id":"dlv_1","event":"application.submitted"}`)
	now := time.Unix(1_800_000_000, 0)
	good := Sign(secret, now, body)
	// Known answer (openssl dgst -sha256 -hmac whsec_test_secret over "1800000000." + body).
	const want = "t=1800000000,v1=e48319eb571c9c4f589cfca2708e5165ddf9bab44e2c6d22b9e53998f5fec41d"
	if good != want {
		t.Fatalf("Sign = %q, want %q", good, want)
	}
	other := Sign([]byte("another"), now, body)
	tests := []struct {
		name   string
		secret []byte
		header string
		body   []byte
		at     time.Time
		want   error
	}{
		{"valid", secret, good, body, now, nil},
		{"valid within tolerance", secret, good, body, now.Add(4 * time.Minute), nil},
		{"rotation: second v1 matches", secret, other + "," + strings.Split(good, ",")[1], body, now, nil},
		{"tampered body", secret, good, append([]byte(nil), append(body, ' ')...), now, ErrSignatureMismatch},
		{"wrong secret", []byte("nope"), good, body, now, ErrSignatureMismatch},
		{"too old", secret, good, body, now.Add(6 * time.Minute), ErrSignatureExpired},
		{"from the future", secret, good, body, now.Add(-6 * time.Minute), ErrSignatureExpired},
		{"empty", secret, "", body, now, ErrMalformedSignature},
		{"no v1", secret, "t=1800000000", body, now, ErrMalformedSignature},
		{"no t", secret, strings.Split(good, ",")[1], body, now, ErrMalformedSignature},
		{"bad hex", secret, "t=1800000000,v1=zz", body, now, ErrMalformedSignature},
		{"short v1", secret, "t=1800000000,v1=abcd", body, now, ErrMalformedSignature},
		{"bad t", secret, "t=abc," + strings.Split(good, ",")[1], body, now, ErrMalformedSignature},
		{"timestamp swapped", secret, "t=1800000001," + strings.Split(good, ",")[1], body, now, ErrSignatureMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := verifyAt(tt.secret, tt.header, tt.body, 5*time.Minute, tt.at)
			if !errors.Is(err, tt.want) {
				t.Fatalf("verify = %v, want %v", err, tt.want)
			}
		})
	}
}
