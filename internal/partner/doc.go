// Package partner owns the credentials of partner agency systems: agency API
// keys ("dvca_" followed by 32 random bytes in base64url), stored only as
// their SHA-256 in partner_api_clients with the agency, scopes and
// revocation time. Keys is an auth.Authenticator for the "dvca_" prefix: a
// valid, unrevoked key makes the caller an Agency actor of its agency.
package partner
