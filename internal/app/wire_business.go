package app

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"github.com/riverqueue/river"
	"gocloud.dev/blob"

	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/document"
	"github.com/dvcportal/dvcportal/internal/enterprise"
)

// businessArea is the business registry and the document store.
type businessArea struct {
	enterprises *enterprise.Registry
	documents   *document.Service
}

// newBusiness builds the business registry and the document store (a
// gocloud.dev/blob bucket opened by URL: DVC_DOCUMENT_STORE, or the
// documents folder of the data dir) and registers the hourly cleanup of
// orphaned uploads. Applications use both.
func (a *App) newBusiness(ctx context.Context, bg *background) (businessArea, error) {
	storeURL := a.Config.DocumentStore
	if storeURL == "" {
		dir, err := filepath.Abs(filepath.Join(a.Config.DataDir, "documents"))
		if err != nil {
			return businessArea{}, fmt.Errorf("documents folder: %w", err)
		}
		storeURL = (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir), RawQuery: "create_dir=1&metadata=skip"}).String()
	}
	bucket, err := blob.OpenBucket(ctx, storeURL)
	if err != nil {
		// The URL may hold credentials: say which kind of store only.
		scheme := ""
		if u, perr := url.Parse(storeURL); perr == nil {
			scheme = u.Scheme
		}
		return businessArea{}, fmt.Errorf("open the document store (DVC_DOCUMENT_STORE, %s://…): %w", scheme, err)
	}
	a.onStartStop(func(context.Context) error { return nil }, func(context.Context) error { return bucket.Close() })
	docs, err := document.New(a.DB, bucket, document.Config{
		MaxFile: a.Config.UploadMaxFile, MaxPending: a.Config.UploadMaxPending, URLKey: document.URLKeyFromSecret(a.Config.Secret), BaseURL: a.Config.PublicURL,
	}, a.Logger.With("component", "documents"))
	if err != nil {
		return businessArea{}, err
	}
	if err := river.AddWorkerSafely(bg.workers, document.NewCleanupWorker(docs)); err != nil {
		return businessArea{}, fmt.Errorf("register document cleanup worker: %w", err)
	}
	bg.periodic = append(bg.periodic, river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return document.CleanupArgs{}, nil }, nil))
	return businessArea{enterprises: enterprise.New(a.DB), documents: docs}, nil
}

// loadBusinessData loads the sandbox business registry (SANDBOX_BUSINESSES or
// the built-in file), idempotently; a bad file is refused with the record's
// index and field.
func (a *App) loadBusinessData(ctx context.Context) error {
	es, err := enterprise.ReadFile(a.Config.SandboxBusinesses)
	if err != nil {
		return err
	}
	return a.business.enterprises.Load(ctx, es)
}

// enterprisesAdapter gives the application router the business registry.
type enterprisesAdapter struct{ r *enterprise.Registry }

func (e enterprisesAdapter) Act(ctx context.Context, gid string, field ...string) (application.Enterprise, error) {
	rec, err := e.r.Act(ctx, gid, field...)
	return application.Enterprise{ID: rec.ID, TaxCode: rec.TaxCode, Name: rec.Name}, err
}

func (e enterprisesAdapter) RepresentedBy(ctx context.Context, idNumber string) ([]int64, error) {
	return e.r.RepresentedBy(ctx, idNumber)
}

func (e enterprisesAdapter) ByID(ctx context.Context, id int64) (application.Enterprise, bool, error) {
	rec, ok, err := e.r.ByID(ctx, id)
	return application.Enterprise{ID: rec.ID, TaxCode: rec.TaxCode, Name: rec.Name}, ok, err
}
