package graph

import (
	"time"

	"github.com/dvcportal/dvcportal/graph/model"
	"github.com/dvcportal/dvcportal/internal/document"
	"github.com/dvcportal/dvcportal/internal/enterprise"
	"github.com/dvcportal/dvcportal/internal/handlers/salespromotion"
)

// BusinessDeps are the business area's services: the business registry and
// the documents.
type BusinessDeps struct {
	EnterpriseRegistry *enterprise.Registry
	DocumentService    *document.Service
}

func documentRefs(in []*model.DocumentInput) []document.Ref {
	out := make([]document.Ref, 0, len(in))
	for _, d := range in {
		if d != nil {
			out = append(out, document.Ref{DocumentCode: d.DocumentCode, UploadID: d.UploadID})
		}
	}
	return out
}

func dateString(t time.Time) string { return t.Format(time.DateOnly) }

func promotionProgram(enterpriseID, name, form string, provinces []string, start, end time.Time, promoted, customers, rules string,
	traders []string, docs []*model.DocumentInput, captcha *model.CaptchaAnswerInput, key string) salespromotion.Program {
	return salespromotion.Program{
		EnterpriseID: enterpriseID, ProgramName: name, Form: form, ProvinceCodes: provinces,
		StartDate: dateString(start), EndDate: dateString(end), PromotedGoods: promoted, Customers: customers,
		Rules: rules, CooperatingTraders: traders, Documents: documentRefs(docs), Captcha: captchaAnswer(captcha),
		IdempotencyKey: key,
	}
}
