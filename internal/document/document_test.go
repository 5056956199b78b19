package document_test

import (
	"bytes"
	"cmp"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"gocloud.dev/blob"
	"gocloud.dev/blob/fileblob"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/document"
	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/postgres"
)

func newService(t *testing.T) (*document.Service, *sqlx.DB, *blob.Bucket) {
	t.Helper()
	return newServiceAt(t, time.Now)
}

func newServiceAt(t *testing.T, now func() time.Time) (*document.Service, *sqlx.DB, *blob.Bucket) {
	t.Helper()
	db := pgtest.NewDB(t)
	bucket, err := fileblob.OpenBucket(t.TempDir(), &fileblob.Options{Metadata: fileblob.MetadataDontWrite})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bucket.Close() })
	svc, err := document.New(db, bucket, document.Config{MaxFile: 1 << 16, URLKey: bytes.Repeat([]byte{7}, 32), BaseURL: "https://dvc.example",
		Now: now, MaxPending: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return svc, db, bucket
}

func citizen(id int64) context.Context {
	return auth.WithActor(context.Background(), auth.Actor{Kind: auth.Citizen, AccountID: id, IDNumber: "001090012345"})
}

var pdf = []byte("%PDF-1.7\nhello\n%%EOF")

// insertApplication stands in for the applications package: the smallest
// row the foreign key needs.
func insertApplication(t *testing.T, db *sqlx.DB) int64 {
	t.Helper()
	var id int64
	err := db.Get(&id, `INSERT INTO applications (code, account_id, applicant_id_number, agency_code, service_code,
		service_version, case_code, handler, form_data, delivery, fee_amount, fee_currency, status, appointment_date,
		submitted_at, updated_at, idempotency_key, request_hash)
		VALUES ('X-1', 1, '001090012345', 'SCT-79', 'S', 1, 'NEW', 'form', '{}', '{}', 0, 'VND', 'SUBMITTED', now(), now(), now(), 'k', 'h')
		RETURNING id`)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestOrphansAreDeletedAttachedUploadsKept(t *testing.T) {
	t.Parallel()
	svc, db, bucket := newService(t)
	ctx := citizen(1)
	kept, err := svc.Upload(ctx, "a.pdf", int64(len(pdf)), bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	orphan, err := svc.Upload(ctx, "b.pdf", int64(len(pdf)), bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := svc.Upload(ctx, "c.pdf", int64(len(pdf)), bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	app := insertApplication(t, db)
	err = postgres.InTx(ctx, db, func(tx *sqlx.Tx) error {
		return svc.AttachTx(ctx, tx, []int64{app}, []document.Ref{{DocumentCode: "D1", UploadID: kept.ID}}, document.RoleApplicant,
			func(int) []string { return []string{"documents"} })
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE uploads SET created_at = now() - interval '2 days' WHERE id IN ($1, $2)`, kept.ID, orphan.ID); err != nil {
		t.Fatal(err)
	}
	n, err := svc.DeleteOrphans(context.Background(), time.Now().Add(-document.OrphanAge))
	if err != nil || n != 1 {
		t.Fatalf("DeleteOrphans = %d, %v; want 1", n, err)
	}
	for _, tt := range []struct {
		id   string
		want bool
	}{{kept.ID, true}, {orphan.ID, false}, {fresh.ID, true}} {
		var rows int
		_ = db.Get(&rows, `SELECT count(*) FROM uploads WHERE id = $1`, tt.id)
		exists, err := bucket.Exists(context.Background(), "uploads/"+tt.id)
		if err != nil {
			t.Fatal(err)
		}
		if (rows == 1) != tt.want || exists != tt.want {
			t.Errorf("upload %s: row %d, blob %v; want kept=%v", tt.id, rows, exists, tt.want)
		}
	}
}

func TestAnUploadIsAttachedOnceByItsOwnerOnly(t *testing.T) {
	t.Parallel()
	svc, db, _ := newService(t)
	u, err := svc.Upload(citizen(1), "a.pdf", int64(len(pdf)), bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	app := insertApplication(t, db)
	attach := func(ctx context.Context) error {
		return postgres.InTx(ctx, db, func(tx *sqlx.Tx) error {
			return svc.AttachTx(ctx, tx, []int64{app}, []document.Ref{{DocumentCode: "D1", UploadID: u.ID}}, document.RoleApplicant,
				func(i int) []string { return []string{"documents", "0", "uploadId"} })
		})
	}
	isInvalid := func(err error) bool {
		ues, ok := apperr.AsUserErrors(err)
		return ok && len(ues) == 1 && ues[0].Code == apperr.CodeInvalid && strings.Join(ues[0].Field, ".") == "documents.0.uploadId"
	}
	if err := attach(citizen(2)); !isInvalid(err) {
		t.Errorf("another citizen attaching: %v, want INVALID at documents.0.uploadId", err)
	}
	if err := attach(citizen(1)); err != nil {
		t.Fatalf("the owner attaching: %v", err)
	}
	if err := attach(citizen(1)); !isInvalid(err) {
		t.Errorf("attaching again: %v, want INVALID", err)
	}
}

func TestDownloadURLIsSignedAndExpires(t *testing.T) {
	t.Parallel()
	clock := time.Now()
	svc, db, _ := newServiceAt(t, func() time.Time { return clock })
	ctx := citizen(1)
	u, err := svc.Upload(ctx, "ảnh \"hồ sơ\".pdf", int64(len(pdf)), bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	app := insertApplication(t, db)
	if err := postgres.InTx(ctx, db, func(tx *sqlx.Tx) error {
		return svc.AttachTx(ctx, tx, []int64{app}, []document.Ref{{DocumentCode: "D1", UploadID: u.ID}}, document.RoleApplicant,
			func(int) []string { return nil })
	}); err != nil {
		t.Fatal(err)
	}
	docs, err := svc.ListFor(ctx, []int64{app})
	if err != nil || len(docs[app]) != 1 {
		t.Fatalf("ListFor = %v, %v", docs, err)
	}
	raw := svc.DownloadURL(docs[app][0])
	if !strings.HasPrefix(raw, "https://dvc.example/documents/") {
		t.Fatalf("URL %s is not on the public base", raw)
	}
	get := func(target string) *httptest.ResponseRecorder {
		u, _ := url.Parse(target)
		rec := httptest.NewRecorder()
		svc.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, u.RequestURI(), nil))
		return rec
	}
	rec := get(raw)
	if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), pdf) {
		t.Fatalf("download: %d %q", rec.Code, rec.Body.String())
	}
	for h, want := range map[string]string{"Content-Type": "application/pdf", "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"} {
		if got := rec.Header().Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || strings.Contains(cd, "\n") {
		t.Errorf("Content-Disposition = %q", cd)
	}
	expired := strings.Replace(raw, "e=", "e=1", 1) // a different expiry: the signature no longer matches
	if rec := get(expired); rec.Code != http.StatusNotFound {
		t.Errorf("altered expiry: %d, want 404", rec.Code)
	}
	clock = clock.Add(document.DefaultURLTTL - time.Second)
	if rec := get(raw); rec.Code != http.StatusOK {
		t.Errorf("a second before expiry: %d, want 200", rec.Code)
	}
	clock = clock.Add(2 * time.Second)
	if rec := get(raw); rec.Code != http.StatusNotFound {
		t.Errorf("expired: %d, want 404", rec.Code)
	}
}

func TestPendingUploadsAreBoundedPerOwner(t *testing.T) {
	t.Parallel()
	svc, db, _ := newService(t)
	up := func(ctx context.Context) error {
		_, err := svc.Upload(ctx, "a.pdf", int64(len(pdf)), bytes.NewReader(pdf))
		return err
	}
	var first string
	for i := range 3 {
		u, err := svc.Upload(citizen(1), "a.pdf", int64(len(pdf)), bytes.NewReader(pdf))
		if err != nil {
			t.Fatalf("upload %d: %v", i, err)
		}
		first = cmp.Or(first, u.ID)
	}
	if err := up(citizen(1)); err == nil {
		t.Fatal("a fourth pending upload was accepted")
	} else if ues, ok := apperr.AsUserErrors(err); !ok || ues[0].Code != apperr.CodeInvalid || ues[0].Field[0] != "file" {
		t.Fatalf("fourth upload: %v, want INVALID at file", err)
	}
	if err := up(citizen(2)); err != nil {
		t.Errorf("another citizen is not bounded by the first one's uploads: %v", err)
	}
	app := insertApplication(t, db)
	ctx := citizen(1)
	if err := postgres.InTx(ctx, db, func(tx *sqlx.Tx) error {
		return svc.AttachTx(ctx, tx, []int64{app}, []document.Ref{{DocumentCode: "D1", UploadID: first}}, document.RoleApplicant,
			func(int) []string { return nil })
	}); err != nil {
		t.Fatal(err)
	}
	if err := up(citizen(1)); err != nil {
		t.Errorf("after attaching one: %v", err)
	}
}
