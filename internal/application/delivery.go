package application

import (
	"context"
	"errors"
	"fmt"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/validate"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// checkDelivery checks the delivery against the service version and the
// official units, and returns it normalised (the phone in +84 form): a
// COUNTER must be an office of the version's agency, a POSTAL
// address a ward of its province, with a street, a recipient and a mobile
// number.
func (s *Service) checkDelivery(ctx context.Context, v catalogue.ServiceVersion, d Delivery) (Delivery, error) {
	var c checkList
	if !v.Delivers(d.Method) {
		c.Append(apperr.Field(apperr.CodeInvalid, msgDeliveryMethod, "delivery", "method"))
		return d, c.Err()
	}
	switch d.Method {
	case catalogue.DeliverCounter:
		if d.Address != nil {
			c.Append(apperr.Field(apperr.CodeInvalid, msgNotWithMethod, "delivery", "address"))
		}
		if c.Add(valid.Field(d.OfficeCode, tagCode, "delivery", "officeCode")) {
			o, err := s.catalogue.Office(ctx, d.OfficeCode)
			notFound := errors.Is(err, apperr.ErrNotFound)
			if err != nil && !notFound {
				return d, fmt.Errorf("check delivery office: %w", err)
			}
			if notFound || o.AgencyCode != v.AgencyCode {
				c.Append(apperr.Field(apperr.CodeInvalid, msgOffice, "delivery", "officeCode"))
			}
		}
	case catalogue.DeliverPostal:
		if d.OfficeCode != "" {
			c.Append(apperr.Field(apperr.CodeInvalid, msgNotWithMethod, "delivery", "officeCode"))
		}
		if d.Address == nil {
			c.Append(apperr.Field(apperr.CodeRequired, msgRequired, "delivery", "address"))
			return d, c.Err()
		}
		a := *d.Address
		if err := s.checkAddress(ctx, &c, &a); err != nil {
			return d, err
		}
		d.Address = &a
	default: // ELECTRONIC: the result comes to the citizen's account.
		if d.OfficeCode != "" {
			c.Append(apperr.Field(apperr.CodeInvalid, msgNotWithMethod, "delivery", "officeCode"))
		}
		if d.Address != nil {
			c.Append(apperr.Field(apperr.CodeInvalid, msgNotWithMethod, "delivery", "address"))
		}
	}
	return d, c.Err()
}

func (s *Service) checkAddress(ctx context.Context, c *checkList, a *PostalAddress) error {
	return CheckPostalAddress(ctx, s.geo, c, a, "delivery", "address")
}

// AddressUnits are the official units a postal address is checked against.
type AddressUnits interface {
	ProvinceExists(ctx context.Context, provinceCode string) (bool, error)
	WardInProvince(ctx context.Context, wardCode, provinceCode string) (bool, error)
}

// CheckPostalAddress is the one check of a postal delivery address (here and
// for the payments of fines with held papers): a province that exists, a
// ward of that province, a street, a recipient and a mobile number
// (normalised to +84 in a). Field errors go to c under prefix.
func CheckPostalAddress(ctx context.Context, units AddressUnits, c *validate.Errors, a *PostalAddress, prefix ...string) error {
	path := func(f string) []string { return append(append([]string(nil), prefix...), f) }
	provinceOK := c.Add(valid.Field(a.ProvinceCode, "required,provincecode", path("provinceCode")...))
	if provinceOK {
		ok, err := units.ProvinceExists(ctx, a.ProvinceCode)
		if err != nil {
			return fmt.Errorf("check delivery province: %w", err)
		}
		if !ok {
			provinceOK = false
			c.Append(apperr.Field(apperr.CodeInvalid, msgProvince, path("provinceCode")...))
		}
	}
	if c.Add(valid.Field(a.WardCode, "required,wardcode", path("wardCode")...)) && provinceOK {
		ok, err := units.WardInProvince(ctx, a.WardCode, a.ProvinceCode)
		if err != nil {
			return fmt.Errorf("check delivery ward: %w", err)
		}
		if !ok {
			c.Append(apperr.Field(apperr.CodeInvalid, msgWard, path("wardCode")...))
		}
	}
	c.Add(valid.Field(a.Street, tagStreet, path("street")...))
	c.Add(valid.Field(a.RecipientName, tagName, path("recipientName")...))
	if c.Add(valid.Field(a.RecipientPhone, tagPhone, path("recipientPhone")...)) {
		phone, err := vnid.NormalizeMobile(a.RecipientPhone)
		if err != nil {
			c.Append(apperr.Field(apperr.CodeInvalid, msgPhone, path("recipientPhone")...))
		}
		a.RecipientPhone = phone
	}
	return nil
}
