package app

import "github.com/dvcportal/dvcportal/internal/httpapi"

// contractOperations are the operations clients send
// (../shared/contract/*.graphql and next/*.graphql): the GraphQL metrics are
// labelled by these names, every other operation as "other"
// (TestContractOperationsListed keeps the list and the contract in step).
var contractOperations = map[string]httpapi.Operation{
	// agency.graphql
	"AgencyInbox":           {Type: "query", Fields: []string{"agencyApplications"}},
	"TransitionApplication": {Type: "mutation", Fields: []string{"transitionApplication"}},
	"UpsertServiceDraft":    {Type: "mutation", Fields: []string{"upsertServiceDraft"}},
	"PublishService":        {Type: "mutation", Fields: []string{"publishService"}},
	"CatalogueChanges":      {Type: "query", Fields: []string{"catalogueChanges"}},
	// applications.graphql
	"ReissueHealthCard": {Type: "mutation", Fields: []string{"reissueHealthCard"}},
	"SubmitApplication": {Type: "mutation", Fields: []string{"submitApplication"}},
	"MyApplications":    {Type: "query", Fields: []string{"viewer"}},
	"ApplicationDetail": {Type: "query", Fields: []string{"node"}},
	"CancelApplication": {Type: "mutation", Fields: []string{"cancelApplication"}},
	"TrackApplication":  {Type: "query", Fields: []string{"trackApplication"}},
	// catalogue.graphql
	"Catalogue":     {Type: "query", Fields: []string{"services"}},
	"ServiceDetail": {Type: "query", Fields: []string{"service"}},
	"Agencies":      {Type: "query", Fields: []string{"agencies"}},
	"Categories":    {Type: "query", Fields: []string{"categories"}},
	"Provinces":     {Type: "query", Fields: []string{"provinces"}},
	"Calendar":      {Type: "query", Fields: []string{"calendar"}},
	// identity.graphql
	"CreateCaptcha":   {Type: "mutation", Fields: []string{"createCaptcha"}},
	"RegisterCitizen": {Type: "mutation", Fields: []string{"registerCitizen"}},
	"StartLogin":      {Type: "mutation", Fields: []string{"startLogin"}},
	"VerifyOtp":       {Type: "mutation", Fields: []string{"verifyOtp"}},
	"ResendOtp":       {Type: "mutation", Fields: []string{"resendOtp"}},
	"Logout":          {Type: "mutation", Fields: []string{"logout"}},
	"Me":              {Type: "query", Fields: []string{"viewer"}},
	// next/business.graphql
	"MyEnterprises":          {Type: "query", Fields: []string{"viewer"}},
	"ServiceDocuments":       {Type: "query", Fields: []string{"service"}},
	"RegisterSalesPromotion": {Type: "mutation", Fields: []string{"registerSalesPromotion"}},
	"NotifySalesPromotion":   {Type: "mutation", Fields: []string{"notifySalesPromotion"}},
	"UploadDocument":         {Type: "mutation", Fields: []string{"uploadDocument"}},
	"ApplicationDocuments":   {Type: "query", Fields: []string{"node"}},
	// next/payments.graphql
	"PaymentProviders":     {Type: "query", Fields: []string{"paymentProviders"}},
	"VerifyReceipt":        {Type: "query", Fields: []string{"verifyReceipt"}},
	"FindObligations":      {Type: "query", Fields: []string{"findObligations"}},
	"MyObligations":        {Type: "query", Fields: []string{"viewer"}},
	"CreatePayment":        {Type: "mutation", Fields: []string{"createPayment"}},
	"CancelPayment":        {Type: "mutation", Fields: []string{"cancelPayment"}},
	"RefreshPayment":       {Type: "mutation", Fields: []string{"refreshPayment"}},
	"MyPayments":           {Type: "query", Fields: []string{"viewer"}},
	"PaymentDetail":        {Type: "query", Fields: []string{"node"}},
	"UpsertObligations":    {Type: "mutation", Fields: []string{"upsertObligations"}},
	"CancelObligations":    {Type: "mutation", Fields: []string{"cancelObligations"}},
	"AgencyPayments":       {Type: "query", Fields: []string{"agencyPayments"}},
	"RequestRefund":        {Type: "mutation", Fields: []string{"requestRefund"}},
	"ReconciliationReport": {Type: "query", Fields: []string{"reconciliationReport"}},
}
