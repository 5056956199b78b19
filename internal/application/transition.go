package application

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/document"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// TransitionInput is an agency's move of an application.
type TransitionInput struct {
	ApplicationID int64
	Action        Action
	Note          string
	// NewAppointmentDate is required by RESCHEDULE (a date).
	NewAppointmentDate *time.Time
	// ResultUploadID attaches the agency's upload as the result document
	// (COMPLETE, MARK_RESULT_READY or REJECT).
	ResultUploadID string
}

// resultActions are the moves that may carry a result document.
var resultActions = map[Action]bool{ActionComplete: true, ActionMarkResultReady: true, ActionReject: true}

// Transition moves an application routed to the calling agency along its
// lifecycle. An application of another agency is refused exactly like one
// that does not exist.
func (s *Service) Transition(ctx context.Context, in TransitionInput) (Application, error) {
	actor, err := auth.RequireAgencyScope(ctx, auth.ScopeApplications)
	if err != nil {
		return Application{}, err
	}
	return s.move(ctx, actor, ActorAgency, in)
}

// Cancel is the citizen withdrawing their own application before the agency
// has received it.
func (s *Service) Cancel(ctx context.Context, applicationID int64, reason string) (Application, error) {
	actor, err := auth.RequireCitizen(ctx)
	if err != nil {
		return Application{}, err
	}
	return s.move(ctx, actor, ActorCitizen, TransitionInput{ApplicationID: applicationID, Action: ActionCancel, Note: reason})
}

// Supplement is the citizen telling the agency the requested documents are
// supplied; the processing clock runs again.
func (s *Service) Supplement(ctx context.Context, applicationID int64, note string) (Application, error) {
	actor, err := auth.RequireCitizen(ctx)
	if err != nil {
		return Application{}, err
	}
	return s.move(ctx, actor, ActorCitizen, TransitionInput{ApplicationID: applicationID, Action: ActionSupplement, Note: note})
}

// move is every status change: checks, then one transaction with the new
// status, the event, the SMS and (for a partner's service, when the citizen
// acted) the delivery to the partner.
func (s *Service) move(ctx context.Context, actor auth.Actor, who ActorKind, in TransitionInput) (Application, error) {
	var c checkList
	c.Add(valid.Field(in.Note, tagNote, "note"))
	if in.ResultUploadID != "" && (who != ActorAgency || !resultActions[in.Action] || s.documents == nil) {
		c.Append(apperr.Field(apperr.CodeInvalid, msgResultNotHere, "resultUploadId"))
	}
	if err := c.Err(); err != nil {
		return Application{}, err
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	var app Application
	var from Status
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var pausedAt sql.NullTime
		var err error
		app, pausedAt, err = s.lockApplication(ctx, tx, in.ApplicationID, actor)
		if err != nil {
			return err
		}
		from = app.Status
		m, to, err := next(app.Status, in.Action, who)
		if err != nil {
			return apperr.Invalid(apperr.Field(apperr.CodeInvalidTransition, msgInvalidTransition, "action"))
		}
		if m.noteRequired && strings.TrimSpace(in.Note) == "" {
			return apperr.Invalid(apperr.Field(apperr.CodeRequired, msgRequired, "note"))
		}
		due := app.AppointmentDate
		switch {
		case m.newDate:
			if in.NewAppointmentDate == nil {
				return apperr.Invalid(apperr.Field(apperr.CodeRequired, msgRequired, "newAppointmentDate"))
			}
			nd := vntime.DateOf(*in.NewAppointmentDate)
			if !nd.After(due) || nd.Before(vntime.DateOf(now)) {
				return apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgLaterDate, "newAppointmentDate"))
			}
			due = nd
		case m.resumesClock && pausedAt.Valid:
			// The days the citizen owed documents do not count against
			// the agency: the appointment moves by the paused working days.
			n, err := workingDaysBetween(s.calendar, pausedAt.Time, now)
			if err != nil {
				return err
			}
			if n > 0 {
				moved, err := s.calendar.Add(morningOf(due), n, catalogue.WorkingDay)
				if err != nil {
					return fmt.Errorf("resume clock of %s: %w", app.Code, err)
				}
				due = vntime.DateOf(moved)
			}
		}
		paused := pausedAt
		switch {
		case m.pausesClock:
			paused = sql.NullTime{Time: now, Valid: true}
		case m.resumesClock:
			paused = sql.NullTime{}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET status = $2, appointment_date = $3, paused_at = $4,
			updated_at = $5 WHERE id = $1`, app.ID, string(to), due, paused, now); err != nil {
			return fmt.Errorf("move application %s: %w", app.Code, err)
		}
		app.Status, app.AppointmentDate, app.UpdatedAt = to, due, now
		if err := appendEvent(ctx, tx, app.ID, Event{At: now, Status: to, Action: in.Action, Actor: who,
			Note: strings.TrimSpace(in.Note), AppointmentDate: due}, actorRef(actor)); err != nil {
			return err
		}
		if in.ResultUploadID != "" {
			err := s.documents.AttachTx(ctx, tx, []int64{app.ID}, []document.Ref{{DocumentCode: document.ResultCode, UploadID: in.ResultUploadID}},
				document.RoleResult, func(int) []string { return []string{"resultUploadId"} })
			if err != nil {
				return err
			}
		}
		if m.notify {
			if err := s.statusSMS(ctx, tx, app, in.Action, strings.TrimSpace(in.Note)); err != nil {
				return err
			}
		}
		if who == ActorCitizen && app.Handler == HandlerWebhook {
			return s.tellPartner(ctx, tx, app, in.Action)
		}
		return nil
	})
	if err != nil {
		return Application{}, err
	}
	s.afterTransition(ctx, app, from)
	return app, nil
}

// afterTransition tells the application's handler about a committed move
// (Handler.OnTransition); a failing handler is logged, the move stands.
func (s *Service) afterTransition(ctx context.Context, app Application, from Status) {
	h, ok := s.Handlers.Get(app.Handler)
	if !ok {
		return
	}
	if err := h.OnTransition(ctx, app, from); err != nil {
		s.logger.WarnContext(ctx, "handler after transition", "handler", app.Handler, "application", app.Code,
			"from", string(from), "to", string(app.Status), "error", err.Error())
	}
}

// lockApplication loads and locks an application the actor may move: the
// owner's for a citizen, one routed to the agency for an agency. Anything
// else is "no such application".
func (s *Service) lockApplication(ctx context.Context, tx *sqlx.Tx, id int64, actor auth.Actor) (Application, sql.NullTime, error) {
	var row struct {
		appRow
		PausedAt sql.NullTime `db:"paused_at"`
	}
	err := tx.GetContext(ctx, &row, `SELECT `+appColumns+`, paused_at FROM applications WHERE id = $1 FOR UPDATE`, id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Application{}, sql.NullTime{}, fmt.Errorf("load application %d: %w", id, err)
	}
	if err != nil {
		return Application{}, sql.NullTime{}, apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgNoApplication, "applicationId"))
	}
	if ok, err := s.visible(ctx, row.appRow, actor); err != nil || !ok {
		if err == nil {
			err = apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgNoApplication, "applicationId"))
		}
		return Application{}, sql.NullTime{}, err
	}
	app, err := row.appRow.application()
	return app, row.PausedAt, err
}

// visible is THE authorisation rule of applications: a citizen sees their
// own and those of the enterprises they are (now) the legal representative
// of (an enterprise's applications only so, whoever submitted them), an
// agency (with a key of scope applications) those routed to it, nobody else
// anything.
func (s *Service) visible(ctx context.Context, r appRow, actor auth.Actor) (bool, error) {
	var reps []int64
	if actor.Kind == auth.Citizen && r.EnterpriseID.Valid {
		var err error
		if reps, err = s.represented(ctx, actor); err != nil {
			return false, err
		}
	}
	return visibleTo(r, actor, reps), nil
}

// visibleTo is the rule itself, given the enterprises a citizen represents.
func visibleTo(r appRow, actor auth.Actor, represented []int64) bool {
	switch actor.Kind {
	case auth.Citizen:
		if r.EnterpriseID.Valid {
			return slices.Contains(represented, r.EnterpriseID.Int64)
		}
		return actor.AccountID != 0 && r.AccountID == actor.AccountID
	case auth.Agency:
		return actor.AgencyCode != "" && r.AgencyCode == actor.AgencyCode && actor.HasScope(auth.ScopeApplications)
	}
	return false
}

// represented lists the enterprises a citizen represents (none without the
// business registry).
func (s *Service) represented(ctx context.Context, actor auth.Actor) ([]int64, error) {
	if s.enterprises == nil || actor.IDNumber == "" {
		return nil, nil
	}
	ids, err := s.enterprises.RepresentedBy(ctx, actor.IDNumber)
	if err != nil {
		return nil, fmt.Errorf("enterprises of the caller: %w", err)
	}
	return ids, nil
}

// partnerEvents names the deliveries of the citizen's moves.
var partnerEvents = map[Action]string{
	ActionCancel:     "application.cancelled",
	ActionSupplement: "application.supplemented",
}

// tellPartner delivers a citizen's move to the partner agency that processes
// the service.
func (s *Service) tellPartner(ctx context.Context, tx *sqlx.Tx, app Application, action Action) error {
	v, err := s.catalogue.Version(ctx, app.ServiceCode, app.ServiceVersion)
	if err != nil {
		// Not found too is a fault here: the pinned version must exist.
		return fmt.Errorf("version of %s: %s", app.Code, err)
	}
	return s.handOff(ctx, tx, app, v, partnerEvents[action])
}
