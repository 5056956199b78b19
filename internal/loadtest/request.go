package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// requestSpec is the one GraphQL request every worker sends.
type requestSpec struct {
	url           string
	query         string
	variables     string // JSON object or ""
	operationName string
	get           bool
	headers       [][2]string
}

// prepared is a requestSpec turned into bytes once, so workers only copy.
type prepared struct {
	method string
	url    string
	body   []byte // nil for GET
	header http.Header
}

func (s requestSpec) prepare() (prepared, error) {
	p := prepared{url: s.url, header: http.Header{}}
	p.header.Set("Accept", "application/graphql-response+json, application/json")
	var vars json.RawMessage
	if s.variables != "" {
		if !json.Valid([]byte(s.variables)) {
			return p, fmt.Errorf("-variables is not valid JSON")
		}
		vars = json.RawMessage(s.variables)
	}
	if s.get {
		u, err := url.Parse(s.url)
		if err != nil {
			return p, fmt.Errorf("parse -url: %w", err)
		}
		q := u.Query()
		q.Set("query", s.query)
		if vars != nil {
			q.Set("variables", string(vars))
		}
		if s.operationName != "" {
			q.Set("operationName", s.operationName)
		}
		u.RawQuery = q.Encode()
		p.method, p.url = http.MethodGet, u.String()
	} else {
		body, err := json.Marshal(struct {
			Query         string          `json:"query"`
			Variables     json.RawMessage `json:"variables,omitempty"`
			OperationName string          `json:"operationName,omitempty"`
		}{s.query, vars, s.operationName})
		if err != nil {
			return p, fmt.Errorf("encode request body: %w", err)
		}
		p.method, p.body = http.MethodPost, body
		p.header.Set("Content-Type", "application/json")
	}
	for _, h := range s.headers {
		p.header.Add(h[0], h[1])
	}
	return p, nil
}

// newRequest builds a fresh *http.Request for one send.
func (p prepared) newRequest() (*http.Request, error) {
	var body io.Reader
	if p.body != nil {
		body = bytes.NewReader(p.body)
	}
	req, err := http.NewRequest(p.method, p.url, body)
	if err != nil {
		return nil, fmt.Errorf("new request: %w", err)
	}
	req.Header = p.header.Clone()
	return req, nil
}

// sample is one captured answer: what the ceiling server replays.
type sample struct {
	status      int
	contentType string
	body        []byte
}

// capture sends the request once and keeps the answer.
func capture(client *http.Client, p prepared) (sample, error) {
	req, err := p.newRequest()
	if err != nil {
		return sample{}, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return sample{}, fmt.Errorf("capture %s: %w", p.url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return sample{}, fmt.Errorf("capture %s: read body: %w", p.url, err)
	}
	return sample{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), body: body}, nil
}
