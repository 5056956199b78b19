package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// HTTPProvider posts each message as JSON {to, text, purpose, reference} to
// an SMS gateway with "Authorization: Bearer <token>" and an
// "Idempotency-Key: <reference>" header, so the gateway can de-duplicate a
// message retried after a timeout. 2xx is delivered; 408, 429 and 5xx are
// retried; other statuses are permanent (ErrRejected).
type HTTPProvider struct {
	url    string
	token  string
	client *http.Client
}

// NewHTTPProvider returns a provider for the gateway at rawURL; timeout
// bounds each request (0 means 10 s).
func NewHTTPProvider(rawURL, token string, timeout time.Duration) (*HTTPProvider, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("SMS http provider: SMS_HTTP_URL must be an http(s) URL")
	}
	if token == "" {
		return nil, errors.New("SMS http provider: SMS_HTTP_TOKEN is empty")
	}
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	return &HTTPProvider{url: rawURL, token: token, client: &http.Client{Timeout: timeout}}, nil
}

type httpRequest struct {
	To        string `json:"to"`
	Text      string `json:"text"`
	Purpose   string `json:"purpose"`
	Reference string `json:"reference"`
}

// Send posts m to the gateway.
func (p *HTTPProvider) Send(ctx context.Context, m Message) error {
	body, err := json.Marshal(httpRequest(m))
	if err != nil {
		return fmt.Errorf("SMS gateway: encode: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("SMS gateway: request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+p.token)
	req.Header.Set("Idempotency-Key", m.Reference)
	resp, err := p.client.Do(req)
	if err != nil {
		// A *url.Error repeats the URL only, never the body.
		return fmt.Errorf("SMS gateway: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	switch code := resp.StatusCode; {
	case code >= 200 && code < 300:
		return nil
	case code == http.StatusRequestTimeout, code == http.StatusTooManyRequests, code >= 500:
		return fmt.Errorf("SMS gateway: status %d", code)
	default:
		return fmt.Errorf("SMS gateway: status %d: %w", code, ErrRejected)
	}
}
