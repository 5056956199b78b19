package notify

import (
	"time"

	"github.com/riverqueue/river"
)

// SMSArgs is the River job that delivers one message. The text travels
// sealed (see Notifier); the notification ID is the provider reference.
type SMSArgs struct {
	NotificationID int64      `json:"notification_id"`
	To             string     `json:"to"`
	SealedText     string     `json:"sealed_text"`
	Purpose        string     `json:"purpose"`
	ExpiresAt      *time.Time `json:"expires_at,omitempty"`
}

// Kind is the River job kind.
func (SMSArgs) Kind() string { return "notify_sms" }

// Queues returns the River queues the SMS workers need, to merge into the
// River client's configuration: QueueOTP with more workers than QueueBulk, so
// bulk messages never hold up a code.
func Queues() map[string]river.QueueConfig {
	return map[string]river.QueueConfig{
		QueueOTP:  {MaxWorkers: 20},
		QueueBulk: {MaxWorkers: 10},
	}
}
