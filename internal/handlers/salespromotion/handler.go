package salespromotion

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/geo"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/validate"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// Name is the handler's name in the catalogue's handler binding.
const Name = "salespromotion"

// The catalogue codes the handler routes to (a province's services end in
// "-" and its code).
const (
	RegistrationCode = "SALES-PROMOTION-REGISTRATION"
	NotificationCode = "SALES-PROMOTION-NOTIFICATION"
)

// The cases of a registration: a new program, the amendment of a
// registered one (which refers to its registration: SubmitInput.Amends).
const (
	CaseNew   = "NEW"
	CaseAmend = "AMEND"
)

// The form fields the handler reads besides the version's form definition.
const (
	FieldForm               = "form"
	FieldProvinceCodes      = "provinceCodes"
	FieldStartDate          = "startDate"
	FieldEndDate            = "endDate"
	FieldTotalPrizeValue    = "totalPrizeValue"
	FieldCooperatingTraders = "cooperatingTraders"
	// FieldChanges is what an amendment changes (case AMEND only).
	FieldChanges = "changes"
)

// The catalogue parameters (the versions' form parameters; the values are
// data, see internal/catalogue/seed/gen/promotion.go for their source in
// the decree):
//
//   - ParamNoticeLead: a notification reaches the departments at least this
//     many working days before the start (Decree 81/2018, art. 17(1), as
//     amended by Decree 128/2024) → TOO_LATE;
//   - ParamMaxProvinces: the largest area;
//   - ParamRegistrationThreshold: a promotion of chance whose total prize
//     value is below it needs no registration (Decree 81/2018, art. 17(2)(a)
//     and art. 19, as amended by Decree 128/2024) → BELOW_THRESHOLD at
//     totalPrizeValue, so that the trader is told rather than queued for
//     five working days.
const (
	ParamNoticeLead            = "noticeLeadWorkingDays"
	ParamMaxProvinces          = "maxProvinces"
	ParamRegistrationThreshold = "registrationThresholdVND"
)

// RegistrationService is the service registering a promotion in provinces:
// the department of a one-province area, else the Ministry (whose handler
// refuses an area that is not a list of distinct province codes).
func RegistrationService(provinces []string) string {
	if known, _ := provinceSet(); len(provinces) == 1 && known[provinces[0]] {
		return RegistrationCode + "-" + provinces[0]
	}
	return RegistrationCode
}

// NotificationService is the service notifying a promotion to a province.
func NotificationService(province string) string { return NotificationCode + "-" + province }

var (
	msgEnterprise = i18n.T("Khuyến mại do thương nhân thực hiện: hãy chọn doanh nghiệp bạn đại diện.",
		"A promotion is run by a trader: choose the enterprise you represent.")
	msgArea      = i18n.T("Địa bàn phải là danh sách các tỉnh, thành phố (mã 2 chữ số), không trùng lặp.", "The area must be a list of distinct province codes.")
	msgRoute     = i18n.T("Địa bàn khuyến mại không thuộc thẩm quyền của cơ quan này.", "This agency does not take promotions in this area.")
	msgStartPast = i18n.T("Ngày bắt đầu không được trước ngày hôm nay.", "The start date cannot be before today.")
	msgEndBefore = i18n.T("Ngày kết thúc không được trước ngày bắt đầu.", "The end date cannot be before the start date.")
	msgWholeVND  = i18n.T("Giá trị phải là số đồng nguyên dương.", "The value must be a positive whole number of dong.")
	msgTraders   = i18n.T("Danh sách thương nhân phối hợp không hợp lệ.", "The list of co-operating traders is not valid.")
	msgChanges   = i18n.T("Hãy nêu nội dung sửa đổi, bổ sung.", "Say what the amendment changes.")
	msgNoChanges = i18n.T("Chỉ hồ sơ sửa đổi, bổ sung mới có nội dung sửa đổi.", "Only an amendment has changes.")
	msgNotFound  = i18n.T("Không tìm thấy hồ sơ đăng ký được sửa đổi.", "The registration to amend was not found.")
	msgOriginal  = i18n.T("Hồ sơ sửa đổi phải dẫn chiếu hồ sơ đăng ký đã được xác nhận.", "An amendment refers to the confirmed registration it amends.")
	msgAmendCase = i18n.T("Hồ sơ sửa đổi thuộc trường hợp sửa đổi, bổ sung (AMEND).", "An amendment is the case AMEND.")
	msgAmendable = i18n.T("Chỉ sửa đổi được chương trình khuyến mại may rủi đã được xác nhận và chưa kết thúc.",
		"Only a confirmed promotion of chance that has not ended can be amended.")
	msgAmendStart = i18n.T("Chương trình đã bắt đầu: không thể dời ngày bắt đầu về trước hôm nay.",
		"The program has started: its start date cannot move to before today.")
	msgThreshold = func(n int64) i18n.Text {
		v := money.FormatVND(n) + " đồng"
		return i18n.T("Khuyến mại mang tính may rủi có tổng giá trị giải thưởng dưới "+v+" không phải đăng ký.",
			"A promotion of chance with a total prize value under "+money.FormatVND(n)+" VND needs no registration.")
	}
	msgTooLate = func(n int64) i18n.Text {
		d := strconv.FormatInt(n, 10)
		return i18n.T("Phải thông báo chậm nhất "+d+" ngày làm việc trước ngày bắt đầu.",
			"The notification must reach the department at least "+d+" working days before the start.")
	}
)

// Handler is the sales promotion handler.
type Handler struct {
	application.HandlerDefaults
	cal       application.Calendar
	provinces map[string]bool
}

// New returns the handler; cal counts working days.
func New(cal application.Calendar) (*Handler, error) {
	provinces, err := provinceSet()
	if err != nil {
		return nil, err
	}
	return &Handler{cal: cal, provinces: provinces}, nil
}

// provinceSet is the 34 province codes.
var provinceSet = sync.OnceValues(func() (map[string]bool, error) {
	units, err := geo.BuiltinProvinces()
	if err != nil {
		return nil, fmt.Errorf("provinces: %w", err)
	}
	out := make(map[string]bool, len(units))
	for _, u := range units {
		out[u.Code] = true
	}
	return out, nil
})

// Prepare checks a registration or a notification.
func (h *Handler) Prepare(_ context.Context, req application.Request) (application.Plan, error) {
	if req.Applicant.Enterprise == nil {
		return application.Plan{}, apperr.Invalid(apperr.Field(apperr.CodeRequired, msgEnterprise, "enterpriseId"))
	}
	notification := strings.HasPrefix(req.Version.ServiceCode, NotificationCode)
	var c checks
	// The form definition checks the scalar fields; the lists are ours.
	scalar := make(map[string]any, len(req.FormData))
	for k, v := range req.FormData {
		if k != FieldProvinceCodes && k != FieldCooperatingTraders {
			scalar[k] = v
		}
	}
	c = append(c, req.Version.Form.Validate(scalar)...)
	area := h.area(&c, req.FormData[FieldProvinceCodes], req.Version.Form)
	traders := traders(&c, req.FormData[FieldCooperatingTraders])
	if len(area) > 0 && !routes(req.Version.ServiceCode, notification, area) {
		c.add(apperr.CodeInvalid, msgRoute, "formData", FieldProvinceCodes)
	}
	today := vntime.DateOf(req.Now)
	start, startOK := date(req.FormData[FieldStartDate])
	end, endOK := date(req.FormData[FieldEndDate])
	amend := req.Case.Code == CaseAmend
	switch {
	case !startOK || !start.Before(today):
	case amend && req.Original != nil && sameStart(*req.Original, start):
		// A program under way keeps its start.
	case amend:
		c.add(apperr.CodeInvalid, msgAmendStart, "formData", FieldStartDate)
	default:
		c.add(apperr.CodeInvalid, msgStartPast, "formData", FieldStartDate)
	}
	changes, _ := req.FormData[FieldChanges].(string)
	switch {
	case amend && req.Original == nil:
		c.add(apperr.CodeRequired, msgOriginal, "amends")
	case amend && strings.TrimSpace(changes) == "":
		c.add(apperr.CodeRequired, msgChanges, "formData", FieldChanges)
	case !amend && !notification && req.FormData[FieldChanges] != nil:
		c.add(apperr.CodeInvalid, msgNoChanges, "formData", FieldChanges)
	}
	if startOK && endOK && end.Before(start) {
		c.add(apperr.CodeInvalid, msgEndBefore, "formData", FieldEndDate)
	}
	var total int64
	if !notification {
		var ok bool
		total, ok = wholeVND(req.FormData[FieldTotalPrizeValue])
		min, hasMin := req.Version.Form.Parameter(ParamRegistrationThreshold)
		switch {
		case !ok && req.FormData[FieldTotalPrizeValue] != nil && !c.has("formData", FieldTotalPrizeValue):
			c.add(apperr.CodeInvalid, msgWholeVND, "formData", FieldTotalPrizeValue)
		case ok && hasMin && total < min:
			c.add(apperr.CodeBelowThreshold, msgThreshold(min), "formData", FieldTotalPrizeValue)
		}
	}
	if err := c.err(); err != nil {
		return application.Plan{}, err
	}
	data := make(map[string]any, len(req.FormData)+2)
	for k, v := range req.FormData {
		data[k] = v
	}
	data[FieldProvinceCodes] = area
	data[FieldCooperatingTraders] = traders
	if !notification {
		data[FieldTotalPrizeValue] = total
		fee, due, err := application.OnlineTerms(h.cal, req.Version, req.Now)
		if err != nil {
			return application.Plan{}, err
		}
		plan := application.Plan{FormData: data, Fee: fee, AppointmentDate: due}
		if amend {
			// One amendment of a program under consideration at a time.
			plan.OpenKey = "salespromotion:amend:" + strconv.FormatInt(req.Original.ID, 10)
			plan.OpenKeyField = []string{"amends"}
		}
		return plan, nil
	}
	lead, earliest, err := noticeEarliest(h.cal, req.Version, req.Now)
	if err != nil {
		return application.Plan{}, err
	}
	if start.Before(earliest) {
		return application.Plan{}, apperr.Invalid(apperr.Field(apperr.CodeTooLate, msgTooLate(lead), "formData", FieldStartDate))
	}
	fee, _, err := application.OnlineTerms(h.cal, req.Version, req.Now)
	if err != nil {
		return application.Plan{}, err
	}
	return application.Plan{FormData: data, Fee: fee, AppointmentDate: req.Now, Complete: true}, nil
}

// Amendable accepts, as the original of an amendment, a registration of a
// promotion of chance (case NEW of a SALES-PROMOTION-REGISTRATION service)
// that its agency confirmed (COMPLETED; not refused, not cancelled, not
// still under consideration) and whose program has not ended; the
// amendment is case AMEND. The router has checked that the original is the
// same enterprise's and goes to the same agency.
func (h *Handler) Amendable(_ context.Context, original application.Application, req application.Request) error {
	if req.Case.Code != CaseAmend {
		return apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgAmendCase, "caseCode"))
	}
	var form struct {
		EndDate string `json:"endDate"`
	}
	_ = json.Unmarshal(original.FormData, &form)
	end, endOK := date(form.EndDate)
	ok := original.Handler == Name && original.CaseCode == CaseNew && isRegistration(original.ServiceCode) &&
		original.Status == application.StatusCompleted && endOK && !end.Before(vntime.DateOf(req.Now))
	if !ok {
		return apperr.Invalid(apperr.Field(apperr.CodeOriginalNotAmendable, msgAmendable, "amends"))
	}
	return nil
}

// isRegistration reports whether service is the Ministry's or a
// department's registration.
func isRegistration(service string) bool {
	return service == RegistrationCode || strings.HasPrefix(service, RegistrationCode+"-")
}

// sameStart reports whether start is the original program's start date.
func sameStart(original application.Application, start time.Time) bool {
	var form struct {
		StartDate string `json:"startDate"`
	}
	if json.Unmarshal(original.FormData, &form) != nil {
		return false
	}
	s, ok := date(form.StartDate)
	return ok && s.Equal(start)
}

// noticeEarliest is the lead (working days) of a notification to the
// service of v and the earliest start date one sent at now may have.
func noticeEarliest(cal application.Calendar, v catalogue.ServiceVersion, now time.Time) (int64, time.Time, error) {
	lead, ok := v.Form.Parameter(ParamNoticeLead)
	if !ok {
		lead = 3
	}
	earliest, err := cal.Add(now, int(lead), catalogue.WorkingDay)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("notice lead of %s: %w", v.ServiceCode, err)
	}
	return lead, vntime.DateOf(earliest), nil
}

// NoticeTerms is when a notification sent now may start.
type NoticeTerms struct {
	LeadWorkingDays int64
	// EarliestStart is a date (midnight UTC of the date in Vietnam).
	EarliestStart time.Time
}

// Versions finds a service's current published version.
type Versions interface {
	Version(code string) (catalogue.ServiceVersion, bool)
}

// NoticeTermsFor is the notice a notification sent at now to the
// departments of provinces needs (the longest of their leads, as
// notifySalesPromotion checks it); ok is false when none of provinces has a
// notification service.
func NoticeTermsFor(cal application.Calendar, versions Versions, provinces []string, now time.Time) (NoticeTerms, bool, error) {
	var out NoticeTerms
	found := false
	for _, p := range provinces {
		v, ok := versions.Version(NotificationService(p))
		if !ok {
			continue
		}
		lead, earliest, err := noticeEarliest(cal, v, now)
		if err != nil {
			return NoticeTerms{}, false, err
		}
		if !found || earliest.After(out.EarliestStart) {
			out = NoticeTerms{LeadWorkingDays: lead, EarliestStart: earliest}
		}
		found = true
	}
	return out, found, nil
}

// routes reports whether the service takes a promotion in area: a
// registration the department of its one province or the Ministry for two
// or more, a notification the department of one of its provinces.
func routes(service string, notification bool, area []string) bool {
	if notification {
		for _, p := range area {
			if service == NotificationService(p) {
				return true
			}
		}
		return false
	}
	return service == RegistrationService(area)
}

// area reads the province list: non-empty, the 34 codes, distinct, at most
// the catalogue's maxProvinces.
func (h *Handler) area(c *checks, v any, form catalogue.FormDefinition) []string {
	path := []string{"formData", FieldProvinceCodes}
	list, ok := strings_(v)
	if v == nil || (ok && len(list) == 0) {
		c.add(apperr.CodeRequired, msgArea, path...)
		return nil
	}
	max, hasMax := form.Parameter(ParamMaxProvinces)
	// A province named twice is DUPLICATE at each later repeat (as every
	// repeated value of a list is), so the client knows which to drop.
	seen := map[string]bool{}
	var dups checks
	for i, p := range list {
		if !h.provinces[p] {
			ok = false
		} else if seen[p] {
			dups.add(apperr.CodeDuplicate, validate.MsgDuplicate, append(slices.Clone(path), strconv.Itoa(i))...)
		}
		seen[p] = true
	}
	if !ok || (hasMax && int64(len(list)) > max) {
		c.add(apperr.CodeInvalid, msgArea, path...)
		return nil
	}
	if len(dups) > 0 {
		*c = append(*c, dups...)
		return nil
	}
	return list
}

// traders reads the optional list of co-operating traders' names.
func traders(c *checks, v any) []string {
	if v == nil {
		return []string{}
	}
	list, ok := strings_(v)
	if ok && len(list) <= 50 {
		for _, s := range list {
			if n := utf8.RuneCountInString(strings.TrimSpace(s)); n == 0 || n > 300 || strings.IndexFunc(s, unicode.IsControl) >= 0 {
				ok = false
			}
		}
	}
	if !ok || len(list) > 50 {
		c.add(apperr.CodeInvalid, msgTraders, "formData", FieldCooperatingTraders)
		return nil
	}
	return list
}

// strings_ reads a JSON list of strings ([]any from JSON, []string from a
// typed input).
func strings_(v any) ([]string, bool) {
	switch x := v.(type) {
	case []string:
		return x, true
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out[i] = s
		}
		return out, true
	}
	return nil, false
}

func date(v any) (time.Time, bool) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// wholeVND reads a whole positive number of dong, whatever the JSON
// decoder made of it.
func wholeVND(v any) (int64, bool) {
	var n int64
	switch x := v.(type) {
	case int:
		n = int64(x)
	case int64:
		n = x
	case float64:
		if x != math.Trunc(x) || x > 1e15 {
			return 0, false
		}
		n = int64(x)
	case json.Number:
		i, err := x.Int64()
		if err != nil {
			return 0, false
		}
		n = i
	default:
		return 0, false
	}
	return n, n > 0
}

type checks []apperr.UserError

func (c *checks) add(code string, msg i18n.Text, path ...string) {
	*c = append(*c, apperr.Field(code, msg, path...))
}

// has reports whether a UserError is already at path.
func (c checks) has(path ...string) bool {
	for _, ue := range c {
		if slices.Equal(ue.Field, path) {
			return true
		}
	}
	return false
}

func (c checks) err() error { return apperr.Invalid(c...) }
