package catalogue

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/validate"
	"github.com/dvcportal/dvcportal/internal/webhook"
)

// Limits on what a partner sends in a draft.
const (
	maxCodeLen        = 64
	maxNameRunes      = 300
	maxSummaryRunes   = 1000
	maxDescRunes      = 20000
	maxLegalItems     = 50
	maxLegalRunes     = 500
	maxCases          = 50
	maxDocuments      = 100
	maxCopies         = 100
	maxFields         = 100
	maxOptions        = 200
	maxPatternLen     = 500
	maxKeywords       = 30
	maxKeywordRunes   = 100
	maxFees           = 10
	maxFeeAmount      = 1_000_000_000_000
	maxProcessingTime = 3650
	maxURLLen         = 2000
)

// valid checks every string of the catalogue's inputs (package validate).
var valid = validate.New()

// Tag lists of the draft's strings (package validate).
var (
	tagCode      = "required,max=" + strconv.Itoa(maxCodeLen) + ",code"
	tagFieldName = "max=64,fieldname"
	tagPattern   = "max=" + strconv.Itoa(maxPatternLen) + ",regexp"
	tagURL       = "max=" + strconv.Itoa(maxURLLen) + ",safetext"
)

var (
	msgUnknownCategory = i18n.T("Không có lĩnh vực với mã này.", "There is no category with this code.")
	msgEnum            = i18n.T("Giá trị không được hỗ trợ.", "The value is not supported.")
	msgPositive        = i18n.T("Giá trị phải là số dương.", "The value must be positive.")
	msgNotNegative     = i18n.T("Giá trị không được âm.", "The value must not be negative.")
	msgPatternInvalid  = i18n.T("Biểu thức chính quy không hợp lệ (RE2).", "Not a valid (RE2) regular expression.")
	msgPatternType     = i18n.T("Chỉ trường TEXT có thể có mẫu kiểm tra.", "Only TEXT fields may have a pattern.")
	msgMinMaxType      = i18n.T("Chỉ trường TEXT và NUMBER có thể có giới hạn.", "Only TEXT and NUMBER fields may have bounds.")
	msgMinMax          = i18n.T("Giá trị tối thiểu lớn hơn giá trị tối đa.", "The minimum is greater than the maximum.")
	msgNeedsOptions    = i18n.T("Trường lựa chọn cần ít nhất một lựa chọn.", "A SELECT field needs at least one option.")
	msgOptionsType     = i18n.T("Chỉ trường SELECT có lựa chọn.", "Only SELECT fields have options.")
	msgFieldName       = i18n.T("Tên trường bắt đầu bằng chữ thường, chỉ gồm chữ và số.", "A field name starts with a lower-case letter and has only letters and digits.")
	msgHTTPS           = i18n.T("Địa chỉ webhook phải là URL https tuyệt đối.", "The webhook address must be an absolute https URL.")
	msgURL             = i18n.T("Địa chỉ webhook không hợp lệ.", "The webhook address is not valid.")
	msgHandlerName     = i18n.T("Không có bộ xử lý dựng sẵn với tên này.", "There is no built-in handler with this name.")
	msgDates           = i18n.T("Ngày hết hiệu lực trước ngày có hiệu lực.", "The end date is before the start date.")
	msgTooMany         = i18n.T("Quá nhiều mục.", "Too many entries.")
	msgAtLeastOne      = i18n.T("Cần ít nhất một mục.", "At least one entry is needed.")
	msgCurrency        = i18n.T("Mã tiền tệ gồm 3 chữ in hoa (VND).", "A currency is three upper-case letters (VND).")
	msgFeeTooLarge     = i18n.T("Số tiền quá lớn.", "The amount is too large.")
	msgObligationKind  = i18n.T("Dịch vụ chỉ có thể thu nghĩa vụ tra cứu được: thuế, tiền điện hoặc tiền phạt giao thông.",
		"A service can only pay an obligation that is looked up: a tax, an electricity bill or a traffic fine.")
)

// draftCheck collects the UserErrors of one draft.
type draftCheck struct{ errs []apperr.UserError }

func (c *draftCheck) add(code string, msg i18n.Text, path ...string) {
	c.errs = append(c.errs, apperr.Field(code, msg, path...))
}

func idx(i int) string { return strconv.Itoa(i) }

func path(base []string, more ...string) []string {
	return append(append([]string{}, base...), more...)
}

// text checks a single-line (or multiline) free text of at most max runes;
// white space only counts as missing.
func (c *draftCheck) text(s string, required, multiline bool, max int, p ...string) {
	if strings.TrimSpace(s) == "" {
		if required {
			c.add(apperr.CodeRequired, msgRequired, p...)
		}
		return
	}
	rule := "safetext"
	if multiline {
		rule = "multiline"
	}
	if ue := valid.Field(s, rule+",max="+strconv.Itoa(max), p...); ue != nil {
		c.errs = append(c.errs, *ue)
	}
}

// localized checks a localized text: Vietnamese required, English optional.
func (c *draftCheck) localized(t i18n.Text, required, multiline bool, max int, p ...string) {
	c.text(t.Vi, required, multiline, max, path(p, "vi")...)
	c.text(t.En, false, multiline, max, path(p, "en")...)
}

func (c *draftCheck) code(s string, p ...string) {
	if ue := valid.Field(s, tagCode, p...); ue != nil {
		c.errs = append(c.errs, *ue)
	}
}

// validateDraft checks everything a partner sends; each problem is a
// UserError with its input path (e.g. ["form", "fields", "2", "pattern"]),
// at most validate.MaxUserErrors and a summary.
func (s *Store) validateDraft(in DraftInput) []apperr.UserError {
	c := &draftCheck{}
	c.code(in.Code, "code")
	c.code(in.CategoryCode, "categoryCode")
	c.localized(in.Name, true, false, maxNameRunes, "name")
	c.localized(in.Summary, false, false, maxSummaryRunes, "summary")
	c.localized(in.Description, false, true, maxDescRunes, "description")
	switch in.OnlineLevel {
	case OnlineFull, OnlinePartial:
	default:
		c.add(apperr.CodeInvalid, msgEnum, "onlineLevel")
	}
	c.channels(in.Channels)
	c.cases(in.Cases)
	c.deliveryMethods(in.DeliveryMethods)
	if len(in.LegalBasis) > maxLegalItems {
		c.add(apperr.CodeInvalid, msgTooMany, "legalBasis")
	}
	for i, l := range in.LegalBasis {
		if i < maxLegalItems {
			c.text(l, true, false, maxLegalRunes, "legalBasis", idx(i))
		}
	}
	c.form(in.Form)
	if in.EffectiveFrom != nil && in.EffectiveTo != nil && in.EffectiveTo.Before(*in.EffectiveFrom) {
		c.add(apperr.CodeInvalid, msgDates, "effectiveTo")
	}
	if len(in.Keywords) > maxKeywords {
		c.add(apperr.CodeInvalid, msgTooMany, "keywords")
	}
	for i, k := range in.Keywords {
		if i < maxKeywords {
			c.text(k, true, false, maxKeywordRunes, "keywords", idx(i))
		}
	}
	s.handler(c, in.Handler)
	if k := in.ObligationKind; k != "" && !k.Findable() {
		c.add(apperr.CodeInvalid, msgObligationKind, "obligationKind")
	}
	return validate.Cap(c.errs)
}

func (c *draftCheck) channels(chs []Channel) {
	if len(chs) == 0 {
		c.add(apperr.CodeRequired, msgAtLeastOne, "channels")
		return
	}
	if len(chs) > 3 {
		c.add(apperr.CodeInvalid, msgTooMany, "channels")
		return
	}
	seen := map[ChannelKind]bool{}
	for i, ch := range chs {
		p := []string{"channels", idx(i)}
		switch ch.Channel {
		case Online, Counter, Postal:
			if seen[ch.Channel] {
				c.add(apperr.CodeDuplicate, validate.MsgDuplicate, path(p, "channel")...)
			}
			seen[ch.Channel] = true
		default:
			c.add(apperr.CodeInvalid, msgEnum, path(p, "channel")...)
		}
		switch ch.ProcessingTime.Unit {
		case WorkingDay, CalendarDay, Hour:
		default:
			c.add(apperr.CodeInvalid, msgEnum, path(p, "processingTime", "unit")...)
		}
		switch v := ch.ProcessingTime.Value; {
		case v <= 0:
			c.add(apperr.CodeInvalid, msgPositive, path(p, "processingTime", "value")...)
		case v > maxProcessingTime:
			c.add(apperr.CodeInvalid, msgTooLarge, path(p, "processingTime", "value")...)
		}
		if len(ch.Fees) > maxFees {
			c.add(apperr.CodeInvalid, msgTooMany, path(p, "fees")...)
			continue
		}
		for j, f := range ch.Fees {
			fp := path(p, "fees", idx(j))
			switch {
			case f.Amount < 0:
				c.add(apperr.CodeInvalid, msgNotNegative, path(fp, "amount")...)
			case f.Amount > maxFeeAmount:
				c.add(apperr.CodeInvalid, msgFeeTooLarge, path(fp, "amount")...)
			}
			if !valid.OK(f.Currency, "currency") {
				c.add(apperr.CodeInvalid, msgCurrency, path(fp, "currency")...)
			}
		}
	}
}

func (c *draftCheck) cases(cases []Case) {
	if len(cases) > maxCases {
		c.add(apperr.CodeInvalid, msgTooMany, "cases")
		return
	}
	seen := map[string]bool{}
	for i, cs := range cases {
		p := []string{"cases", idx(i)}
		c.code(cs.Code, path(p, "code")...)
		if seen[cs.Code] && cs.Code != "" {
			c.add(apperr.CodeDuplicate, validate.MsgDuplicate, path(p, "code")...)
		}
		seen[cs.Code] = true
		c.localized(cs.Name, true, false, maxNameRunes, path(p, "name")...)
		if len(cs.Documents) > maxDocuments {
			c.add(apperr.CodeInvalid, msgTooMany, path(p, "documents")...)
			continue
		}
		for j, d := range cs.Documents {
			dp := path(p, "documents", idx(j))
			c.localized(d.Name, true, false, maxNameRunes, path(dp, "name")...)
			for _, n := range []struct {
				v    int
				name string
			}{{d.Originals, "originals"}, {d.Copies, "copies"}} {
				switch {
				case n.v < 0:
					c.add(apperr.CodeInvalid, msgNotNegative, path(dp, n.name)...)
				case n.v > maxCopies:
					c.add(apperr.CodeInvalid, msgTooLarge, path(dp, n.name)...)
				}
			}
		}
	}
}

func (c *draftCheck) deliveryMethods(ms []DeliveryMethod) {
	if len(ms) == 0 {
		c.add(apperr.CodeRequired, msgAtLeastOne, "deliveryMethods")
		return
	}
	seen := map[DeliveryMethod]bool{}
	for i, m := range ms {
		switch m {
		case DeliverCounter, DeliverPostal, DeliverElectronic:
			if seen[m] {
				c.add(apperr.CodeDuplicate, validate.MsgDuplicate, "deliveryMethods", idx(i))
			}
			seen[m] = true
		default:
			c.add(apperr.CodeInvalid, msgEnum, "deliveryMethods", idx(i))
		}
	}
}

func (c *draftCheck) form(f FormDefinition) {
	if len(f.Fields) > maxFields {
		c.add(apperr.CodeInvalid, msgTooMany, "form", "fields")
		return
	}
	seen := map[string]bool{}
	for i, fd := range f.Fields {
		p := []string{"form", "fields", idx(i)}
		switch {
		case fd.Name == "":
			c.add(apperr.CodeRequired, msgRequired, path(p, "name")...)
		case !valid.OK(fd.Name, tagFieldName):
			c.add(apperr.CodeInvalid, msgFieldName, path(p, "name")...)
		case seen[fd.Name]:
			c.add(apperr.CodeDuplicate, validate.MsgDuplicate, path(p, "name")...)
		}
		seen[fd.Name] = true
		c.localized(fd.Label, true, false, maxNameRunes, path(p, "label")...)
		if !knownFieldTypes[fd.Type] {
			c.add(apperr.CodeInvalid, msgEnum, path(p, "type")...)
		}
		if fd.Pattern != "" {
			switch {
			case fd.Type != FieldText:
				c.add(apperr.CodeInvalid, msgPatternType, path(p, "pattern")...)
			case !valid.OK(fd.Pattern, tagPattern):
				// Too long, not one line of text (control characters), or
				// not RE2.
				c.add(apperr.CodeInvalid, msgPatternInvalid, path(p, "pattern")...)
			default:
				if _, err := compilePattern(fd.Pattern); err != nil {
					c.add(apperr.CodeInvalid, msgPatternInvalid, path(p, "pattern")...)
				}
			}
		}
		if fd.Min != nil || fd.Max != nil {
			switch {
			case fd.Type != FieldText && fd.Type != FieldNumber:
				c.add(apperr.CodeInvalid, msgMinMaxType, path(p, "min")...)
			case fd.Min != nil && fd.Max != nil && *fd.Min > *fd.Max:
				c.add(apperr.CodeInvalid, msgMinMax, path(p, "min")...)
			case fd.Type == FieldText && ((fd.Min != nil && *fd.Min < 0) || (fd.Max != nil && *fd.Max < 0)):
				c.add(apperr.CodeInvalid, msgNotNegative, path(p, "min")...)
			}
		}
		switch {
		case fd.Type == FieldSelect && len(fd.Options) == 0:
			c.add(apperr.CodeRequired, msgNeedsOptions, path(p, "options")...)
		case fd.Type != FieldSelect && len(fd.Options) > 0:
			c.add(apperr.CodeInvalid, msgOptionsType, path(p, "options")...)
		case len(fd.Options) > maxOptions:
			c.add(apperr.CodeInvalid, msgTooMany, path(p, "options")...)
		default:
			values := map[string]bool{}
			for j, o := range fd.Options {
				op := path(p, "options", idx(j))
				c.text(o.Value, true, false, 100, path(op, "value")...)
				if values[o.Value] && o.Value != "" {
					c.add(apperr.CodeDuplicate, validate.MsgDuplicate, path(op, "value")...)
				}
				values[o.Value] = true
				c.localized(o.Label, true, false, maxNameRunes, path(op, "label")...)
			}
		}
	}
}

func (s *Store) handler(c *draftCheck, h HandlerInput) {
	switch h.Kind {
	case Webhook:
		s.webhookURL(c, h.URL)
	case Builtin:
		for _, b := range s.PartnerBuiltins {
			if h.Name == b {
				return
			}
		}
		c.add(apperr.CodeInvalid, msgHandlerName, "handler", "name")
	default:
		c.add(apperr.CodeInvalid, msgEnum, "handler", "kind")
	}
}

// webhookURL checks a partner's webhook address: an absolute https URL
// without credentials or fragment (http is accepted in development), and
// outside development not a loopback, private or link-local address literal.
func (s *Store) webhookURL(c *draftCheck, raw string) {
	p := []string{"handler", "url"}
	if raw == "" {
		c.add(apperr.CodeRequired, msgRequired, p...)
		return
	}
	if !valid.OK(raw, tagURL) {
		c.add(apperr.CodeInvalid, msgURL, p...)
		return
	}
	switch err := webhook.CheckURL(raw, s.AllowInsecureWebhooks); {
	case errors.Is(err, webhook.ErrURLNotHTTPS):
		c.add(apperr.CodeInvalid, msgHTTPS, p...)
	case err != nil:
		c.add(apperr.CodeInvalid, msgURL, p...)
	}
}
