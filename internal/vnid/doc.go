// Package vnid owns the rules for Vietnamese personal identifiers: the
// 12-digit citizen ID number (CCCD) with its birth-province and century/sex
// digits, the 10-digit social insurance code, health insurance card numbers,
// mobile phone numbers, and how each is masked for display.
//
// Every function is pure (no I/O, no global state) and accepts ASCII digits
// only: Unicode digits, signs, spaces and decimal points are refused.
// Error messages never contain the value being checked.
package vnid
