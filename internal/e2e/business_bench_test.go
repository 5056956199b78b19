package e2e_test

import (
	"net/http"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/config"
)

// BenchmarkUpload1MB measures uploadDocument of a 1 MB PDF through the real
// HTTP handler (multipart parsing, sniffing, SHA-256, the file blob store in
// the data dir, the metadata row): ns/op is one upload, MB/s the throughput.
// Run: go test ./internal/e2e -run X -bench Upload1MB -benchtime 100x
func BenchmarkUpload1MB(b *testing.B) {
	srv := apitest.New(b, apitest.WithConfig(func(c *config.Config) { c.UploadMaxPending = 1 << 20 }))
	token := appRegister(b, srv, appAn)
	file := bizPDF(1 << 20)
	b.SetBytes(int64(len(file)))
	b.ResetTimer()
	for b.Loop() {
		resp := srv.Upload(b, token, bizUploadQuery, nil, "file", "ho-so.pdf", file)
		if resp.Status != http.StatusOK || len(resp.Errors) > 0 {
			b.Fatalf("upload: %s", resp)
		}
	}
}

// BenchmarkUpload1MBParallel is the same with concurrent uploads.
func BenchmarkUpload1MBParallel(b *testing.B) {
	srv := apitest.New(b, apitest.WithConfig(func(c *config.Config) { c.UploadMaxPending = 1 << 20 }))
	token := appRegister(b, srv, appAn)
	file := bizPDF(1 << 20)
	b.SetBytes(int64(len(file)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp := srv.Upload(b, token, bizUploadQuery, nil, "file", "ho-so.pdf", file)
			if resp.Status != http.StatusOK || len(resp.Errors) > 0 {
				b.Errorf("upload: %s", resp)
				return
			}
		}
	})
}
