// Package model holds the GraphQL types: gqlgen's generated models
// (models_gen.go) and the hand-written scalars (this file).
package model

import (
	"encoding/json"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

// MarshalDateTime writes t as RFC 3339 with its offset.
func MarshalDateTime(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.Format(time.RFC3339)))
	})
}

// UnmarshalDateTime reads an RFC 3339 time with an offset.
func UnmarshalDateTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, apperr.New(apperr.BadUserInput, "DateTime must be an RFC 3339 string")
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, apperr.New(apperr.BadUserInput, "DateTime must be RFC 3339 with an offset, e.g. 2026-11-24T17:00:00+07:00")
	}
	return t, nil
}

// MarshalDate writes the calendar date of t as YYYY-MM-DD.
func MarshalDate(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.Format(time.DateOnly)))
	})
}

// UnmarshalDate reads YYYY-MM-DD (midnight UTC).
func UnmarshalDate(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, apperr.New(apperr.BadUserInput, "Date must be a YYYY-MM-DD string")
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, apperr.New(apperr.BadUserInput, "Date must be YYYY-MM-DD, e.g. 2026-11-24")
	}
	return t, nil
}

// MarshalJSON writes any JSON value.
func MarshalJSON(v map[string]any) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		b, err := json.Marshal(v)
		if err != nil {
			_, _ = io.WriteString(w, "null")
			return
		}
		_, _ = w.Write(b)
	})
}

// UnmarshalJSON reads a JSON object (form data is always an object).
func UnmarshalJSON(v any) (map[string]any, error) {
	if v == nil {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, apperr.New(apperr.BadUserInput, "JSON must be an object")
	}
	return m, nil
}
