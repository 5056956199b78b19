package document

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"gocloud.dev/blob"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

// The content types accepted, as sniffed from the bytes (the file name's
// extension and the client's Content-Type are ignored).
const (
	TypePDF  = "application/pdf"
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
)

var allowed = map[string]bool{TypePDF: true, TypeJPEG: true, TypePNG: true}

// DefaultMaxFile is the default bound on one file (DVC_UPLOAD_MAX_FILE).
const DefaultMaxFile = 20 << 20

// DefaultURLTTL is how long a download URL works.
const DefaultURLTTL = 5 * time.Minute

// DefaultMaxPending bounds the uploads one owner has not yet attached (a
// form in progress needs a handful; the cap stops one account filling the
// store).
const DefaultMaxPending = 50

// OrphanAge is how long an upload may stay unattached before the cleanup
// job deletes it.
const OrphanAge = 24 * time.Hour

// Config tunes the service.
type Config struct {
	// MaxFile bounds one file in bytes (default DefaultMaxFile).
	MaxFile int64
	// URLKey signs download URLs (derived from DVC_SECRET).
	URLKey []byte
	// BaseURL is the public base of download URLs (DVC_PUBLIC_URL).
	BaseURL string
	// URLTTL is the lifetime of a download URL (default DefaultURLTTL).
	URLTTL time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// MaxPending bounds one owner's unattached uploads (default
	// DefaultMaxPending).
	MaxPending int
}

// Service stores uploads and attaches them to applications. Safe for
// concurrent use; every process on the same database and bucket shares it.
type Service struct {
	db     *sqlx.DB
	bucket *blob.Bucket
	cfg    Config
	log    *slog.Logger
	now    func() time.Time
}

// New returns the service on db and bucket.
func New(db *sqlx.DB, bucket *blob.Bucket, cfg Config, log *slog.Logger) (*Service, error) {
	if len(cfg.URLKey) < 32 {
		return nil, errors.New("document: the URL signing key must be at least 32 bytes")
	}
	if cfg.MaxFile <= 0 {
		cfg.MaxFile = DefaultMaxFile
	}
	if cfg.URLTTL <= 0 {
		cfg.URLTTL = DefaultURLTTL
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxPending <= 0 {
		cfg.MaxPending = DefaultMaxPending
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Service{db: db, bucket: bucket, cfg: cfg, log: log, now: cfg.Now}, nil
}

// MaxFile is the bound on one file in bytes.
func (s *Service) MaxFile() int64 { return s.cfg.MaxFile }

// URLKeyFromSecret derives the download URL signing key from DVC_SECRET.
func URLKeyFromSecret(secret []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("dvcportal document download URL v1"))
	return m.Sum(nil)
}

// Upload is an uploaded file.
type Upload struct {
	ID          string
	FileName    string
	ContentType string
	Size        int64
	SHA256      []byte
	CreatedAt   time.Time
}

// SHA256Hex is the checksum in lower-case hex.
func (u Upload) SHA256Hex() string { return hex.EncodeToString(u.SHA256) }

var (
	msgTooLarge = func(max int64) i18n.Text {
		mib := strconv.FormatInt(max>>20, 10)
		return i18n.T("Tệp vượt quá dung lượng cho phép ("+mib+" MiB).", "The file is larger than allowed ("+mib+" MiB).")
	}
	msgType    = i18n.T("Chỉ chấp nhận tệp PDF, JPEG hoặc PNG.", "Only PDF, JPEG or PNG files are accepted.")
	msgEmpty   = i18n.T("Tệp rỗng.", "The file is empty.")
	msgPending = i18n.T("Bạn có quá nhiều tệp chưa đính kèm hồ sơ; hãy nộp hồ sơ hoặc chờ tệp cũ được xóa (sau 24 giờ).",
		"Too many uploads not yet attached to an application; submit, or wait for old ones to be deleted (after 24 hours).")
)

// owner names who uploaded: a citizen's account or an agency.
func owner(a auth.Actor) (string, error) {
	switch a.Kind {
	case auth.Citizen:
		return "account:" + strconv.FormatInt(a.AccountID, 10), nil
	case auth.Agency:
		return "agency:" + a.AgencyCode, nil
	}
	return "", apperr.ErrUnauthenticated
}

// Upload stores one file for the calling citizen or agency: FILE_TOO_LARGE
// above MaxFile (size is what the transport says; the bytes are counted
// too), INVALID when empty, FILE_TYPE_NOT_ALLOWED unless its bytes are a
// PDF, a JPEG or a PNG. Field paths start with "file".
func (s *Service) Upload(ctx context.Context, fileName string, size int64, r io.Reader) (Upload, error) {
	who, err := owner(auth.FromContext(ctx))
	if err != nil {
		return Upload{}, err
	}
	tooLarge := apperr.Invalid(apperr.Field(apperr.CodeFileTooLarge, msgTooLarge(s.cfg.MaxFile), "file"))
	if size > s.cfg.MaxFile {
		return Upload{}, tooLarge
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return Upload{}, fmt.Errorf("read upload: %w", err)
	}
	head = head[:n]
	if n == 0 {
		return Upload{}, apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgEmpty, "file"))
	}
	var pending int
	if err := s.db.GetContext(ctx, &pending, `SELECT count(*) FROM uploads WHERE owner = $1 AND attached_at IS NULL`, who); err != nil {
		return Upload{}, fmt.Errorf("count pending uploads: %w", err)
	}
	if pending >= s.cfg.MaxPending {
		return Upload{}, apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgPending, "file"))
	}
	ctype := sniff(head)
	if !allowed[ctype] {
		return Upload{}, apperr.Invalid(apperr.Field(apperr.CodeFileTypeNotAllowed, msgType, "file"))
	}
	id, err := newID()
	if err != nil {
		return Upload{}, err
	}
	key := "uploads/" + id
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := s.bucket.NewWriter(wctx, key, &blob.WriterOptions{ContentType: ctype})
	if err != nil {
		return Upload{}, fmt.Errorf("open blob %s: %w", key, err)
	}
	h := sha256.New()
	written, err := io.Copy(io.MultiWriter(w, h), io.MultiReader(bytes.NewReader(head), io.LimitReader(r, s.cfg.MaxFile+1-int64(n))))
	if err == nil && written > s.cfg.MaxFile {
		err = tooLarge
	}
	if err != nil {
		cancel() // the writer discards what it has
		_ = w.Close()
		if errors.Is(err, tooLarge) {
			return Upload{}, err
		}
		return Upload{}, fmt.Errorf("write blob %s: %w", key, err)
	}
	if err := w.Close(); err != nil {
		return Upload{}, fmt.Errorf("close blob %s: %w", key, err)
	}
	u := Upload{ID: id, FileName: cleanName(fileName), ContentType: ctype, Size: written, SHA256: h.Sum(nil),
		CreatedAt: s.now().UTC().Truncate(time.Microsecond)}
	_, err = s.db.ExecContext(ctx, `INSERT INTO uploads (id, owner, file_name, content_type, size, sha256, storage_key, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, u.ID, who, u.FileName, u.ContentType, u.Size, u.SHA256, key, u.CreatedAt)
	if err != nil {
		if derr := s.bucket.Delete(context.WithoutCancel(ctx), key); derr != nil {
			s.log.Warn("delete blob of a failed upload", "key", key, "err", derr)
		}
		return Upload{}, fmt.Errorf("store upload metadata: %w", err)
	}
	return u, nil
}

// sniff returns the content type of a file from its first bytes.
func sniff(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return TypePDF
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return TypeJPEG
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG
	}
	return http.DetectContentType(head)
}

func newID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("upload ID: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// cleanName keeps the base name of what the client sent, without control
// characters, at most 255 characters; "document" when nothing is left.
func cleanName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "")
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if r := []rune(name); len(r) > 255 {
		name = string(r[:255])
	}
	if name == "" || name == "." || name == "/" {
		return "document"
	}
	return name
}
