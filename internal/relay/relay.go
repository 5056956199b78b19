// Package relay owns the Relay conventions of the API: opaque global IDs
// (usable with node(id:)), opaque cursors and the page arguments of every
// connection.
package relay

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

// MaxPageSize is the largest `first` any connection accepts.
const MaxPageSize = 100

// EncodeID returns the global ID of the object of typeName with key.
func EncodeID(typeName, key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(typeName + ":" + key))
}

// DecodeID splits a global ID. A malformed ID is a BAD_USER_INPUT error.
func DecodeID(id string) (typeName, key string, err error) {
	raw, err := base64.RawURLEncoding.DecodeString(id)
	if err != nil {
		return "", "", apperr.New(apperr.BadUserInput, "malformed id")
	}
	typeName, key, ok := strings.Cut(string(raw), ":")
	if !ok || typeName == "" || key == "" {
		return "", "", apperr.New(apperr.BadUserInput, "malformed id")
	}
	return typeName, key, nil
}

// EncodeIntID returns the global ID of the object of typeName whose key is
// the database ID id.
func EncodeIntID(typeName string, id int64) string {
	return EncodeID(typeName, strconv.FormatInt(id, 10))
}

// DecodeIntID returns the database ID inside gid when gid is a global ID of
// typeName with a positive integer key; ok is false for anything else.
func DecodeIntID(typeName, gid string) (id int64, ok bool) {
	typ, key, err := DecodeID(gid)
	if err != nil || typ != typeName {
		return 0, false
	}
	id, err = strconv.ParseInt(key, 10, 64)
	if err != nil || id <= 0 {
		return 0, false
	}
	return id, true
}

// Page is the validated page arguments of a connection.
type Page struct {
	First int
	After string
}

// ParsePage validates first (0..MaxPageSize, def when nil) and after.
func ParsePage(first *int, after *string, def int) (Page, error) {
	p := Page{First: def}
	if first != nil {
		p.First = *first
	}
	if p.First < 0 || p.First > MaxPageSize {
		return Page{}, apperr.New(apperr.BadUserInput, fmt.Sprintf("first must be between 0 and %d", MaxPageSize))
	}
	if after != nil {
		p.After = *after
	}
	return p, nil
}

// EncodeCursor returns an opaque cursor for position v (any JSON value).
func EncodeCursor(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Cursor positions are plain values we build ourselves.
		panic(fmt.Sprintf("relay: cursor position not encodable: %v", err))
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor decodes a cursor made by EncodeCursor into v. Garbage is a
// BAD_USER_INPUT error.
func DecodeCursor(s string, v any) error {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(raw) > 1024 {
		return apperr.New(apperr.BadUserInput, "malformed cursor")
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return apperr.New(apperr.BadUserInput, "malformed cursor")
	}
	return nil
}
