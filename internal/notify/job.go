package notify

import "time"

// SMSArgs is the River job that delivers one message. The text travels
// sealed (see Notifier); the notification ID is the provider reference.
type SMSArgs struct {
	NotificationID int64      `json:"notification_id"`
	To             string     `json:"to"`
	SealedText     string     `json:"sealed_text"`
	Purpose        string     `json:"purpose"`
	ExpiresAt      *time.Time `json:"expires_at,omitempty"`
	Subject        string     `json:"subject,omitempty"`
}

// Kind is the River job kind.
func (SMSArgs) Kind() string { return "notify_sms" }
