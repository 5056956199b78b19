// Package document owns uploaded documents: their bytes in a blob store
// (gocloud.dev/blob: a folder of the data dir under make run, an
// S3-compatible store by URL in production) and their metadata in
// PostgreSQL (uploads, application_documents).
package document
