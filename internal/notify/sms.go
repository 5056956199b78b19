package notify

import (
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/dvcportal/dvcportal/internal/vnid"
)

// Purposes of messages. PurposeOTP messages carry a one-time code: they go
// to jobs.QueueSMSOTP, are dropped after ExpiresAt and are stored redacted.
const (
	PurposeOTP         = "OTP"
	PurposeApplication = "APPLICATION"
	PurposeNotice      = "NOTICE"
)

// maxTextLen bounds a message: three concatenated GSM-7 segments.
const maxTextLen = 459

// SMS is one text message to a citizen.
type SMS struct {
	To        string     // a mobile number; normalised to +84 on enqueue
	Text      string     // ASCII (Render makes it so)
	Purpose   string     // PurposeOTP, PurposeApplication, ...
	ExpiresAt *time.Time // when set, the message is dropped instead of sent after this time
	// Subject, when set ("prefix:…"), names what the message is about; before
	// each attempt the worker asks the Check registered for the prefix
	// whether it is still current and drops it when not (an OTP whose
	// challenge was superseded, consumed or closed).
	Subject string
}

// validate checks sms and returns it with To normalised.
func (sms SMS) validate() (SMS, error) {
	to, err := vnid.NormalizeMobile(sms.To)
	if err != nil {
		return sms, errors.New("SMS recipient is not a mobile number")
	}
	sms.To = to
	switch {
	case sms.Text == "":
		return sms, errors.New("SMS text is empty")
	case len(sms.Text) > maxTextLen:
		return sms, fmt.Errorf("SMS text longer than %d characters", maxTextLen)
	case !utf8.ValidString(sms.Text) || ASCII(sms.Text) != sms.Text:
		return sms, errors.New("SMS text is not ASCII (render it with notify.Templates.Render)")
	case sms.Purpose == "":
		return sms, errors.New("SMS purpose is empty")
	case sms.Purpose == PurposeOTP && sms.ExpiresAt == nil:
		return sms, errors.New("OTP SMS without ExpiresAt")
	}
	return sms, nil
}

// Redact returns text with every run of four or more digits replaced by
// asterisks: how an OTP message is kept in the notifications table.
func Redact(text string) string {
	b := []byte(text)
	for i := 0; i < len(b); {
		j := i
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		if j-i >= 4 {
			for k := i; k < j; k++ {
				b[k] = '*'
			}
		}
		if j == i {
			j++
		}
		i = j
	}
	return string(b)
}
