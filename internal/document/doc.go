// Package document owns uploaded documents: their bytes in a blob store
// (gocloud.dev/blob, opened by URL: a folder of the data dir under make run,
// an S3-compatible store in production, so that every process shares it) and
// their metadata in PostgreSQL.
//
// Its tables are uploads (one row per file: owner, name, sniffed type, size,
// SHA-256, storage key, when it was attached) and application_documents
// (which upload is which checklist entry or result of which application).
// An upload belongs to the citizen or agency that sent it; it is attached
// once, in the caller's transaction (the application's submission or the
// agency's transition); one never attached is deleted after OrphanAge by the
// cleanup job. Downloads go through short-lived signed URLs handed out only
// by an authorised read of the application (DownloadURL, ServeHTTP).
package document
