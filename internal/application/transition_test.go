package application_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

func (e *env) lastSMS() string {
	e.t.Helper()
	var text string
	if err := e.db.Get(&text, `SELECT text_redacted FROM notifications ORDER BY id DESC LIMIT 1`); err != nil {
		e.t.Fatal(err)
	}
	return text
}

func TestAgencyMovesAnApplicationToCompletion(t *testing.T) {
	e := newEnv(t)
	app, err := e.reissue(e.citizen(personA), personASI, "LOST", postal(), "k")
	if err != nil {
		t.Fatal(err)
	}
	bhxh := agency("BHXH")
	steps := []struct {
		action application.Action
		note   string
		want   application.Status
		sms    string // "" when the citizen is not told
	}{
		{application.ActionReceive, "", application.StatusReceived, "DVC: Ho so " + app.Code + ": da duoc tiep nhan."},
		{application.ActionStartProcessing, "", application.StatusProcessing, ""},
		{application.ActionRequestSupplement, "Thiếu tờ khai TK1-TS", application.StatusSupplementRequested, "DVC: Ho so " + app.Code + " can bo sung giay to: Thieu to khai TK1-TS"},
		{application.ActionStartProcessing, "", application.StatusProcessing, ""},
		{application.ActionMarkResultReady, "", application.StatusResultReady, "DVC: Ho so " + app.Code + ": da co ket qua."},
		{application.ActionComplete, "", application.StatusCompleted, "DVC: Ho so " + app.Code + ": da hoan thanh."},
	}
	for _, s := range steps {
		before := e.count("notifications")
		got, err := e.svc.Transition(bhxh, application.TransitionInput{ApplicationID: app.ID, Action: s.action, Note: s.note})
		if err != nil {
			t.Fatalf("%s: %v", s.action, err)
		}
		if got.Status != s.want {
			t.Fatalf("%s: status %s, want %s", s.action, got.Status, s.want)
		}
		sent := e.count("notifications") - before
		switch {
		case s.sms == "" && sent != 0:
			t.Fatalf("%s: %d SMS, want none", s.action, sent)
		case s.sms != "" && (sent != 1 || e.lastSMS() != s.sms):
			t.Fatalf("%s: SMS %q (%d), want %q", s.action, e.lastSMS(), sent, s.sms)
		}
	}
	hist, err := e.svc.History(context.Background(), app)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 7 || hist[0].Action != application.ActionSubmit || hist[0].Actor != application.ActorCitizen ||
		hist[6].Status != application.StatusCompleted || hist[6].Actor != application.ActorAgency || hist[3].Note != "Thiếu tờ khai TK1-TS" {
		t.Fatalf("history %+v", hist)
	}
	// Closed: nothing moves it any more, and a new reissue may be opened.
	_, err = e.svc.Transition(bhxh, application.TransitionInput{ApplicationID: app.ID, Action: application.ActionReject, Note: "x"})
	wantUserError(t, err, apperr.CodeInvalidTransition, "action")
	if _, err := e.reissue(e.citizen(personA), personASI, "DAMAGED", postal(), "k2"); err != nil {
		t.Fatalf("reissue after completion: %v", err)
	}
}

func TestRefusedMovesChangeNothing(t *testing.T) {
	e := newEnv(t)
	app, err := e.reissue(e.citizen(personA), personASI, "LOST", postal(), "k")
	if err != nil {
		t.Fatal(err)
	}
	later := time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)
	earlier := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		ctx  context.Context
		in   application.TransitionInput
		code string
		path []string
	}{
		{"complete before processing", agency("BHXH"), application.TransitionInput{ApplicationID: app.ID, Action: application.ActionComplete}, apperr.CodeInvalidTransition, []string{"action"}},
		{"a citizen's action", agency("BHXH"), application.TransitionInput{ApplicationID: app.ID, Action: application.ActionCancel}, apperr.CodeInvalidTransition, []string{"action"}},
		{"unknown action", agency("BHXH"), application.TransitionInput{ApplicationID: app.ID, Action: "TELEPORT"}, apperr.CodeInvalidTransition, []string{"action"}},
		{"another agency's key", agency("THUE"), application.TransitionInput{ApplicationID: app.ID, Action: application.ActionReceive}, apperr.CodeInvalid, []string{"applicationId"}},
		{"unknown application", agency("BHXH"), application.TransitionInput{ApplicationID: 999999, Action: application.ActionReceive}, apperr.CodeInvalid, []string{"applicationId"}},
		{"reject without reason", agency("BHXH"), application.TransitionInput{ApplicationID: app.ID, Action: application.ActionReject, Note: " "}, apperr.CodeRequired, []string{"note"}},
		{"note with control characters", agency("BHXH"), application.TransitionInput{ApplicationID: app.ID, Action: application.ActionReject, Note: "a\x07b"}, apperr.CodeInvalid, []string{"note"}},
		{"reschedule without date", agency("BHXH"), application.TransitionInput{ApplicationID: app.ID, Action: application.ActionReschedule, Note: "quá tải"}, apperr.CodeRequired, []string{"newAppointmentDate"}},
		{"reschedule earlier", agency("BHXH"), application.TransitionInput{ApplicationID: app.ID, Action: application.ActionReschedule, Note: "quá tải", NewAppointmentDate: &earlier}, apperr.CodeInvalid, []string{"newAppointmentDate"}},
		{"reschedule without reason", agency("BHXH"), application.TransitionInput{ApplicationID: app.ID, Action: application.ActionReschedule, NewAppointmentDate: &later}, apperr.CodeRequired, []string{"note"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := e.written()
			_, err := e.svc.Transition(tt.ctx, tt.in)
			wantUserError(t, err, tt.code, tt.path...)
			if after := e.written(); after != before {
				t.Fatalf("rows written: %v -> %v", before, after)
			}
		})
	}
	if _, err := e.svc.Transition(e.citizen(personA), application.TransitionInput{ApplicationID: app.ID, Action: application.ActionReceive}); err != apperr.ErrForbidden {
		t.Fatalf("citizen transition: %v", err)
	}
	got, err := e.svc.Get(agency("BHXH"), app.ID)
	if err != nil || got.Status != application.StatusSubmitted {
		t.Fatalf("after refusals: got %+v, %v; want status %s", got, err, application.StatusSubmitted)
	}
}

func TestRescheduleApologises(t *testing.T) {
	e := newEnv(t)
	app, err := e.reissue(e.citizen(personA), personASI, "LOST", postal(), "k")
	if err != nil {
		t.Fatal(err)
	}
	later := time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)
	got, err := e.svc.Transition(agency("BHXH"), application.TransitionInput{ApplicationID: app.ID,
		Action: application.ActionReschedule, Note: "Hệ thống cấp thẻ bảo trì", NewAppointmentDate: &later})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != application.StatusSubmitted || !got.AppointmentDate.Equal(later) {
		t.Fatalf("after reschedule %+v", got)
	}
	want := "DVC: Xin loi ong/ba vi ho so " + app.Code + " chua co ket qua dung hen. Ngay hen tra ket qua moi: 10/12/2026. Ly do: He thong cap the bao tri"
	if sms := e.lastSMS(); sms != want {
		t.Fatalf("SMS %q, want %q", sms, want)
	}
}

func TestCitizenCancels(t *testing.T) {
	e := newEnv(t)
	a := e.citizen(personA)
	app, err := e.reissue(a, personASI, "LOST", postal(), "k")
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Cancel(e.citizen(personB), app.ID, "")
	wantUserError(t, err, apperr.CodeInvalid, "applicationId")
	got, err := e.svc.Cancel(a, app.ID, "")
	if err != nil || got.Status != application.StatusCancelled {
		t.Fatalf("cancel: %+v %v", got, err)
	}
	// Not after the agency has received it.
	app2, err := e.reissue(a, personASI, "LOST", postal(), "k2")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Transition(agency("BHXH"), application.TransitionInput{ApplicationID: app2.ID, Action: application.ActionReceive}); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Cancel(a, app2.ID, "")
	wantUserError(t, err, apperr.CodeInvalidTransition, "action")
}

func TestSupplementPausesTheClock(t *testing.T) {
	e := newEnv(t)
	a := e.citizen(personA)
	app, err := e.reissue(a, personASI, "LOST", postal(), "k")
	if err != nil {
		t.Fatal(err)
	}
	bhxh := agency("BHXH")
	for _, act := range []application.Action{application.ActionReceive, application.ActionStartProcessing} {
		if _, err := e.svc.Transition(bhxh, application.TransitionInput{ApplicationID: app.ID, Action: act}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.svc.Transition(bhxh, application.TransitionInput{ApplicationID: app.ID, Action: application.ActionRequestSupplement, Note: "thiếu ảnh"}); err != nil {
		t.Fatal(err)
	}
	// The request was made on Tuesday 24/11; the citizen supplies the
	// documents on Thursday 26/11: two working days of pause.
	e.clock = now.AddDate(0, 0, 2)
	got, err := e.svc.Supplement(a, app.ID, "đã bổ sung")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != application.StatusProcessing || application.FormatDate(got.AppointmentDate) != "03/12/2026" {
		t.Fatalf("after supplement: %s due %s, want PROCESSING due 03/12/2026", got.Status, application.FormatDate(got.AppointmentDate))
	}
}

func TestReading(t *testing.T) {
	e := newEnv(t)
	a, b := e.citizen(personA), e.citizen(personB)
	var mine []application.Application
	for i, reason := range []string{"LOST"} {
		app, err := e.reissue(a, personASI, reason, postal(), "a"+string(rune('0'+i)))
		if err != nil {
			t.Fatal(err)
		}
		mine = append(mine, app)
	}
	tax := application.SubmitInput{ServiceCode: "PIT-FINALISATION", CaseCode: "PIT", FormData: map[string]any{"taxCode": "0101234567"},
		Delivery: application.Delivery{Method: "ELECTRONIC"}, IdempotencyKey: "t", Captcha: e.captchaAnswer()}
	app, err := e.svc.Submit(a, tax)
	if err != nil {
		t.Fatal(err)
	}
	mine = append(mine, app)
	other, err := e.reissue(b, personBSI, "LOST", postal(), "b")
	if err != nil {
		t.Fatal(err)
	}

	// Who sees what, by ID.
	for _, tt := range []struct {
		name string
		ctx  context.Context
		id   int64
		want bool
	}{
		{"owner", a, mine[0].ID, true},
		{"routed agency", agency("BHXH"), mine[0].ID, true},
		{"another citizen", b, mine[0].ID, false},
		{"another agency", agency("THUE"), mine[0].ID, false},
		{"anonymous", context.Background(), mine[0].ID, false},
		{"unknown", a, 987654, false},
	} {
		_, err := e.svc.Get(tt.ctx, tt.id)
		ok := err == nil
		if (err != nil && !errors.Is(err, apperr.ErrNotFound)) || ok != tt.want {
			t.Errorf("%s: visible=%v (%v), want %v", tt.name, ok, err, tt.want)
		}
	}

	// The citizen's list: newest first, paged.
	p1, err := e.svc.Mine(a, application.Page{First: 1})
	if err != nil {
		t.Fatal(err)
	}
	if p1.TotalCount != 2 || !p1.HasNextPage || len(p1.Items) != 1 {
		t.Fatalf("page 1 %+v", p1)
	}
	p2, err := e.svc.Mine(a, application.Page{First: 1, After: *p1.EndCursor()})
	if err != nil {
		t.Fatal(err)
	}
	if p2.HasNextPage || len(p2.Items) != 1 || p1.Items[0].ID == p2.Items[0].ID {
		t.Fatalf("page 2 %+v", p2)
	}
	if _, err := e.svc.Mine(a, application.Page{First: 1, After: "garbage"}); err == nil {
		t.Fatal("a garbage cursor was accepted")
	}
	if _, err := e.svc.Mine(agency("BHXH"), application.Page{First: 5}); err == nil {
		t.Fatalf("agency listing citizens' applications: %v", err)
	}

	// The agency inbox: oldest first, its own only, by status.
	inbox, err := e.svc.Inbox(agency("BHXH"), nil, application.Page{First: 10})
	if err != nil {
		t.Fatal(err)
	}
	if inbox.TotalCount != 2 || inbox.Items[0].ID != mine[0].ID || inbox.Items[1].ID != other.ID {
		t.Fatalf("inbox %+v", inbox)
	}
	received := application.StatusReceived
	if in, err := e.svc.Inbox(agency("BHXH"), &received, application.Page{First: 10}); err != nil || in.TotalCount != 0 {
		t.Fatalf("received inbox %+v %v", in, err)
	}
	if in, err := e.svc.Inbox(agency("THUE"), nil, application.Page{First: 10}); err != nil || in.TotalCount != 1 || in.Items[0].ServiceCode != "PIT-FINALISATION" {
		t.Fatalf("THUE inbox %+v %v", in, err)
	}

	// Tracking: code and ID number must both match.
	for _, tt := range []struct {
		code, id string
		want     bool
	}{
		{mine[0].Code, personA, true},
		{mine[0].Code, personB, false},
		{other.Code, personA, false},
		{"BHXH-20261124-999999", personA, false},
		{strings.Repeat("x", 500), personA, false},
	} {
		_, err := e.svc.Track(context.Background(), tt.code, tt.id)
		ok := err == nil
		if (err != nil && !errors.Is(err, apperr.ErrNotFound)) || ok != tt.want {
			t.Errorf("track %s/%s: %v %v, want %v", tt.code, tt.id, ok, err, tt.want)
		}
	}
}

func TestTrackingIsRateLimited(t *testing.T) {
	limits := ratelimit.Defaults
	limits.TrackPerIP = ratelimit.Limit{Max: 30, Window: 10 * time.Minute}
	e := newEnvLimits(t, &limits)
	var err error
	for i := 0; i < 40 && (err == nil || errors.Is(err, apperr.ErrNotFound)); i++ {
		_, err = e.svc.Track(context.Background(), "BHXH-20261124-000001", personA)
	}
	if code, ok := apperr.CodeOf(err); !ok || code != apperr.RateLimited {
		t.Fatalf("after 40 lookups: %v", err)
	}
}

// watcher is a handler that overrides one optional step (OnTransition) and
// keeps the rest of the handler it wraps.
type watcher struct {
	application.Handler
	mu    sync.Mutex
	moves []string
}

func (w *watcher) OnTransition(_ context.Context, app application.Application, from application.Status) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.moves = append(w.moves, string(from)+"->"+string(app.Status))
	return nil
}

func TestHandlerIsToldOfCommittedMoves(t *testing.T) {
	w := &watcher{}
	e := newEnvWith(t, func(h application.Handler) application.Handler { w.Handler = h; return w })
	app, err := e.reissue(e.citizen(personA), personASI, "LOST", postal(), "k")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Transition(agency("BHXH"), application.TransitionInput{ApplicationID: app.ID, Action: application.ActionReceive}); err != nil {
		t.Fatal(err)
	}
	// A refused move is not reported.
	if _, err := e.svc.Transition(agency("BHXH"), application.TransitionInput{ApplicationID: app.ID, Action: application.ActionComplete}); err == nil {
		t.Fatal("got COMPLETE from RECEIVED accepted, want refused")
	}
	if got, want := w.moves, []string{"SUBMITTED->RECEIVED"}; !slices.Equal(got, want) {
		t.Fatalf("got moves %v, want %v", got, want)
	}
}
