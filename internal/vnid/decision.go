package vnid

import "strings"

// MaxDecisionNumber is the longest penalty decision number, in bytes once
// normalised.
const MaxDecisionNumber = 50

// NormDecisionNumber is a penalty decision number (số quyết định xử phạt) as
// its lookup key holds it: upper case, without white space
// (" 123/qđ-xphc " → "123/QĐ-XPHC").
func NormDecisionNumber(d string) string {
	return strings.ToUpper(strings.Join(strings.Fields(d), ""))
}

// ValidDecisionNumber reports whether d, normalised by NormDecisionNumber,
// can be a decision number: 1 to MaxDecisionNumber bytes. Its characters
// are the caller's check (validate's decisionnumber tag: one line of text):
// deciding units number their decisions in their own ways.
func ValidDecisionNumber(d string) bool { return d != "" && len(d) <= MaxDecisionNumber }
