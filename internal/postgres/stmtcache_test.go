package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/postgres"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestStatementCache runs queries with arguments through Open's pool on one
// connection again and again: the values go in and come out as lib/pq's
// own path gives them, the connection holds them as prepared statements,
// a statement evicted or made stale by a schema change is prepared again.
func TestStatementCache(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.URLFor(t, pgtest.NewDB(t)), 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	// One connection (Open above): every query below meets its cache.

	if _, err := db.Exec(`CREATE TABLE cache_probe (id bigint PRIMARY KEY, doc jsonb, raw bytea, tags text[], at timestamptz, note text)`); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 30, 4, 31, 39, 663705000, time.UTC)
	for i := range 3 { // the first run prepares, the others reuse
		var note *string
		if i == 1 {
			s := "có dấu"
			note = &s
		}
		doc, _ := json.Marshal(map[string]int{"i": i})
		if _, err := db.Exec(`INSERT INTO cache_probe (id, doc, raw, tags, at, note) VALUES ($1, $2, $3, $4, $5, $6)`,
			i, doc, []byte{0, 1, 0xff}, pq.Array([]string{"a", "b,c"}), at, note); err != nil {
			t.Fatalf("insert %d: %v", i, err)
		}
		var got struct {
			Doc  []byte         `db:"doc"`
			Raw  []byte         `db:"raw"`
			Tags pq.StringArray `db:"tags"`
			At   time.Time      `db:"at"`
			Note *string        `db:"note"`
		}
		if err := db.Get(&got, `SELECT doc, raw, tags, at, note FROM cache_probe WHERE id = $1`, i); err != nil {
			t.Fatalf("select %d: %v", i, err)
		}
		if string(got.Doc) != fmt.Sprintf(`{"i": %d}`, i) || string(got.Raw) != "\x00\x01\xff" ||
			len(got.Tags) != 2 || got.Tags[1] != "b,c" || !got.At.Equal(at) || (got.Note != nil) != (note != nil) {
			t.Errorf("round %d: got %s %x %q %v %v", i, got.Doc, got.Raw, got.Tags, got.At, got.Note)
		}
	}
	prepared := func() int {
		var n int
		if err := db.Get(&n, `SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%cache_probe%'`); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := prepared(); n != 2 {
		t.Errorf("prepared statements on the connection: got %d, want 2 (the insert and the select)", n)
	}

	// The table changes shape: the cached SELECT fails once (PostgreSQL's
	// "cached plan must not change result type") and is prepared again.
	if _, err := db.Exec(`ALTER TABLE cache_probe DROP COLUMN note`); err != nil {
		t.Fatal(err)
	}
	var id int64
	q := `SELECT * FROM cache_probe WHERE id = $1`
	if err := db.QueryRow(q, 0).Scan(new(int64), new([]byte), new([]byte), new(pq.StringArray), new(time.Time)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`ALTER TABLE cache_probe ADD COLUMN extra int`); err != nil {
		t.Fatal(err)
	}
	_ = db.QueryRow(q, 0).Scan(&id) // may fail: the statement went stale
	var cols []any
	for range 6 {
		cols = append(cols, new(any))
	}
	if err := db.QueryRow(q, 0).Scan(cols...); err != nil {
		t.Errorf("after the schema change, the query was not prepared again: %v", err)
	}

	// More distinct queries than the cache holds: the oldest are closed.
	for i := range 300 {
		if err := db.Get(&id, fmt.Sprintf(`SELECT $1::bigint + %d`, i), 1); err != nil {
			t.Fatalf("query %d: %v", i, err)
		}
		if id != int64(1+i) {
			t.Fatalf("query %d: got %d", i, id)
		}
	}
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM pg_prepared_statements`); err != nil {
		t.Fatal(err)
	}
	if n > 256 || n < 200 {
		t.Errorf("prepared statements after 300 distinct queries: got %d, want at most 256 (and most of them)", n)
	}
}
