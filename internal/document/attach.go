package document

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

// Role says what an attached document is to its application.
type Role string

// The roles.
const (
	// RoleApplicant: part of the applicant's dossier.
	RoleApplicant Role = "APPLICANT"
	// RoleResult: the agency's result document (e.g. a confirmation letter).
	RoleResult Role = "RESULT"
)

// ResultCode is the document code of a result document.
const ResultCode = "RESULT"

// Ref attaches one upload as the document with a checklist code.
type Ref struct {
	DocumentCode string `json:"documentCode"`
	UploadID     string `json:"uploadId"`
}

var msgUnknownUpload = i18n.T("Không tìm thấy tệp đã tải lên, hoặc tệp đã được dùng cho hồ sơ khác.",
	"No such upload, or it is already part of another application.")

// AttachTx attaches the caller's uploads to applications in the caller's
// transaction (the same upload to each of them: a notification fanned out to
// several agencies). An upload that does not exist, is someone else's, is
// already attached, or is named twice is INVALID at pathOf(its index);
// nothing is attached then.
func (s *Service) AttachTx(ctx context.Context, tx *sqlx.Tx, appIDs []int64, refs []Ref, role Role, pathOf func(int) []string) error {
	if len(refs) == 0 || len(appIDs) == 0 {
		return nil
	}
	who, err := owner(auth.FromContext(ctx))
	if err != nil {
		return err
	}
	bad := func(i int) error {
		return apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgUnknownUpload, pathOf(i)...))
	}
	ids := make([]string, len(refs))
	seen := map[string]bool{}
	for i, r := range refs {
		if seen[r.UploadID] {
			return bad(i)
		}
		seen[r.UploadID] = true
		ids[i] = r.UploadID
	}
	var claimed []string
	// Rows another transaction is attaching wait for it, then no longer
	// match attached_at IS NULL: an upload is attached once.
	err = tx.SelectContext(ctx, &claimed, `UPDATE uploads SET attached_at = $3
		WHERE id = ANY($1) AND owner = $2 AND attached_at IS NULL RETURNING id`,
		pq.Array(ids), who, s.now().UTC())
	if err != nil {
		return fmt.Errorf("claim uploads: %w", err)
	}
	if len(claimed) != len(ids) {
		got := map[string]bool{}
		for _, id := range claimed {
			got[id] = true
		}
		for i, id := range ids {
			if !got[id] {
				return bad(i)
			}
		}
	}
	for _, app := range appIDs {
		for _, r := range refs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO application_documents (application_id, upload_id, document_code, role)
				VALUES ($1, $2, $3, $4)`, app, r.UploadID, r.DocumentCode, string(role)); err != nil {
				return fmt.Errorf("attach upload to application %d: %w", app, err)
			}
		}
	}
	return nil
}

// Document is an upload attached to an application.
type Document struct {
	Upload
	ApplicationID int64
	DocumentCode  string
	Role          Role
}

// ListFor returns the documents of applications, dossier first then results,
// each in upload order. The caller has obtained the applications through an
// authorised read.
func (s *Service) ListFor(ctx context.Context, appIDs []int64) (map[int64][]Document, error) {
	return list(ctx, s.db, appIDs)
}

// ListForTx is ListFor inside the caller's transaction (documents it has
// just attached).
func (s *Service) ListForTx(ctx context.Context, tx *sqlx.Tx, appIDs []int64) (map[int64][]Document, error) {
	return list(ctx, tx, appIDs)
}

func list(ctx context.Context, q sqlx.QueryerContext, appIDs []int64) (map[int64][]Document, error) {
	var rows []struct {
		AppID       int64  `db:"application_id"`
		Code        string `db:"document_code"`
		Role        string `db:"role"`
		ID          string `db:"id"`
		FileName    string `db:"file_name"`
		ContentType string `db:"content_type"`
		Size        int64  `db:"size"`
		SHA256      []byte `db:"sha256"`
	}
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT d.application_id, d.document_code, d.role, u.id, u.file_name,
		u.content_type, u.size, u.sha256
		FROM application_documents d JOIN uploads u ON u.id = d.upload_id
		WHERE d.application_id = ANY($1) ORDER BY d.application_id, d.role, u.created_at, u.id`, pq.Array(appIDs))
	if err != nil {
		return nil, fmt.Errorf("documents of applications: %w", err)
	}
	out := map[int64][]Document{}
	for _, r := range rows {
		out[r.AppID] = append(out[r.AppID], Document{ApplicationID: r.AppID, DocumentCode: r.Code, Role: Role(r.Role),
			Upload: Upload{ID: r.ID, FileName: r.FileName, ContentType: r.ContentType, Size: r.Size, SHA256: r.SHA256}})
	}
	return out, nil
}
