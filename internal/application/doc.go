// Package application owns citizens' applications for public services: the
// handler router (a HandlerSet of Handlers by name; BUILTIN services are Go
// packages that register one, WEBHOOK services are data), submission with
// idempotency keys, readable codes from per-agency PostgreSQL sequences,
// appointment dates, the lifecycle (one table of allowed moves), the
// append-only event history, and reading (the citizen's list, the agency
// inbox, public tracking).
//
// Its tables are applications and application_events, and one sequence per
// agency named application_code_<agency>. Other packages reach them only
// through this package's API. Every change of state is one transaction with
// its event, its SMS job and, for WEBHOOK services, its delivery job.
package application
