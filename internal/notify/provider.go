package notify

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Message is what a Provider delivers.
type Message struct {
	To        string // +84xxxxxxxxx
	Text      string
	Purpose   string
	Reference string // unique per notification, the same on every attempt
}

// Provider delivers a message to an SMS gateway. An error wrapping
// ErrRejected is permanent (the job is not retried); any other error is
// retried with backoff. Errors never contain the text or the phone.
type Provider interface {
	Send(ctx context.Context, m Message) error
}

// ErrRejected marks a permanent failure: the gateway refused the message.
var ErrRejected = errors.New("SMS rejected")

// Provider kinds (SMS_PROVIDER).
const (
	ProviderFile = "file"
	ProviderHTTP = "http"
)

// ProviderConfig selects and configures a provider.
type ProviderConfig struct {
	Kind      string        // ProviderFile or ProviderHTTP
	FilePath  string        // file: the JSON-lines sink (DVC_DATA_DIR/sms.jsonl)
	HTTPURL   string        // http: SMS_HTTP_URL
	HTTPToken string        // http: SMS_HTTP_TOKEN
	Timeout   time.Duration // http: per request; 0 means 10 s
}

// NewProvider returns the provider cfg names.
func NewProvider(cfg ProviderConfig) (Provider, error) {
	switch cfg.Kind {
	case ProviderFile:
		if cfg.FilePath == "" {
			return nil, errors.New("SMS file provider: no file path")
		}
		return NewFileProvider(cfg.FilePath), nil
	case ProviderHTTP:
		return NewHTTPProvider(cfg.HTTPURL, cfg.HTTPToken, cfg.Timeout)
	default:
		return nil, fmt.Errorf("unknown SMS provider %q (want %q or %q)", cfg.Kind, ProviderFile, ProviderHTTP)
	}
}
