package validate

import "github.com/dvcportal/dvcportal/internal/vnid"

// Tags for Vietnamese identifiers (rules in package vnid):
//
//	idnumber    12 ASCII digits (the shape of a citizen ID number; the
//	            province and century/sex digits need the date of birth:
//	            vnid.ValidateIDNumber)
//	sicode      social insurance code, 10 ASCII digits
//	vnmobile    mobile number, 0xxxxxxxxx or +84xxxxxxxxx with a mobile prefix
//	healthcard  health insurance card number, 10 digits or the legacy
//	            15-character form
func init() {
	Register("idnumber", vnid.ValidIDNumberFormat)
	Register("sicode", vnid.ValidSocialInsuranceCode)
	Register("vnmobile", vnid.ValidMobile)
	Register("healthcard", vnid.ValidHealthCardNumber)
}
