package main

import "github.com/dvcportal/dvcportal/internal/catalogue/seed"

// services is the seed flow's five hand-written services followed by the
// generated bulk, in a fixed order.
func services(agencyNames map[string]seed.Text) []seed.Service {
	out := []seed.Service{
		healthCardReissue(),
		taxPayment(),
		electricityBillPayment(),
		salesPromotionRegistration(),
		trafficFinePayment(),
	}
	return append(out, bulk(agencyNames)...)
}
