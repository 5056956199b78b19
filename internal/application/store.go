package application

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/webhook"
)

// appColumns are the columns appRow reads.
const appColumns = `id, code, account_id, applicant_id_number, agency_code, service_code, service_version,
	case_code, handler, form_data, delivery, fee_amount, fee_currency, status, appointment_date,
	submitted_at, updated_at, enterprise_id, amends_id`

type appRow struct {
	ID                int64         `db:"id"`
	Code              string        `db:"code"`
	AccountID         int64         `db:"account_id"`
	ApplicantIDNumber string        `db:"applicant_id_number"`
	AgencyCode        string        `db:"agency_code"`
	ServiceCode       string        `db:"service_code"`
	ServiceVersion    int           `db:"service_version"`
	CaseCode          string        `db:"case_code"`
	Handler           string        `db:"handler"`
	FormData          []byte        `db:"form_data"`
	Delivery          []byte        `db:"delivery"`
	FeeAmount         int64         `db:"fee_amount"`
	FeeCurrency       string        `db:"fee_currency"`
	Status            string        `db:"status"`
	AppointmentDate   time.Time     `db:"appointment_date"`
	SubmittedAt       time.Time     `db:"submitted_at"`
	UpdatedAt         time.Time     `db:"updated_at"`
	EnterpriseID      sql.NullInt64 `db:"enterprise_id"`
	AmendsID          sql.NullInt64 `db:"amends_id"`
}

func (r appRow) application() (Application, error) {
	a := Application{
		ID: r.ID, Code: r.Code, AccountID: r.AccountID, ApplicantIDNumber: r.ApplicantIDNumber,
		AgencyCode: r.AgencyCode, ServiceCode: r.ServiceCode, ServiceVersion: r.ServiceVersion,
		CaseCode: r.CaseCode, Handler: r.Handler, FormData: json.RawMessage(r.FormData),
		Fee: money.Money{Amount: r.FeeAmount, Currency: r.FeeCurrency}, Status: Status(r.Status),
		AppointmentDate: dateColumn(r.AppointmentDate),
		SubmittedAt:     r.SubmittedAt, UpdatedAt: r.UpdatedAt, EnterpriseID: r.EnterpriseID.Int64,
		AmendsID: r.AmendsID.Int64,
	}
	if err := json.Unmarshal(r.Delivery, &a.Delivery); err != nil {
		return Application{}, fmt.Errorf("decode delivery of application %d: %w", r.ID, err)
	}
	return a, nil
}

// dateColumn returns a date column's value as midnight UTC of that date
// (the driver may hand it over in any zone).
func dateColumn(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// insertApplicationSQL stores an application (submit.pgbench copies it).
const insertApplicationSQL = `INSERT INTO applications (code, account_id, applicant_id_number, agency_code,
		service_code, service_version, case_code, handler, form_data, delivery, fee_amount, fee_currency, status,
		appointment_date, submitted_at, updated_at, open_key, idempotency_key, request_hash, enterprise_id, amends_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17, $18, $19, $20)
		ON CONFLICT (account_id, idempotency_key) DO NOTHING RETURNING id`

// insertApplication stores app and sets its ID. inserted is false when the
// idempotency key already has an application (a racing call won).
func insertApplication(ctx context.Context, tx *sqlx.Tx, app *Application, openKey, idemKey string, hash []byte) (bool, error) {
	delivery, err := json.Marshal(app.Delivery)
	if err != nil {
		return false, fmt.Errorf("encode delivery: %w", err)
	}
	var ent sql.NullInt64
	if app.EnterpriseID != 0 {
		ent = sql.NullInt64{Int64: app.EnterpriseID, Valid: true}
	}
	var amends sql.NullInt64
	if app.AmendsID != 0 {
		amends = sql.NullInt64{Int64: app.AmendsID, Valid: true}
	}
	var open sql.NullString
	if openKey != "" {
		open = sql.NullString{String: openKey, Valid: true}
	}
	err = tx.GetContext(ctx, &app.ID, insertApplicationSQL,
		app.Code, app.AccountID, app.ApplicantIDNumber, app.AgencyCode, app.ServiceCode, app.ServiceVersion,
		app.CaseCode, app.Handler, []byte(app.FormData), delivery, app.Fee.Amount, app.Fee.Currency, string(app.Status),
		app.AppointmentDate, app.SubmittedAt, open, idemKey, hash, ent, amends)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store application: %w", err)
	}
	return true, nil
}

// appendEventSQL adds an event (submit.pgbench copies it).
const appendEventSQL = `INSERT INTO application_events
		(application_id, at, status, action, actor, actor_ref, note, appointment_date)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`

// appendEvent adds an entry to an application's history.
func appendEvent(ctx context.Context, tx *sqlx.Tx, appID int64, e Event, actorRef string) error {
	_, err := tx.ExecContext(ctx, appendEventSQL,
		appID, e.At, string(e.Status), string(e.Action), string(e.Actor), actorRef, e.Note, e.AppointmentDate)
	if err != nil {
		return fmt.Errorf("append %s event to application %d: %w", e.Action, appID, err)
	}
	return nil
}

// WebhookApplication is the application as a partner agency receives it.
type WebhookApplication struct {
	// ID is the global ID to use with transitionApplication.
	ID              string          `json:"id"`
	Code            string          `json:"code"`
	ServiceCode     string          `json:"serviceCode"`
	ServiceVersion  int             `json:"serviceVersion"`
	CaseCode        string          `json:"caseCode"`
	Status          Status          `json:"status"`
	SubmittedAt     time.Time       `json:"submittedAt"`
	AppointmentDate string          `json:"appointmentDate"`
	FormData        json.RawMessage `json:"formData"`
	Delivery        Delivery        `json:"delivery"`
	Fee             money.Money     `json:"fee"`
	Applicant       struct {
		IDNumber string `json:"idNumber"`
	} `json:"applicant"`
	// Enterprise is the enterprise applying through its legal
	// representative (Applicant); absent when a citizen applies for themself.
	Enterprise *WebhookEnterprise `json:"enterprise,omitempty"`
	// Amends is the application this one amends (e.g. the registration of
	// the promotion an amendment changes); absent otherwise.
	Amends *WebhookRef `json:"amends,omitempty"`
	// Documents are the dossier and result documents; their download URLs
	// come from the API (node(id:) { ... on Application { documents } }).
	Documents []WebhookDocument `json:"documents"`
}

// WebhookEnterprise is the applying enterprise in a webhook payload.
type WebhookEnterprise struct {
	TaxCode string `json:"taxCode"`
	Name    string `json:"name"`
}

// WebhookRef refers to another application in a webhook payload.
type WebhookRef struct {
	// ID is the application's global ID.
	ID   string `json:"id"`
	Code string `json:"code"`
}

// WebhookDocument is one document in a webhook payload.
type WebhookDocument struct {
	DocumentCode string `json:"documentCode"`
	Role         string `json:"role"`
	FileName     string `json:"fileName"`
	ContentType  string `json:"contentType"`
	Size         int64  `json:"size"`
	SHA256       string `json:"sha256"`
}

// handOff queues the delivery of app to the partner agency's webhook.
func (s *Service) handOff(ctx context.Context, tx *sqlx.Tx, app Application, v catalogue.ServiceVersion, event string) error {
	payload := WebhookApplication{
		ID: GlobalID(app.ID), Code: app.Code, ServiceCode: app.ServiceCode, ServiceVersion: app.ServiceVersion,
		CaseCode: app.CaseCode, Status: app.Status, SubmittedAt: app.SubmittedAt,
		AppointmentDate: app.AppointmentDate.Format(time.DateOnly), FormData: app.FormData,
		Delivery: app.Delivery, Fee: app.Fee,
	}
	payload.Applicant.IDNumber = app.ApplicantIDNumber
	payload.Documents = []WebhookDocument{}
	if s.documents != nil {
		docs, err := s.documents.ListForTx(ctx, tx, []int64{app.ID})
		if err != nil {
			return fmt.Errorf("documents of %s: %w", app.Code, err)
		}
		for _, d := range docs[app.ID] {
			payload.Documents = append(payload.Documents, WebhookDocument{DocumentCode: d.DocumentCode, Role: string(d.Role),
				FileName: d.FileName, ContentType: d.ContentType, Size: d.Size, SHA256: d.SHA256Hex()})
		}
	}
	if app.EnterpriseID != 0 && s.enterprises != nil {
		e, ok, err := s.enterprises.ByID(ctx, app.EnterpriseID)
		if err != nil {
			return fmt.Errorf("enterprise of %s: %w", app.Code, err)
		}
		if ok {
			payload.Enterprise = &WebhookEnterprise{TaxCode: e.TaxCode, Name: e.Name}
		}
	}
	if app.AmendsID != 0 {
		ref := WebhookRef{ID: GlobalID(app.AmendsID)}
		if err := tx.GetContext(ctx, &ref.Code, `SELECT code FROM applications WHERE id = $1`, app.AmendsID); err != nil {
			return fmt.Errorf("original of %s: %w", app.Code, err)
		}
		payload.Amends = &ref
	}
	_, err := s.webhooks.EnqueueTx(ctx, tx, webhookDelivery(app, v, event, payload))
	if err != nil {
		return fmt.Errorf("hand off application %s: %w", app.Code, err)
	}
	return nil
}

func webhookDelivery(app Application, v catalogue.ServiceVersion, event string, data any) webhook.Delivery {
	return webhook.Delivery{
		Subject: "application:" + strconv.FormatInt(app.ID, 10), Event: event, URL: v.Handler.URL,
		SecretRef: SecretRef(v.ServiceCode, v.Number), Data: data,
	}
}
