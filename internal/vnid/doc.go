// Package vnid owns the rules for Vietnamese personal identifiers: the
// 12-digit citizen ID number (CCCD) with its birth-province and century/sex
// digits, the 10-digit social insurance code, health insurance card numbers,
// mobile phone numbers, and how each is masked for display; and the
// identifiers an obligation is looked up by: tax codes, EVN customer codes
// (with the power corporation each prefix names), vehicle plate numbers and
// penalty decision numbers (with how each is normalised).
//
// Every function is pure (no I/O, no global state). The checks accept ASCII
// digits only: Unicode digits, signs, spaces and decimal points are refused;
// an identifier typed with spaces or separators passes through its Norm
// function (NormEVNCustomerCode, NormPlate, NormDecisionNumber) first.
// Error messages never contain the value being checked.
package vnid
