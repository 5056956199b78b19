package application

import "fmt"

// move is one row of the lifecycle table: an action, who may take it, from
// which statuses, to which status, and what it needs and causes.
type move struct {
	by   ActorKind
	from []Status
	// to is the new status; empty keeps the status (RESCHEDULE).
	to Status
	// noteRequired: the action needs a note (a reason).
	noteRequired bool
	// notify: the citizen gets an SMS.
	notify bool
	// pausesClock / resumesClock: the processing clock stops while the
	// citizen owes documents and the appointment moves by the pause.
	pausesClock, resumesClock bool
	// newDate: the action sets a later appointment date.
	newDate bool
}

// lifecycle is THE table of allowed moves (DESIGN.md §5). Nothing else in
// the code decides whether a status change is allowed.
var lifecycle = map[Action]move{
	ActionReceive: {by: ActorAgency, from: []Status{StatusSubmitted}, to: StatusReceived, notify: true},
	ActionStartProcessing: {by: ActorAgency, from: []Status{StatusReceived, StatusSupplementRequested},
		to: StatusProcessing, resumesClock: true},
	ActionRequestSupplement: {by: ActorAgency, from: []Status{StatusReceived, StatusProcessing},
		to: StatusSupplementRequested, noteRequired: true, notify: true, pausesClock: true},
	ActionSupplement: {by: ActorCitizen, from: []Status{StatusSupplementRequested},
		to: StatusProcessing, resumesClock: true},
	ActionReject: {by: ActorAgency, from: []Status{StatusSubmitted, StatusReceived, StatusProcessing, StatusSupplementRequested},
		to: StatusRejected, noteRequired: true, notify: true},
	ActionMarkResultReady: {by: ActorAgency, from: []Status{StatusProcessing}, to: StatusResultReady, notify: true},
	ActionComplete:        {by: ActorAgency, from: []Status{StatusResultReady}, to: StatusCompleted, notify: true},
	ActionReschedule: {by: ActorAgency, from: []Status{StatusSubmitted, StatusReceived, StatusProcessing, StatusSupplementRequested},
		noteRequired: true, notify: true, newDate: true},
	ActionCancel: {by: ActorCitizen, from: []Status{StatusSubmitted}, to: StatusCancelled},
}

// errMove says why the lifecycle refuses a move.
type errMove struct {
	action Action
	from   Status
	reason string
}

func (e *errMove) Error() string {
	return fmt.Sprintf("lifecycle: %s from %s: %s", e.action, e.from, e.reason)
}

// next returns the move for action taken by who on an application in status
// from, and the status it leads to. It is the only place that says whether a
// move is allowed.
func next(from Status, action Action, who ActorKind) (move, Status, error) {
	m, ok := lifecycle[action]
	if !ok {
		return move{}, "", &errMove{action, from, "not an action of the lifecycle"}
	}
	if m.by != who {
		return move{}, "", &errMove{action, from, fmt.Sprintf("only a %s may do it", m.by)}
	}
	for _, s := range m.from {
		if s == from {
			to := m.to
			if to == "" {
				to = from
			}
			return m, to, nil
		}
	}
	return move{}, "", &errMove{action, from, "not allowed from this status"}
}

// Allowed lists the actions that who may take on an application in status s,
// for clients that offer only the buttons that will work.
func Allowed(s Status, who ActorKind) []Action {
	var out []Action
	for _, a := range actionOrder {
		if _, _, err := next(s, a, who); err == nil {
			out = append(out, a)
		}
	}
	return out
}

// actionOrder is the order in which Allowed lists actions.
var actionOrder = []Action{
	ActionReceive, ActionStartProcessing, ActionRequestSupplement, ActionSupplement,
	ActionMarkResultReady, ActionComplete, ActionReschedule, ActionReject, ActionCancel,
}
