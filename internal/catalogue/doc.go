// Package catalogue owns the public-service catalogue: agencies and their
// offices (the counters where results are returned), categories (fields,
// lĩnh vực), services with their immutable published versions and at most one
// draft, the catalogue change log and the catalogue revision. Its tables are
// catalogue_agencies, catalogue_offices, catalogue_categories,
// catalogue_services, catalogue_service_versions, catalogue_changes and
// catalogue_revision; other packages reach them only through this package.
//
// Reads of the public catalogue are served from an immutable in-memory
// Snapshot (Live keeps the current one): every published service with its
// current version, agencies, offices and categories, pre-localized and with a
// pre-folded search text, so a catalogue request runs no SQL at all. Publishing
// bumps catalogue_revision in the same transaction and notifies
// RevisionChannel; every process rebuilds its snapshot when the revision
// moves: woken by the notification when it listens (serve, worker: within
// milliseconds of the commit, with a back-up poll every 10 s), or at its
// next poll (every second) otherwise, so a publish in one process shows in
// every process within a few seconds at most.
//
// Writes (LoadSeed, UpsertDraft, Publish) go through Store, which validates
// everything a partner agency sends (draft_validate.go: the rules of a
// definition; every string, length and pattern through package validate)
// and keeps published versions immutable. FormDefinition.Validate
// (form_validate.go) checks submitted form data the same way.
//
// What a service does is data too: a version's ObligationKind says it pays
// an obligation an agency holds (found by findObligations, paid by
// createPayment) instead of taking applications, so agencies add paying
// services, like any other, without the code changing.
package catalogue
