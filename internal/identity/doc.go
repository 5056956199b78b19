// Package identity owns citizen accounts and how a citizen proves who they
// are: registration against the identity registry, password hashes
// (argon2id), SMS one-time-password challenges, lockout, sessions (the
// "dvcs_" bearer tokens) and the security audit log. Its tables are
// identity_accounts, identity_auth_failures, identity_otp_challenges,
// identity_sessions and identity_audit_events; other packages reach them only
// through this package's API.
//
// The rules are those of DESIGN.md §7: one generic INVALID_CREDENTIALS at the
// same cost whether an ID number exists or not, one REGISTRY_MISMATCH whatever
// field differs, OTP attempts counted in the database before the comparison,
// every state change (with the SMS it causes) in one transaction.
package identity
