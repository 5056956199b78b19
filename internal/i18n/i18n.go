// Package i18n owns the request language (Vietnamese by default, English on
// request) and the localized text type that every user-facing string uses.
package i18n

import (
	"context"
	"strings"
)

// Lang is a language the portal speaks.
type Lang string

// The languages the portal speaks. VI is the default.
const (
	VI Lang = "vi"
	EN Lang = "en"
)

// Text is a string in both languages. En may be empty; In falls back to Vi.
type Text struct {
	Vi string `json:"vi"`
	En string `json:"en,omitempty"`
}

// T builds a Text.
func T(vi, en string) Text { return Text{Vi: vi, En: en} }

// In returns the text in lang, falling back to Vietnamese.
func (t Text) In(lang Lang) string {
	if lang == EN && t.En != "" {
		return t.En
	}
	return t.Vi
}

type ctxKey struct{}

// WithLang returns a context carrying lang.
func WithLang(ctx context.Context, lang Lang) context.Context {
	return context.WithValue(ctx, ctxKey{}, lang)
}

// FromContext returns the request language, VI when none was set.
func FromContext(ctx context.Context) Lang {
	if l, ok := ctx.Value(ctxKey{}).(Lang); ok {
		return l
	}
	return VI
}

// ParseAcceptLanguage picks VI or EN from an Accept-Language header value,
// honouring the order (and q=0 exclusions) the client gave. Anything else is VI.
func ParseAcceptLanguage(header string) Lang {
	best, bestQ := VI, -1.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		tag = strings.ToLower(strings.TrimSpace(tag))
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			q = parseQ(v)
		}
		var lang Lang
		switch {
		case tag == "vi" || strings.HasPrefix(tag, "vi-"):
			lang = VI
		case tag == "en" || strings.HasPrefix(tag, "en-"):
			lang = EN
		default:
			continue
		}
		if q > bestQ && q > 0 {
			best, bestQ = lang, q
		}
	}
	return best
}

func parseQ(s string) float64 {
	// q-values are 0, 1 or 0.xxx; anything malformed counts as 0 (ignored).
	switch {
	case s == "1" || strings.HasPrefix(s, "1."):
		return 1
	case strings.HasPrefix(s, "0."):
		v, scale := 0.0, 0.1
		for _, c := range s[2:] {
			if c < '0' || c > '9' {
				return 0
			}
			v += float64(c-'0') * scale
			scale /= 10
		}
		return v
	default:
		return 0
	}
}
