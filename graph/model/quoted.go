package model

import (
	"bytes"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
)

// QuotedString is a String whose JSON is written once and then sent as it
// is: gqlgen's String marshaller scans every byte for escaping, and the
// captcha's picture and sound are 70 KB of data URL, the same for every
// challenge of the test provider. The bytes are graphql.MarshalString's.
type QuotedString struct{ json []byte }

// MarshalGQL writes the string's JSON.
func (q QuotedString) MarshalGQL(w io.Writer) {
	if q.json == nil {
		_, _ = io.WriteString(w, `""`)
		return
	}
	_, _ = w.Write(q.json)
}

// UnmarshalGQL reads a string (QuotedString is an output type; this makes it
// a complete scalar binding).
func (q *QuotedString) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("%T is not a string", v)
	}
	*q = quote(s)
	return nil
}

func quote(s string) QuotedString {
	var b bytes.Buffer
	graphql.MarshalString(s).MarshalGQL(&b)
	return QuotedString{json: b.Bytes()}
}

// quotedSlots remembers the last few strings Quote wrote, with their JSON
// (a picture and a sound: two strings alternate).
var (
	quotedSlots [4]atomic.Pointer[quotedSlot]
	quotedNext  atomic.Uint32
)

type quotedSlot struct {
	s string
	q QuotedString
}

// Quote returns s as a QuotedString. A string equal to one of the last few
// quoted (the test captcha's data URLs, the same for every challenge)
// reuses its JSON: comparing is a vectorised memcmp (strings that differ
// mostly differ in their first bytes), writing it again was a byte-by-byte
// scan.
func Quote(s string) QuotedString {
	for i := range quotedSlots {
		if slot := quotedSlots[i].Load(); slot != nil && slot.s == s {
			return slot.q
		}
	}
	q := quote(s)
	quotedSlots[quotedNext.Add(1)%uint32(len(quotedSlots))].Store(&quotedSlot{s, q})
	return q
}
