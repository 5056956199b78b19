package application

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/document"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

// SubmitInput is a submission for any service.
type SubmitInput struct {
	ServiceCode    string
	CaseCode       string
	FormData       map[string]any
	Delivery       Delivery
	Captcha        CaptchaAnswer
	IdempotencyKey string
	// EnterpriseID (a global ID), when set: the citizen submits for the
	// enterprise they legally represent, which becomes the applicant.
	EnterpriseID string
	// Documents attach the citizen's uploads against the case's checklist.
	Documents []document.Ref
}

// CaptchaAnswer is the captcha the citizen solved.
type CaptchaAnswer struct {
	ID     string
	Answer string
}

// Limits on free text and form data.
const (
	maxCode        = 64
	maxKey         = 200
	maxCaptcha     = 128
	maxStreet      = 200
	maxName        = 100
	maxNote        = 1000
	maxFormDataLen = 64 << 10
	maxDocuments   = 50
)

// checkList collects UserErrors.
type checkList []apperr.UserError

func (c *checkList) add(code string, msg i18n.Text, path ...string) {
	*c = append(*c, apperr.Field(code, msg, path...))
}

// text checks a required free-text field: present, valid UTF-8 without
// control characters, at most max bytes.
func (c *checkList) text(s string, maxLen int, path ...string) bool {
	switch {
	case strings.TrimSpace(s) == "":
		c.add(apperr.CodeRequired, msgRequired, path...)
		return false
	case !safeText(s, maxLen):
		c.add(apperr.CodeInvalid, msgBadText, path...)
		return false
	}
	return true
}

func (c *checkList) err() error { return apperr.Invalid(*c...) }

// safeText: valid UTF-8, no NUL or control characters, at most maxLen bytes.
func safeText(s string, maxLen int) bool {
	if len(s) > maxLen || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// checkShape checks what can be checked without any lookup.
func (in SubmitInput) checkShape() error {
	var c checkList
	c.text(in.ServiceCode, maxCode, "serviceCode")
	c.text(in.CaseCode, maxCode, "caseCode")
	c.text(in.IdempotencyKey, maxKey, "idempotencyKey")
	c.text(in.Captcha.ID, maxCaptcha, "captcha", "id")
	c.text(in.Captcha.Answer, maxCaptcha, "captcha", "answer")
	if in.Delivery.Method == "" {
		c.add(apperr.CodeRequired, msgRequired, "delivery", "method")
	}
	if b, err := json.Marshal(in.FormData); err != nil || len(b) > maxFormDataLen {
		c.add(apperr.CodeInvalid, msgFormData, "formData")
	}
	if len(in.EnterpriseID) > maxKey {
		c.add(apperr.CodeInvalid, msgBadText, "enterpriseId")
	}
	if len(in.Documents) > maxDocuments {
		c.add(apperr.CodeInvalid, msgTooManyDocuments, "documents")
	}
	for i, d := range in.Documents {
		c.text(d.DocumentCode, maxCode, "documents", strconv.Itoa(i), "documentCode")
		c.text(d.UploadID, maxCode, "documents", strconv.Itoa(i), "uploadId")
	}
	return c.err()
}

// requestHash identifies the input for the idempotency check: SHA-256 over a
// canonical JSON of everything but the captcha (a retry may solve a new one).
// encoding/json writes map keys sorted, so equal form data hashes equally
// whatever the order the client sent.
func (in SubmitInput) requestHash() ([]byte, error) {
	b, err := json.Marshal(struct {
		ServiceCode string         `json:"s"`
		CaseCode    string         `json:"c"`
		FormData    map[string]any `json:"f"`
		Delivery    Delivery       `json:"d"`
		Enterprise  string         `json:"e,omitempty"`
		Documents   []document.Ref `json:"o,omitempty"`
	}{in.ServiceCode, in.CaseCode, in.FormData, in.Delivery, in.EnterpriseID, in.Documents})
	if err != nil {
		return nil, fmt.Errorf("hash submission: %w", err)
	}
	h := sha256.Sum256(b)
	return h[:], nil
}
