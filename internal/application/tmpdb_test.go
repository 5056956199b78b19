package application_test

// TEMPORARY: stands in for internal/pgtest until it lands. A fresh database
// on APP_PG (default: a private cluster on 127.0.0.1:55435) with the
// registry, captcha, rate limit, notification, application and webhook
// migrations and River's applied.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"
)

func newTestDB(t testing.TB) *sqlx.DB {
	t.Helper()
	base := os.Getenv("APP_PG")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:55435/postgres?sslmode=disable"
	}
	admin, err := sqlx.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "t_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	db, err := sqlx.Open("postgres", strings.Replace(base, "/postgres?", "/"+name+"?", 1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	files, _ := filepath.Glob("../../migrations/00[13]*.sql")
	for _, f := range files {
		if strings.Contains(f, "identity") {
			continue
		}
		src, _ := os.ReadFile(f)
		up := strings.Split(strings.Split(string(src), "-- +goose Up")[1], "-- +goose Down")[0]
		if _, err := db.Exec(up); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	m, err := rivermigrate.New(riverdatabasesql.New(db.DB), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Migrate(context.Background(), rivermigrate.DirectionUp, nil); err != nil {
		t.Fatal(err)
	}
	return db
}
