package population

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/pgtest"
)

func TestSandboxLoadAndLookup(t *testing.T) {
	ctx := context.Background()
	db := pgtest.NewDB(t)
	s := NewSandbox(db)
	persons, err := BuiltinPersonas()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Load(ctx, persons); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 1, 2, 3, 4, len(persons) - 1} {
		got, err := s.LookupPerson(ctx, persons[i].IDNumber)
		if err != nil {
			t.Fatalf("LookupPerson(persons[%d]): %v", i, err)
		}
		assertPerson(t, got, persons[i])
	}
	for _, id := range []string{"001090012346", "", "' OR 1=1 --", "00109001234"} {
		if _, err := s.LookupPerson(ctx, id); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("LookupPerson(%q) err = %v, want apperr.ErrNotFound", id, err)
		}
	}
}

func TestSandboxLoadIsIdempotent(t *testing.T) {
	ctx := context.Background()
	db := pgtest.NewDB(t)
	persons, err := BuiltinPersonas()
	if err != nil {
		t.Fatal(err)
	}
	// Several processes loading the same file at once.
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := NewSandbox(db).Load(ctx, persons); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM registry_persons`); err != nil || n != len(persons) {
		t.Fatalf("%d rows, %v; want %d", n, err, len(persons))
	}
	var before time.Time
	if err := db.Get(&before, `SELECT max(updated_at) FROM registry_persons`); err != nil {
		t.Fatal(err)
	}
	// Unchanged persons are not rewritten; a changed one is updated, a card
	// removed is removed.
	changed := append([]Person(nil), persons...)
	changed[1].Phone = "+84987654321"
	changed[2].Card = nil
	if err := NewSandbox(db).Load(ctx, changed); err != nil {
		t.Fatal(err)
	}
	var rewritten int
	if err := db.Get(&rewritten, `SELECT count(*) FROM registry_persons WHERE updated_at > $1`, before); err != nil {
		t.Fatal(err)
	}
	if rewritten != 2 {
		t.Errorf("%d rows rewritten, want 2", rewritten)
	}
	for _, i := range []int{1, 2} {
		got, err := NewSandbox(db).LookupPerson(ctx, changed[i].IDNumber)
		if err != nil {
			t.Fatal(err)
		}
		assertPerson(t, got, changed[i])
	}
}

func TestSandboxLoadNothing(t *testing.T) {
	if err := NewSandbox(pgtest.NewDB(t)).Load(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
}
