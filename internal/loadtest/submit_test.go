package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
)

// TestCardGroupsSubmitAndFreeInOneStatement runs the submission row's
// cycles against the real server: every cycle submits (a card left open
// would refuse the next reissue as DUPLICATE_APPLICATION), a group's cards
// stay open until each of its citizens has submitted, then one statement
// frees them all, and a group goes on where the last round's worker
// stopped.
func TestCardGroupsSubmitAndFreeInOneStatement(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	ctx := context.Background()
	people, err := citizens(4, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	tokens := make([]string, len(people))
	for i, p := range people {
		tokens[i] = s.Register(t, p)
	}
	groups := cardGroups(people, tokens, 2)
	if len(groups) != 2 {
		t.Fatalf("got %d groups of 2 for 4 citizens, want 2", len(groups))
	}
	gql := &gqlClient{url: s.URL + "/graphql", http: s.Client}
	db := s.DB.DB
	freer, err := newCardFreer(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer freer.close()
	cpu0, err := freer.cpu()
	if err != nil {
		t.Fatal(err)
	}

	// open is the number of applications holding their card open.
	open := func() int {
		t.Helper()
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM applications WHERE open_key IS NOT NULL`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	var stored []int64 // every application, in order
	cycle := func(name string, snd sender) {
		t.Helper()
		var buf bytes.Buffer
		if _, err := snd.do(&buf); err != nil || buf.Len() > 0 {
			t.Fatalf("%s: cycle failed: %v %s", name, err, buf.String())
		}
		var ids []int64
		if err := s.DB.SelectContext(ctx, &ids, `SELECT id FROM applications ORDER BY id`); err != nil {
			t.Fatal(err)
		}
		if len(ids) != len(stored)+1 {
			t.Fatalf("%s: %d applications stored, want %d", name, len(ids), len(stored)+1)
		}
		stored = ids
	}

	// A round: two workers, one per group.
	newS := submitCycles(ctx, gql, freer, groups)
	w0, err := newS()
	if err != nil {
		t.Fatal(err)
	}
	w1, err := newS()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := newS(); err == nil {
		t.Error("a third worker got a group that two workers submit for")
	}
	cycle("group 0, citizen 0", w0)
	cycle("group 1, citizen 0", w1)
	if got := open(); got != 2 {
		t.Errorf("after each group's first citizen: %d open cards, want 2", got)
	}
	cycle("group 0, citizen 1", w0)
	if got := open(); got != 1 {
		t.Errorf("after group 0's turn: %d open cards, want 1 (group 1's)", got)
	}
	// The two applications of group 0's turn were freed by one statement.
	var xids int
	if err := db.QueryRowContext(ctx, `SELECT count(DISTINCT xmin::text) FROM applications WHERE id = ANY(ARRAY[$1, $2]::bigint[])`, stored[0], stored[2]).Scan(&xids); err != nil {
		t.Fatal(err)
	}
	if xids != 1 {
		t.Errorf("group 0's cards were freed by %d transactions, want 1", xids)
	}
	w0.close()
	w1.close()

	// The next round's workers go on with the cards their groups left:
	// group 1's citizen 1 is next, and every citizen submits again.
	newS = submitCycles(ctx, gql, freer, groups)
	w0, err = newS()
	if err != nil {
		t.Fatalf("next round: %v", err)
	}
	w1, err = newS()
	if err != nil {
		t.Fatalf("next round: %v", err)
	}
	defer w0.close()
	defer w1.close()
	for turn := range 2 {
		for range 2 {
			cycle("next round", w0)
			cycle("next round", w1)
		}
		if got := open(); got != 1 {
			t.Errorf("next round, turn %d: %d open cards, want 1 (group 1 is a citizen behind)", turn, got)
		}
	}
	if len(stored) != 11 {
		t.Errorf("%d applications stored, want 11", len(stored))
	}
	// The freeing backend's CPU is what the suite reports as the tool's.
	if cpu1, err := freer.cpu(); err != nil || cpu1 <= cpu0 {
		t.Errorf("card-freeing backend's CPU went from %v to %v (%v), want it to grow", cpu0, cpu1, err)
	}
}

// TestEnoughCitizens: the built-in personas give the suite's default
// number of citizens, each card valid for 30 more days, on later dates too.
func TestEnoughCitizens(t *testing.T) {
	o, err := parseFlags([]string{"-suite"})
	if err != nil {
		t.Fatal(err)
	}
	so := o.suiteOpts
	n := so.loginC + so.submitC*so.cardsPerC + 1
	for _, day := range []string{"2026-11-30", "2026-12-31", "2027-06-15", "2028-02-29", "2029-12-31", "2030-11-30", "2030-12-15"} {
		now, err := time.Parse(time.DateOnly, day)
		if err != nil {
			t.Fatal(err)
		}
		ps, err := citizens(n, now.Add(15*time.Hour))
		if err != nil {
			t.Errorf("%s: %v", day, err)
			continue
		}
		seen := map[string]bool{}
		for _, p := range ps {
			if seen[p.IDNumber] {
				t.Errorf("%s: %s twice", day, p.IDNumber)
			}
			seen[p.IDNumber] = true
			if now.Before(p.Card.ValidFrom) || !now.AddDate(0, 0, 30).Before(p.Card.ValidTo) {
				t.Errorf("%s: %s's card is valid %s–%s", day, p.IDNumber, p.Card.ValidFrom.Format(time.DateOnly), p.Card.ValidTo.Format(time.DateOnly))
			}
		}
	}
	// The personas' cards end in 2030 and 2031: past that, the suite says
	// it lacks citizens rather than submitting for expired cards.
	if _, err := citizens(n, time.Date(2032, 1, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("2032: citizens found, want none (every built-in card has expired)")
	}
}
