// Package healthcard is the built-in handler of HC-REISSUE, the reissue (or
// exchange) of a health insurance card due to loss or damage, registered as
// "healthcard" (DESIGN.md §6): the social insurance code must be the
// applicant's own per the identity registry, a card must be on record and not
// expired, and only one reissue per card may be open at a time (enforced by
// the applications table's partial unique index on the handler's open key).
// The fee and appointment date come from the pinned version's ONLINE
// channel. It also owns the typed reissueHealthCard input (schema/healthcard.graphqls):
// its mapping onto a generic submission and the FieldPaths that report errors
// at the typed input's fields. It owns no tables.
//
// An expired card is refused with NO_CARD_ON_RECORD: a reissue gives a card
// with the same validity, so an expired card needs its insurance renewed (a
// different procedure), not a reissue. A card whose validity has not begun
// yet (issued ahead for the next period) can be reissued.
package healthcard
