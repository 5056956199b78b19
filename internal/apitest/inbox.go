package apitest

import (
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

var otpRE = regexp.MustCompile(`\b(\d{6})\b`)

// OTPCode returns the one-time code in an SMS text ("" when there is none).
func OTPCode(text string) string {
	if m := otpRE.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return ""
}

// Inbox reads OTP codes from the messages a server sent, each message once:
// the SMS file sink (Server.Inbox) or a fake gateway (NewInbox).
type Inbox struct {
	sent func(testing.TB) []SMS
	mu   sync.Mutex
	seen map[string]bool
}

// NewInbox reads the messages sent returns (e.g. a fake SMS gateway's).
func NewInbox(sent func(testing.TB) []SMS) *Inbox {
	return &Inbox{sent: sent, seen: map[string]bool{}}
}

var (
	inboxesMu sync.Mutex
	inboxes   = map[string]*Inbox{}
)

// Inbox reads the SMS file sink. Servers on one database share the sink and
// so the inbox: a code read through one is not read again through the other.
func (s *Server) Inbox() *Inbox {
	inboxesMu.Lock()
	defer inboxesMu.Unlock()
	in, ok := inboxes[s.Config.DataDir]
	if !ok {
		in = NewInbox(s.SMS)
		inboxes[s.Config.DataDir] = in
	}
	return in
}

// OTP reads the SMS to phone (any form) and returns its code; see Inbox.OTP.
func (s *Server) OTP(t testing.TB, phone string) string {
	t.Helper()
	return s.Inbox().OTP(t, phone)
}

func smsKey(m SMS) string { return m.To + "|" + m.Text + "|" + m.At.String() }

// isOTPTo reports whether m is an OTP message to the normalised phone to.
func isOTPTo(m SMS, to string) bool {
	if n, _ := vnid.NormalizeMobile(m.To); n != to {
		return false
	}
	return (m.Purpose == notify.PurposeOTP || m.Purpose == "") && otpRE.MatchString(m.Text)
}

func normalPhone(t testing.TB, phone string) string {
	t.Helper()
	to, err := vnid.NormalizeMobile(phone)
	if err != nil {
		t.Fatalf("phone %q: %v", phone, err)
	}
	return to
}

// OTP waits (up to 15 s) for the next unread OTP message to phone and returns
// its code; it fails the test when none arrives.
func (in *Inbox) OTP(t testing.TB, phone string) string {
	t.Helper()
	to := normalPhone(t, phone)
	deadline := time.Now().Add(15 * time.Second)
	for {
		if code, ok := in.next(t, to); ok {
			return code
		}
		if time.Now().After(deadline) {
			t.Fatalf("OTP SMS to %s: got none within 15 s, want one", vnid.MaskPhone(to))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Poll returns the code of the next unread OTP message to phone, if one has
// arrived, without waiting.
func (in *Inbox) Poll(t testing.TB, phone string) (string, bool) {
	t.Helper()
	return in.next(t, normalPhone(t, phone))
}

func (in *Inbox) next(t testing.TB, to string) (string, bool) {
	t.Helper()
	msgs := in.sent(t)
	in.mu.Lock()
	defer in.mu.Unlock()
	for _, m := range msgs {
		if k := smsKey(m); !in.seen[k] && isOTPTo(m, to) {
			in.seen[k] = true
			return otpRE.FindStringSubmatch(m.Text)[1], true
		}
	}
	return "", false
}

// Skip marks every OTP message to phone sent so far as read, so that the next
// OTP is the answer to a request sent after it.
func (in *Inbox) Skip(t testing.TB, phone string) {
	t.Helper()
	to := normalPhone(t, phone)
	msgs := in.sent(t)
	in.mu.Lock()
	defer in.mu.Unlock()
	for _, m := range msgs {
		if isOTPTo(m, to) {
			in.seen[smsKey(m)] = true
		}
	}
}

// Count is the number of messages to phone with purpose sent so far.
func (in *Inbox) Count(t testing.TB, phone, purpose string) int {
	t.Helper()
	to := normalPhone(t, phone)
	n := 0
	for _, m := range in.sent(t) {
		if nm, _ := vnid.NormalizeMobile(m.To); nm == to && m.Purpose == purpose {
			n++
		}
	}
	return n
}
