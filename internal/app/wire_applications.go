package app

import "context"

// wireApplications builds the applications area's services and hands them to the resolvers.
func (a *App) wireApplications(ctx context.Context) error { return nil }

// loadApplicationsData loads the applications area's reference data (idempotent).
func (a *App) loadApplicationsData(ctx context.Context) error { return nil }
