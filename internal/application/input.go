package application

import (
	"cmp"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/document"
	"github.com/dvcportal/dvcportal/internal/validate"
)

// SubmitInput is a submission for any service.
type SubmitInput struct {
	ServiceCode    string
	CaseCode       string
	FormData       map[string]any
	Delivery       Delivery
	Captcha        captcha.Answer
	IdempotencyKey string
	// EnterpriseID (a global ID), when set: the citizen submits for the
	// enterprise they legally represent, which becomes the applicant.
	EnterpriseID string
	// Documents attach the citizen's uploads against the case's checklist.
	Documents []document.Ref
	// Amends (a global ID), when set: the application this one amends,
	// which the citizen may read, of the same applicant (the same
	// enterprise, or the citizen themself) and agency, and which the
	// handler finds amendable. NOT_FOUND at ["amends"] for an application
	// the citizen may not read (the same as one that does not exist).
	Amends string
}

// valid checks every applications input (package validate's rules and
// messages).
var valid = validate.New()

// Tag lists of the inputs (package validate); max counts characters.
const (
	tagCode = "nonblank,safetext,max=64"
	tagKey  = "nonblank,safetext,max=200"
	tagName = "nonblank,safetext,max=100"
	// A phone number before NormalizeMobile reads it.
	tagPhone  = "nonblank,safetext,max=64"
	tagStreet = "nonblank,safetext,max=200"
	tagNote   = "omitempty,safetext,max=1000"
	// trackApplication's ID number: its shape only (no hint whether an
	// application exists).
	tagTrackIDNumber = "required,idnumber"
)

// maxFormDataLen bounds the form data, in bytes of its JSON.
const maxFormDataLen = 64 << 10

// maxDocuments bounds the documents of one submission.
const maxDocuments = 50

// checkList collects UserErrors.
type checkList = validate.Errors

// checkShape checks what can be checked without any lookup.
func (in SubmitInput) checkShape() error {
	var c checkList
	c.Add(valid.Field(in.ServiceCode, tagCode, "serviceCode"))
	c.Add(valid.Field(in.CaseCode, tagCode, "caseCode"))
	c.Add(valid.Field(in.IdempotencyKey, tagKey, "idempotencyKey"))
	c.Append(valid.StructAt(in.Captcha, "captcha")...)
	if in.Delivery.Method == "" {
		c.Append(apperr.Field(apperr.CodeRequired, msgRequired, "delivery", "method"))
	}
	if b, err := json.Marshal(in.FormData); err != nil || len(b) > maxFormDataLen {
		c.Append(apperr.Field(apperr.CodeInvalid, msgFormData, "formData"))
	}
	if in.EnterpriseID != "" {
		c.Add(valid.Field(in.EnterpriseID, tagKey, "enterpriseId"))
	}
	if in.Amends != "" {
		c.Add(valid.Field(in.Amends, tagKey, "amends"))
	}
	if len(in.Documents) > maxDocuments {
		c.Append(apperr.Field(apperr.CodeInvalid, msgTooManyDocuments, "documents"))
	} else {
		for i, d := range in.Documents {
			c.Add(valid.Field(d.DocumentCode, tagCode, "documents", strconv.Itoa(i), "documentCode"))
			c.Add(valid.Field(d.UploadID, tagCode, "documents", strconv.Itoa(i), "uploadId"))
		}
	}
	return c.Err()
}

// requestHash identifies the input for the idempotency check: SHA-256 over a
// canonical JSON of everything but the captcha (a retry may solve a new one).
// encoding/json writes map keys sorted, so equal form data hashes equally
// whatever the order the client sent.
func (in SubmitInput) requestHash() ([]byte, error) {
	// The documents are a set: the same ones in another order are the
	// same request.
	docs := slices.Clone(in.Documents)
	slices.SortFunc(docs, func(a, b document.Ref) int {
		return cmp.Or(cmp.Compare(a.DocumentCode, b.DocumentCode), cmp.Compare(a.UploadID, b.UploadID))
	})
	b, err := json.Marshal(struct {
		ServiceCode string         `json:"s"`
		CaseCode    string         `json:"c"`
		FormData    map[string]any `json:"f"`
		Delivery    Delivery       `json:"d"`
		Enterprise  string         `json:"e,omitempty"`
		Documents   []document.Ref `json:"o,omitempty"`
		Amends      string         `json:"a,omitempty"`
	}{in.ServiceCode, in.CaseCode, in.FormData, in.Delivery, in.EnterpriseID, docs, in.Amends})
	if err != nil {
		return nil, fmt.Errorf("hash submission: %w", err)
	}
	h := sha256.Sum256(b)
	return h[:], nil
}
