package model

import "time"

// Captcha is the GraphQL Captcha (bound in gqlgen.yml): its picture and
// sound are QuotedStrings, written as JSON once per distinct data URL.
type Captcha struct {
	ID string `json:"id"`
	// A PNG data URL.
	ImageDataURL QuotedString `json:"imageDataUrl"`
	// A WAV data URL (accessibility).
	AudioDataURL QuotedString `json:"audioDataUrl"`
	ExpiresAt    time.Time    `json:"expiresAt"`
}
