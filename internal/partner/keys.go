package partner

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/auth"
)

// Prefix starts every agency API key.
const Prefix = "dvca_"

// keyBytes is the number of random bytes in a key.
const keyBytes = 32

// keyLen is the length of a well-formed key.
var keyLen = len(Prefix) + base64.RawURLEncoding.EncodedLen(keyBytes)

// DefaultScopes are the scopes of a key created without any (auth.Scopes:
// all of them, as keys were before scopes were enforced).
var DefaultScopes = auth.Scopes

// Errors of key management.
var (
	ErrUnknownAgency = errors.New("unknown agency")
	ErrUnknownKey    = errors.New("unknown or already revoked API key")
	ErrUnknownScope  = errors.New("unknown scope")
)

// Client is an API client (one key) of an agency.
type Client struct {
	ID         int64      `db:"id"`
	AgencyCode string     `db:"agency_code"`
	KeyHint    string     `db:"key_hint"`
	Label      string     `db:"label"`
	Scopes     []string   `db:"-"`
	CreatedAt  time.Time  `db:"created_at"`
	RevokedAt  *time.Time `db:"revoked_at"`
}

// Keys creates, revokes and checks agency API keys.
type Keys struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewKeys returns Keys over db.
func NewKeys(db *sqlx.DB) *Keys {
	return &Keys{db: db, now: time.Now}
}

// keyLookupSQL is Authenticate's statement (every agency API request; each
// pooled connection keeps it prepared: postgres' statement cache).
const keyLookupSQL = `SELECT id, agency_code, scopes FROM partner_api_clients WHERE key_hash = $1 AND revoked_at IS NULL`

func hashKey(key string) []byte {
	sum := sha256.Sum256([]byte(key))
	return sum[:]
}

// Create makes a new key for agency holding scopes (DefaultScopes when
// none) and returns the client and the key. The key is not stored and
// cannot be shown again.
func (k *Keys) Create(ctx context.Context, agency, label string, scopes ...string) (Client, string, error) {
	scopes, err := checkScopes(scopes)
	if err != nil {
		return Client{}, "", err
	}
	b := make([]byte, keyBytes)
	if _, err := rand.Read(b); err != nil {
		return Client{}, "", fmt.Errorf("generate API key: %w", err)
	}
	key := Prefix + base64.RawURLEncoding.EncodeToString(b)
	c := Client{AgencyCode: agency, KeyHint: key[:len(Prefix)+4], Label: label, Scopes: scopes, CreatedAt: k.now().UTC()}
	err = k.db.GetContext(ctx, &c.ID, `
INSERT INTO partner_api_clients (agency_code, key_hash, key_hint, label, scopes, created_at)
SELECT code, $2, $3, $4, $5, $6 FROM catalogue_agencies WHERE code = $1
RETURNING id`, agency, hashKey(key), c.KeyHint, label, pq.StringArray(c.Scopes), c.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Client{}, "", fmt.Errorf("create API key for %q: %w", agency, ErrUnknownAgency)
	}
	if err != nil {
		return Client{}, "", fmt.Errorf("create API key for %s: %w", agency, err)
	}
	return c, key, nil
}

// Revoke revokes the key with id; the next request with it is anonymous.
func (k *Keys) Revoke(ctx context.Context, id int64) error {
	res, err := k.db.ExecContext(ctx, `UPDATE partner_api_clients SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, id, k.now().UTC())
	if err != nil {
		return fmt.Errorf("revoke API key %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("revoke API key %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("revoke API key %d: %w", id, ErrUnknownKey)
	}
	return nil
}

// List returns the keys of agency (all agencies when empty), newest first.
func (k *Keys) List(ctx context.Context, agency string) ([]Client, error) {
	rows, err := k.db.QueryxContext(ctx, `
SELECT id, agency_code, key_hint, label, scopes, created_at, revoked_at FROM partner_api_clients
WHERE $1 = '' OR agency_code = $1 ORDER BY id DESC`, agency)
	if err != nil {
		return nil, fmt.Errorf("list API keys: %w", err)
	}
	defer rows.Close()
	var out []Client
	for rows.Next() {
		var c Client
		var scopes pq.StringArray
		if err := rows.Scan(&c.ID, &c.AgencyCode, &c.KeyHint, &c.Label, &scopes, &c.CreatedAt, &c.RevokedAt); err != nil {
			return nil, fmt.Errorf("list API keys: %w", err)
		}
		c.Scopes = scopes
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list API keys: %w", err)
	}
	return out, nil
}

// Authenticate implements auth.Authenticator: a well-formed, known,
// unrevoked key is an Agency actor; anything else is auth.ErrInvalidToken.
// The lookup is by hash, so timing reveals nothing about stored keys.
func (k *Keys) Authenticate(ctx context.Context, token string) (auth.Actor, error) {
	if len(token) != keyLen || !strings.HasPrefix(token, Prefix) {
		return auth.Actor{}, auth.ErrInvalidToken
	}
	if _, err := base64.RawURLEncoding.DecodeString(token[len(Prefix):]); err != nil {
		return auth.Actor{}, auth.ErrInvalidToken
	}
	var row struct {
		ID         int64          `db:"id"`
		AgencyCode string         `db:"agency_code"`
		Scopes     pq.StringArray `db:"scopes"`
	}
	err := k.db.GetContext(ctx, &row, keyLookupSQL, hashKey(token))
	if errors.Is(err, sql.ErrNoRows) {
		return auth.Actor{}, auth.ErrInvalidToken
	}
	if err != nil {
		return auth.Actor{}, fmt.Errorf("authenticate API key: %w", err)
	}
	return auth.Actor{Kind: auth.Agency, AgencyCode: row.AgencyCode, APIClientID: row.ID, Scopes: row.Scopes}, nil
}

// ParseScopes reads a comma-separated list of scopes (the CLI's --scope);
// empty means DefaultScopes.
func ParseScopes(list string) ([]string, error) {
	var out []string
	for _, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return checkScopes(out)
}

// checkScopes refuses an unknown scope and removes repeats; none is
// DefaultScopes.
func checkScopes(scopes []string) ([]string, error) {
	if len(scopes) == 0 {
		return DefaultScopes, nil
	}
	var out []string
	for _, s := range scopes {
		if !slices.Contains(auth.Scopes, s) {
			return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownScope, s, strings.Join(auth.Scopes, ", "))
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out, nil
}
