package application

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/relay"
)

// Get returns the application with id if the caller may see it (see
// visible); apperr.ErrNotFound otherwise, exactly as for an ID that does not
// exist.
func (s *Service) Get(ctx context.Context, id int64) (Application, error) {
	notFound := fmt.Errorf("application %d: %w", id, apperr.ErrNotFound)
	actor := auth.FromContext(ctx)
	if actor.Kind == auth.Anonymous || id <= 0 {
		return Application{}, notFound
	}
	var row appRow
	err := s.db.GetContext(ctx, &row, `SELECT `+appColumns+` FROM applications WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return Application{}, notFound
	}
	if err != nil {
		return Application{}, fmt.Errorf("load application %d: %w", id, err)
	}
	ok, err := s.visible(ctx, row, actor)
	if err != nil {
		return Application{}, err
	}
	if !ok {
		return Application{}, notFound
	}
	return row.application()
}

// Amendments lists the applications amending id that the caller may read,
// oldest first (at most MaxGetMany).
func (s *Service) Amendments(ctx context.Context, id int64) ([]Application, error) {
	var ids []int64
	if err := s.db.SelectContext(ctx, &ids, `SELECT id FROM applications WHERE amends_id = $1
		ORDER BY submitted_at, id LIMIT $2`, id, MaxGetMany); err != nil {
		return nil, fmt.Errorf("amendments of application %d: %w", id, err)
	}
	apps, err := s.GetMany(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Application, 0, len(apps))
	for _, a := range apps {
		if a != nil {
			out = append(out, *a)
		}
	}
	return out, nil
}

// MaxGetMany bounds GetMany (like nodes(ids:)).
const MaxGetMany = 100

// GetMany returns the applications of ids in the caller's view, in the order
// of ids, with nil for one that does not exist or that the caller may not
// see: one query, the visibility rule in its WHERE clause.
func (s *Service) GetMany(ctx context.Context, ids []int64) ([]*Application, error) {
	out := make([]*Application, len(ids))
	actor := auth.FromContext(ctx)
	if len(ids) > MaxGetMany {
		return nil, apperr.New(apperr.BadUserInput, fmt.Sprintf("at most %d applications at once", MaxGetMany))
	}
	var where string
	var reps []int64
	args := []any{pq.Array(ids)}
	switch {
	case actor.Kind == auth.Citizen && actor.AccountID != 0:
		var err error
		if reps, err = s.represented(ctx, actor); err != nil {
			return nil, err
		}
		where = "((account_id = $2 AND enterprise_id IS NULL) OR enterprise_id = ANY($3))"
		args = append(args, actor.AccountID, pq.Array(reps))
	case actor.Kind == auth.Agency && actor.AgencyCode != "":
		where = "agency_code = $2"
		args = append(args, actor.AgencyCode)
	default:
		return out, nil
	}
	var rows []appRow
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+appColumns+` FROM applications
		WHERE id = ANY($1) AND `+where, args...); err != nil {
		return nil, fmt.Errorf("load applications: %w", err)
	}
	byID := make(map[int64]*Application, len(rows))
	for _, row := range rows {
		if !visibleTo(row, actor, reps) { // the same rule, kept in one place for Get
			continue
		}
		app, err := row.application()
		if err != nil {
			return nil, err
		}
		byID[row.ID] = &app
	}
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// History returns an application's events, oldest first. The caller has
// obtained app through an authorised read (Get, a list).
func (s *Service) History(ctx context.Context, app Application) ([]Event, error) {
	var rows []struct {
		At              time.Time `db:"at"`
		Status          string    `db:"status"`
		Action          string    `db:"action"`
		Actor           string    `db:"actor"`
		Note            string    `db:"note"`
		AppointmentDate time.Time `db:"appointment_date"`
	}
	err := s.db.SelectContext(ctx, &rows, `SELECT at, status, action, actor, note, appointment_date
		FROM application_events WHERE application_id = $1 ORDER BY id`, app.ID)
	if err != nil {
		return nil, fmt.Errorf("history of application %d: %w", app.ID, err)
	}
	out := make([]Event, len(rows))
	for i, r := range rows {
		out[i] = Event{At: r.At, Status: Status(r.Status), Action: Action(r.Action), Actor: ActorKind(r.Actor),
			Note: r.Note, AppointmentDate: dateColumn(r.AppointmentDate)}
	}
	return out, nil
}

// Connection is one page of applications.
type Connection struct {
	Items       []Application
	Cursors     []string
	TotalCount  int
	HasNextPage bool
}

// EndCursor is the cursor of the last item, nil for an empty page.
func (c Connection) EndCursor() *string {
	if len(c.Cursors) == 0 {
		return nil
	}
	return &c.Cursors[len(c.Cursors)-1]
}

// Page asks for first items after a cursor.
type Page struct {
	First int
	After string
}

type cursor struct {
	At time.Time `json:"t"`
	ID int64     `json:"i"`
}

var errBadCursor = apperr.New(apperr.BadUserInput, "after is not a cursor of this list")

func decodeCursor(after string) (*cursor, error) {
	if after == "" {
		return nil, nil
	}
	var c cursor
	if err := relay.DecodeCursor(after, &c); err != nil || c.ID <= 0 {
		return nil, errBadCursor
	}
	return &c, nil
}

// Mine lists the calling citizen's applications, newest first: their own
// and those of the enterprises they represent.
func (s *Service) Mine(ctx context.Context, p Page) (Connection, error) {
	actor, err := auth.RequireCitizen(ctx)
	if err != nil {
		return Connection{}, err
	}
	c, err := decodeCursor(p.After)
	if err != nil {
		return Connection{}, err
	}
	ents, err := s.represented(ctx, actor)
	if err != nil {
		return Connection{}, err
	}
	where := ` FROM applications WHERE ((account_id = $1 AND enterprise_id IS NULL) OR enterprise_id = ANY($2))`
	q := `SELECT ` + appColumns + where
	args := []any{actor.AccountID, pq.Array(ents), p.First + 1}
	if c != nil {
		q += ` AND (submitted_at, id) < ($4, $5)`
		args = append(args, c.At, c.ID)
	}
	q += ` ORDER BY submitted_at DESC, id DESC LIMIT $3`
	return s.page(ctx, p, q, args, `SELECT count(*)`+where, actor.AccountID, pq.Array(ents))
}

// Page defaults when first is not given (the schema's defaults of first; a
// test keeps them equal): a citizen's own applications, an agency's inbox.
const (
	DefaultPageSize      = 20
	DefaultInboxPageSize = 50
)

// Inbox lists the applications routed to the calling agency, oldest first,
// optionally only those in one status.
func (s *Service) Inbox(ctx context.Context, status *Status, p Page) (Connection, error) {
	actor, err := auth.RequireAgencyScope(ctx, auth.ScopeApplications)
	if err != nil {
		return Connection{}, err
	}
	c, err := decodeCursor(p.After)
	if err != nil {
		return Connection{}, err
	}
	var st sql.NullString
	if status != nil {
		st = sql.NullString{String: string(*status), Valid: true}
	}
	where := ` FROM applications WHERE agency_code = $1 AND ($2::text IS NULL OR status = $2)`
	q := `SELECT ` + appColumns + where
	args := []any{actor.AgencyCode, st, p.First + 1}
	if c != nil {
		q += ` AND (submitted_at, id) > ($4, $5)`
		args = append(args, c.At, c.ID)
	}
	q += ` ORDER BY submitted_at, id LIMIT $3`
	return s.page(ctx, p, q, args, `SELECT count(*)`+where, actor.AgencyCode, st)
}

func (s *Service) page(ctx context.Context, p Page, q string, args []any, countQ string, countArgs ...any) (Connection, error) {
	var rows []appRow
	if err := s.db.SelectContext(ctx, &rows, q, args...); err != nil {
		return Connection{}, fmt.Errorf("list applications: %w", err)
	}
	var out Connection
	if err := s.db.GetContext(ctx, &out.TotalCount, countQ, countArgs...); err != nil {
		return Connection{}, fmt.Errorf("count applications: %w", err)
	}
	if len(rows) > p.First {
		rows, out.HasNextPage = rows[:p.First], true
	}
	for _, r := range rows {
		app, err := r.application()
		if err != nil {
			return Connection{}, err
		}
		out.Items = append(out.Items, app)
		out.Cursors = append(out.Cursors, relay.EncodeCursor(cursor{At: r.SubmittedAt, ID: r.ID}))
	}
	return out, nil
}

// Track is the public status lookup: the application with this code whose
// applicant has this ID number, or apperr.ErrNotFound (the same whichever of
// the two did not match). Rate limited per client IP. A code or ID number
// holding characters neither can hold (NUL, control characters) is a
// validation error at ["code"] or ["idNumber"].
func (s *Service) Track(ctx context.Context, code, idNumber string) (Application, error) {
	if err := s.limiter.Enforce(ctx, "application:track:ip", s.limits.TrackPerIP, ratelimit.ClientIP(ctx)); err != nil {
		return Application{}, err
	}
	// Characters no code or ID number has (NUL, control characters) are the
	// client's mistake and answered as one; any other mismatch is not found.
	var c checkList
	c.Add(valid.Field(code, "safetext", "code"))
	c.Add(valid.Field(idNumber, "safetext", "idNumber"))
	if err := c.Err(); err != nil {
		return Application{}, err
	}
	notFound := fmt.Errorf("track application: %w", apperr.ErrNotFound)
	if !valid.OK(code, tagCode) || !valid.OK(idNumber, tagTrackIDNumber) {
		return Application{}, notFound
	}
	var row appRow
	err := s.db.GetContext(ctx, &row, `SELECT `+appColumns+` FROM applications
		WHERE code = $1 AND applicant_id_number = $2`, code, idNumber)
	if errors.Is(err, sql.ErrNoRows) {
		return Application{}, notFound
	}
	if err != nil {
		return Application{}, fmt.Errorf("track application: %w", err)
	}
	return row.application()
}
