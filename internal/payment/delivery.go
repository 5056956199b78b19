package payment

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/validate"
)

// How a fine's held papers come back once it is paid: at the counter of the
// unit that decided the fine (COUNTER, no address), or by post (POSTAL: the
// same address input and check as an application's delivery, and a POSTAGE
// line of Config.Postage VND on the fine's item).

var (
	msgDeliveryMethod = i18n.T("Giấy tờ bị tạm giữ được trả tại trụ sở đơn vị ra quyết định (COUNTER) hoặc qua bưu điện (POSTAL).",
		"Held papers come back at the deciding unit's office (COUNTER) or by post (POSTAL).")
	msgNotWithMethod = i18n.T("Không dùng với hình thức nhận đã chọn.", "Not used with the chosen method.")
)

// postageLineName is the name of the POSTAGE line.
const postageLineName = "Cước chuyển phát giấy tờ bị tạm giữ"

// checkDelivery reads and checks the delivery of a payment whose
// obligations hold papers; it returns the delivery normalised (the phone in
// +84 form), or nil when nothing is held (a delivery sent anyway is not
// kept).
func (s *Service) checkDelivery(ctx context.Context, raw json.RawMessage, held bool, errs *validate.Errors) (*application.Delivery, error) {
	if !held {
		return nil, nil
	}
	if len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		errs.Append(apperr.Field(apperr.CodeRequired, msgRequired, "delivery"))
		return nil, nil
	}
	var d application.Delivery
	if err := json.Unmarshal(raw, &d); err != nil {
		errs.Append(apperr.Field(apperr.CodeInvalid, msgInvalid, "delivery"))
		return nil, nil
	}
	switch d.Method {
	case catalogue.DeliverCounter:
		if d.Address != nil {
			errs.Append(apperr.Field(apperr.CodeInvalid, msgNotWithMethod, "delivery", "address"))
		}
		if d.OfficeCode != "" {
			errs.Append(apperr.Field(apperr.CodeInvalid, msgNotWithMethod, "delivery", "officeCode"))
		}
	case catalogue.DeliverPostal:
		if d.OfficeCode != "" {
			errs.Append(apperr.Field(apperr.CodeInvalid, msgNotWithMethod, "delivery", "officeCode"))
		}
		if d.Address == nil {
			errs.Append(apperr.Field(apperr.CodeRequired, msgRequired, "delivery", "address"))
			return nil, nil
		}
		if s.units == nil {
			errs.Append(apperr.Field(apperr.CodeInvalid, msgDeliveryMethod, "delivery", "method"))
			return nil, nil
		}
		if err := application.CheckPostalAddress(ctx, s.units, errs, d.Address, "delivery", "address"); err != nil {
			return nil, err
		}
	default:
		errs.Append(apperr.Field(apperr.CodeInvalid, msgDeliveryMethod, "delivery", "method"))
	}
	return &d, nil
}

// withPostage adds the POSTAGE line of a postal delivery d (nothing for
// another method or nil) to the first item whose obligation in byID holds
// papers, and returns what it added to the total: the one placement Create
// and Quote share.
func (s *Service) withPostage(items []Item, byID map[int64]obligation.Obligation, d *application.Delivery) int64 {
	if d == nil || d.Method != catalogue.DeliverPostal {
		return 0
	}
	line := obligation.Line{Kind: obligation.LinePostage, Name: postageLineName, Amount: s.cfg.Postage}
	for i := range items {
		if byID[items[i].ObligationID].HeldPapers {
			items[i].Lines = append(items[i].Lines, line)
			items[i].Amount += line.Amount
			return line.Amount
		}
	}
	return 0
}
