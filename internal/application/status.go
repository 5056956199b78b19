package application

import "github.com/dvcportal/dvcportal/internal/i18n"

// Status is where an application is in its lifecycle.
type Status string

// The statuses of DESIGN.md §5.
const (
	StatusSubmitted           Status = "SUBMITTED"
	StatusReceived            Status = "RECEIVED"
	StatusProcessing          Status = "PROCESSING"
	StatusSupplementRequested Status = "SUPPLEMENT_REQUESTED"
	StatusResultReady         Status = "RESULT_READY"
	StatusCompleted           Status = "COMPLETED"
	StatusRejected            Status = "REJECTED"
	StatusCancelled           Status = "CANCELLED"
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{
	StatusSubmitted, StatusReceived, StatusProcessing, StatusSupplementRequested,
	StatusResultReady, StatusCompleted, StatusRejected, StatusCancelled,
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	_, ok := statusText[s]
	return ok
}

// Closed reports whether no move leaves s: the application is finished.
func (s Status) Closed() bool {
	return s == StatusCompleted || s == StatusRejected || s == StatusCancelled
}

// Text is the status as a citizen reads it (also in SMS, where it is
// converted to unaccented ASCII).
func (s Status) Text() i18n.Text { return statusText[s] }

var statusText = map[Status]i18n.Text{
	StatusSubmitted:           i18n.T("đã nộp", "submitted"),
	StatusReceived:            i18n.T("đã được tiếp nhận", "has been received"),
	StatusProcessing:          i18n.T("đang được xử lý", "is being processed"),
	StatusSupplementRequested: i18n.T("cần bổ sung hồ sơ", "needs additional documents"),
	StatusResultReady:         i18n.T("đã có kết quả", "has its result ready"),
	StatusCompleted:           i18n.T("đã hoàn thành", "is completed"),
	StatusRejected:            i18n.T("bị từ chối", "has been rejected"),
	StatusCancelled:           i18n.T("đã hủy", "has been cancelled"),
}

// Action is what someone does to an application; the lifecycle table says
// which actions are allowed from which status and by whom.
type Action string

// The actions. SUBMIT is only the first event of an application.
const (
	ActionSubmit            Action = "SUBMIT"
	ActionReceive           Action = "RECEIVE"
	ActionStartProcessing   Action = "START_PROCESSING"
	ActionRequestSupplement Action = "REQUEST_SUPPLEMENT"
	ActionSupplement        Action = "SUPPLEMENT"
	ActionReject            Action = "REJECT"
	ActionMarkResultReady   Action = "MARK_RESULT_READY"
	ActionComplete          Action = "COMPLETE"
	ActionReschedule        Action = "RESCHEDULE"
	ActionCancel            Action = "CANCEL"
)

// ActorKind says who did something to an application.
type ActorKind string

// The kinds of actor in an application's history.
const (
	ActorCitizen ActorKind = "CITIZEN"
	ActorAgency  ActorKind = "AGENCY"
	ActorSystem  ActorKind = "SYSTEM"
)
