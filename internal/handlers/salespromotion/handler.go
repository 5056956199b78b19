package salespromotion

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
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
)

// Name is the handler's name in the catalogue's handler binding.
const Name = "salespromotion"

// The catalogue codes the handler routes to (a province's services end in
// "-" and its code).
const (
	RegistrationCode = "SALES-PROMOTION-REGISTRATION"
	NotificationCode = "SALES-PROMOTION-NOTIFICATION"
)

// CaseNew is the case of a new program.
const CaseNew = "NEW"

// The form fields the handler reads besides the version's form definition.
const (
	FieldForm               = "form"
	FieldProvinceCodes      = "provinceCodes"
	FieldStartDate          = "startDate"
	FieldEndDate            = "endDate"
	FieldTotalPrizeValue    = "totalPrizeValue"
	FieldCooperatingTraders = "cooperatingTraders"
)

// The catalogue parameters.
const (
	ParamNoticeLead   = "noticeLeadWorkingDays"
	ParamMaxProvinces = "maxProvinces"
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
	msgTooLate   = func(n int64) i18n.Text {
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
	today := application.DateOf(req.Now)
	start, startOK := date(req.FormData[FieldStartDate])
	end, endOK := date(req.FormData[FieldEndDate])
	if startOK && start.Before(today) {
		c.add(apperr.CodeInvalid, msgStartPast, "formData", FieldStartDate)
	}
	if startOK && endOK && end.Before(start) {
		c.add(apperr.CodeInvalid, msgEndBefore, "formData", FieldEndDate)
	}
	var total int64
	if !notification {
		var ok bool
		if total, ok = wholeVND(req.FormData[FieldTotalPrizeValue]); !ok && req.FormData[FieldTotalPrizeValue] != nil {
			c.add(apperr.CodeInvalid, msgWholeVND, "formData", FieldTotalPrizeValue)
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
		return application.Plan{FormData: data, Fee: fee, AppointmentDate: due}, nil
	}
	lead, ok := req.Version.Form.Parameter(ParamNoticeLead)
	if !ok {
		lead = 3
	}
	earliest, err := h.cal.Add(req.Now, int(lead), catalogue.WorkingDay)
	if err != nil {
		return application.Plan{}, err
	}
	if start.Before(application.DateOf(earliest)) {
		return application.Plan{}, apperr.Invalid(apperr.Field(apperr.CodeTooLate, msgTooLate(lead), "formData", FieldStartDate))
	}
	fee, _, err := application.OnlineTerms(h.cal, req.Version, req.Now)
	if err != nil {
		return application.Plan{}, err
	}
	return application.Plan{FormData: data, Fee: fee, AppointmentDate: req.Now, Complete: true}, nil
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
	seen := map[string]bool{}
	for _, p := range list {
		if !h.provinces[p] || seen[p] {
			ok = false
		}
		seen[p] = true
	}
	if !ok || (hasMax && int64(len(list)) > max) {
		c.add(apperr.CodeInvalid, msgArea, path...)
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

func (c checks) err() error { return apperr.Invalid(c...) }
