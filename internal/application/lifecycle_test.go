package application

import (
	"slices"
	"testing"
)

func TestLifecycleMoves(t *testing.T) {
	type key struct {
		from   Status
		action Action
		who    ActorKind
	}
	// Every allowed move, and where it leads. Everything else is refused.
	allowed := map[key]Status{
		{StatusSubmitted, ActionReceive, ActorAgency}:                   StatusReceived,
		{StatusSubmitted, ActionReject, ActorAgency}:                    StatusRejected,
		{StatusSubmitted, ActionReschedule, ActorAgency}:                StatusSubmitted,
		{StatusSubmitted, ActionCancel, ActorCitizen}:                   StatusCancelled,
		{StatusReceived, ActionStartProcessing, ActorAgency}:            StatusProcessing,
		{StatusReceived, ActionRequestSupplement, ActorAgency}:          StatusSupplementRequested,
		{StatusReceived, ActionReject, ActorAgency}:                     StatusRejected,
		{StatusReceived, ActionReschedule, ActorAgency}:                 StatusReceived,
		{StatusProcessing, ActionRequestSupplement, ActorAgency}:        StatusSupplementRequested,
		{StatusProcessing, ActionMarkResultReady, ActorAgency}:          StatusResultReady,
		{StatusProcessing, ActionReject, ActorAgency}:                   StatusRejected,
		{StatusProcessing, ActionReschedule, ActorAgency}:               StatusProcessing,
		{StatusSupplementRequested, ActionStartProcessing, ActorAgency}: StatusProcessing,
		{StatusSupplementRequested, ActionSupplement, ActorCitizen}:     StatusProcessing,
		{StatusSupplementRequested, ActionReject, ActorAgency}:          StatusRejected,
		{StatusSupplementRequested, ActionReschedule, ActorAgency}:      StatusSupplementRequested,
		{StatusResultReady, ActionComplete, ActorAgency}:                StatusCompleted,
	}
	actions := append(slices.Clone(actionOrder), ActionSubmit, Action("BOGUS"))
	for _, from := range Statuses {
		for _, action := range actions {
			for _, who := range []ActorKind{ActorCitizen, ActorAgency, ActorSystem} {
				want, ok := allowed[key{from, action, who}]
				_, got, err := next(from, action, who)
				switch {
				case ok && err != nil:
					t.Errorf("%s %s by %s: refused (%v), want %s", from, action, who, err, want)
				case ok && got != want:
					t.Errorf("%s %s by %s: -> %s, want %s", from, action, who, got, want)
				case !ok && err == nil:
					t.Errorf("%s %s by %s: allowed (-> %s), want refused", from, action, who, got)
				}
			}
		}
	}
}

func TestLifecycleClosedStatusesHaveNoMoves(t *testing.T) {
	for _, s := range Statuses {
		moves := append(Allowed(s, ActorAgency), Allowed(s, ActorCitizen)...)
		if s.Closed() != (len(moves) == 0) {
			t.Errorf("%s: Closed=%v but moves %v", s, s.Closed(), moves)
		}
	}
}

func TestLifecycleNotifiedStatuses(t *testing.T) {
	// The citizen is told by SMS at least of these moves (issue 5).
	for _, a := range []Action{ActionReceive, ActionRequestSupplement, ActionReject, ActionMarkResultReady, ActionReschedule, ActionComplete} {
		if !lifecycle[a].notify {
			t.Errorf("%s does not notify the citizen", a)
		}
	}
	for _, a := range []Action{ActionReject, ActionRequestSupplement, ActionReschedule} {
		if !lifecycle[a].noteRequired {
			t.Errorf("%s does not require a reason", a)
		}
	}
}

func TestStatusText(t *testing.T) {
	for _, s := range Statuses {
		if !s.Valid() || s.Text().Vi == "" || s.Text().En == "" {
			t.Errorf("status %s has no text", s)
		}
	}
	if Status("NOPE").Valid() {
		t.Error("unknown status is valid")
	}
}
