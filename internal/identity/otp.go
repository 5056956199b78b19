package identity

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"math/big"
	"time"
)

// Purpose says what a challenge proves.
type Purpose string

// Challenge purposes.
const (
	PurposeRegistration Purpose = "REGISTRATION"
	PurposeLogin        Purpose = "LOGIN"
)

// allPurposes are the purposes a challenge may have: VerifyOTP computes the
// given code's MAC for each (and each key version) and lets the challenge's
// row pick its own.
var allPurposes = []Purpose{PurposeLogin, PurposeRegistration}

// The OTP rules of DESIGN.md §7.
const (
	OTPDigits        = 6
	OTPValidity      = 5 * time.Minute
	OTPMaxAttempts   = 5
	OTPResendAfter   = 60 * time.Second
	OTPMaxSMS        = 5
	otpCodeSpaceSize = 1_000_000
)

// newOTPCode returns 6 uniformly random digits from crypto/rand.
func newOTPCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(otpCodeSpaceSize))
	if err != nil {
		return "", fmt.Errorf("otp code: %w", err)
	}
	return fmt.Sprintf("%0*d", OTPDigits, n.Int64()), nil
}

// otpMAC is HMAC-SHA256 over challenge ID, purpose and code, with the key of
// version. The parts are NUL-separated, so no two inputs collide.
func (s *Service) otpMAC(version int, challengeID string, purpose Purpose, code string) ([]byte, error) {
	key, ok := s.otpKeys[version]
	if !ok {
		return nil, fmt.Errorf("no OTP key version %d", version)
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(challengeID))
	m.Write([]byte{0})
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write([]byte(code))
	return m.Sum(nil), nil
}
