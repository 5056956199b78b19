package main

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"
)

// rawClient sends one prepared request over a single keep-alive HTTP/1.1
// connection without net/http's Transport (whose per-connection goroutines
// and channel hand-offs cost the load generator more CPU than the server it
// measures on a 2-core machine). Responses are parsed with http.ReadResponse,
// so chunked and Content-Length bodies both work. Plain http:// only.
type rawClient struct {
	addr    string
	request []byte // the whole request, head and body, as sent on the wire
	conn    net.Conn
	br      *bufio.Reader
}

// newRawClient serialises p once.
func newRawClient(p prepared) (*rawClient, error) {
	u, err := url.Parse(p.url)
	if err != nil {
		return nil, fmt.Errorf("parse url: %w", err)
	}
	if u.Scheme != "http" {
		return nil, fmt.Errorf("raw engine: %s is not http://", p.url)
	}
	wire, err := p.wire()
	if err != nil {
		return nil, err
	}
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(u.Hostname(), "80")
	}
	return &rawClient{addr: addr, request: wire}, nil
}

// wire is p as sent on the wire, head and body.
func (p prepared) wire() ([]byte, error) {
	req, err := p.newRequest()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := req.Write(&buf); err != nil {
		return nil, fmt.Errorf("serialise request: %w", err)
	}
	return buf.Bytes(), nil
}

// variedSender sends a new request each time (next builds it) over one raw
// keep-alive connection: the uncached page, where every request is one the
// server has not answered before.
type variedSender struct {
	raw  *rawClient
	next func() (prepared, error)
}

func (v *variedSender) do(body *bytes.Buffer) (int, error) {
	p, err := v.next()
	if err != nil {
		return 0, err
	}
	if v.raw.request, err = p.wire(); err != nil {
		return 0, err
	}
	return v.raw.do(body)
}

func (v *variedSender) close() { v.raw.close() }

// do sends the request and reads the whole answer into body (reset first).
// After any error the connection is dropped and the next call redials.
func (c *rawClient) do(body *bytes.Buffer) (status int, err error) {
	if c.conn == nil {
		conn, err := net.DialTimeout("tcp", c.addr, 10*time.Second)
		if err != nil {
			return 0, fmt.Errorf("dial %s: %w", c.addr, err)
		}
		c.conn = conn
		if c.br == nil {
			c.br = bufio.NewReaderSize(conn, 32<<10)
		} else {
			c.br.Reset(conn)
		}
	}
	if _, err := c.conn.Write(c.request); err != nil {
		c.close()
		return 0, fmt.Errorf("write request: %w", err)
	}
	resp, err := http.ReadResponse(c.br, nil)
	if err != nil {
		c.close()
		return 0, fmt.Errorf("read response: %w", err)
	}
	body.Reset()
	_, err = body.ReadFrom(resp.Body)
	resp.Body.Close()
	if err != nil {
		c.close()
		return 0, fmt.Errorf("read response body: %w", err)
	}
	if resp.Close {
		c.close()
	}
	return resp.StatusCode, nil
}

func (c *rawClient) close() {
	if c.conn != nil {
		_ = c.conn.Close() // nothing to do about a failed close of a dropped connection
		c.conn = nil
	}
}
