package document

import (
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// DownloadPath is where the download handler is mounted.
const DownloadPath = "/documents/"

// DownloadURL returns a short-lived signed URL of an attached document. Only
// call it for a document the caller has read through an authorised read of
// its application: the URL is the authorisation.
func (s *Service) DownloadURL(d Document) string {
	exp := s.now().Add(s.cfg.URLTTL).Unix()
	q := url.Values{"e": {strconv.FormatInt(exp, 10)}, "s": {s.sign(d.ApplicationID, d.ID, exp)}}
	return s.cfg.BaseURL + DownloadPath + strconv.FormatInt(d.ApplicationID, 10) + "/" + d.ID + "?" + q.Encode()
}

func (s *Service) sign(appID int64, uploadID string, exp int64) string {
	m := hmac.New(sha256.New, s.cfg.URLKey)
	fmt.Fprintf(m, "%d.%s.%d", appID, uploadID, exp)
	return hex.EncodeToString(m.Sum(nil))
}

// ServeHTTP serves GET /documents/<application>/<upload>?e=<expiry>&s=<sig>:
// 404 for anything not signed by this portal, expired, or not attached to
// that application (no hint which).
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	appPart, uploadID, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, DownloadPath), "/")
	appID, err := strconv.ParseInt(appPart, 10, 64)
	exp, err2 := strconv.ParseInt(r.URL.Query().Get("e"), 10, 64)
	sig, err3 := hex.DecodeString(r.URL.Query().Get("s"))
	if !ok || err != nil || err2 != nil || err3 != nil || s.now().Unix() > exp {
		http.NotFound(w, r)
		return
	}
	want, _ := hex.DecodeString(s.sign(appID, uploadID, exp))
	if !hmac.Equal(sig, want) {
		http.NotFound(w, r)
		return
	}
	var row struct {
		Key         string `db:"storage_key"`
		FileName    string `db:"file_name"`
		ContentType string `db:"content_type"`
		Size        int64  `db:"size"`
	}
	err = s.db.GetContext(r.Context(), &row, `SELECT u.storage_key, u.file_name, u.content_type, u.size
		FROM application_documents d JOIN uploads u ON u.id = d.upload_id
		WHERE d.application_id = $1 AND d.upload_id = $2`, appID, uploadID)
	if errors.Is(err, sql.ErrNoRows) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.log.Error("document download", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	rd, err := s.bucket.NewReader(r.Context(), row.Key, nil)
	if err != nil {
		s.log.Error("document download: open blob", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer rd.Close()
	h := w.Header()
	h.Set("Content-Type", row.ContentType)
	h.Set("Content-Length", strconv.FormatInt(row.Size, 10))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": row.FileName}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	if r.Method == http.MethodHead {
		return
	}
	if _, err := io.Copy(w, rd); err != nil {
		s.log.Warn("document download interrupted", "err", err)
	}
}
