package captcha

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/pgtest"
)

func TestNewProvider(t *testing.T) {
	db := pgtest.NewDB(t)
	tests := []struct {
		kind       string
		production bool
		ok         bool
	}{
		{KindImage, false, true},
		{KindImage, true, true},
		{KindTest, false, true},
		{KindTest, true, false},
		{"", false, false},
		{"recaptcha", false, false},
	}
	for _, tt := range tests {
		_, err := NewProvider(tt.kind, tt.production, db)
		if (err == nil) != tt.ok {
			t.Errorf("NewProvider(%q, production=%v) err = %v, want ok=%v", tt.kind, tt.production, err, tt.ok)
		}
	}
}

func TestImageProviderIssues(t *testing.T) {
	ctx := context.Background()
	p, err := NewProvider(KindImage, true, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	before := time.Now()
	c, err := p.New(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !ValidID(c.ID) {
		t.Errorf("ID %q is not 32 hex digits", c.ID)
	}
	if !bytes.HasPrefix(c.ImagePNG, []byte("\x89PNG\r\n\x1a\n")) {
		t.Error("image is not a PNG")
	}
	if !bytes.HasPrefix(c.AudioWAV, []byte("RIFF")) || !bytes.Equal(c.AudioWAV[8:12], []byte("WAVE")) {
		t.Error("audio is not a WAV")
	}
	if d := c.ExpiresAt.Sub(before); d < TTL-time.Minute || d > TTL+time.Minute {
		t.Errorf("expires in %s, want about %s", d, TTL)
	}
	c2, err := p.New(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c2.ID == c.ID || bytes.Equal(c2.ImagePNG, c.ImagePNG) {
		t.Error("two challenges are alike")
	}
}

func TestVerify(t *testing.T) {
	ctx := context.Background()
	db := pgtest.NewDB(t)
	s := &store{db: db}
	img := &ImageProvider{store: s}
	known := func(t *testing.T) string {
		t.Helper()
		c, err := issue(ctx, s, []byte{1, 2, 3, 4, 5, 6}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	verify := func(t *testing.T, id, answer string, want bool) {
		t.Helper()
		got, err := img.Verify(ctx, id, answer)
		if err != nil || got != want {
			t.Fatalf("Verify(%q) = %v, %v; want %v", answer, got, err, want)
		}
	}

	t.Run("right answer once", func(t *testing.T) {
		id := known(t)
		verify(t, id, "123456", true)
		verify(t, id, "123456", false)
	})
	t.Run("wrong answer consumes", func(t *testing.T) {
		id := known(t)
		verify(t, id, "123457", false)
		verify(t, id, "123456", false)
	})
	t.Run("malformed answer consumes", func(t *testing.T) {
		id := known(t)
		verify(t, id, "12345", false)
		verify(t, id, "123456", false)
	})
	t.Run("answer with spaces is wrong", func(t *testing.T) {
		verify(t, known(t), " 123456", false)
	})
	t.Run("expired", func(t *testing.T) {
		id := known(t)
		if _, err := db.Exec(`UPDATE captcha_challenges SET expires_at = now() - interval '1 second' WHERE id = $1`, id); err != nil {
			t.Fatal(err)
		}
		verify(t, id, "123456", false)
	})
	t.Run("unknown and malformed IDs", func(t *testing.T) {
		for _, id := range []string{"", "00000000000000000000000000000000", "' OR 1=1 --", strings.Repeat("a", 10000), "ABCDEF0123456789ABCDEF0123456789", "\x00"} {
			verify(t, id, "123456", false)
		}
	})
	t.Run("another process verifies", func(t *testing.T) {
		id := known(t)
		other, err := NewProvider(KindImage, false, db)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := other.Verify(ctx, id, "123456"); err != nil || !ok {
			t.Fatalf("Verify on another provider = %v, %v", ok, err)
		}
	})
	t.Run("concurrent verifies: exactly one wins", func(t *testing.T) {
		id := known(t)
		var wins atomic.Int32
		var wg sync.WaitGroup
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := img.Verify(ctx, id, "123456")
				if err != nil {
					t.Error(err)
				}
				if ok {
					wins.Add(1)
				}
			}()
		}
		wg.Wait()
		if wins.Load() != 1 {
			t.Errorf("%d verifies succeeded, want 1", wins.Load())
		}
	})
}

func TestTestProvider(t *testing.T) {
	ctx := context.Background()
	p, err := NewProvider(KindTest, false, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.New(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.ImagePNG) == 0 || len(c.AudioWAV) == 0 {
		t.Error("test challenge has no image or audio")
	}
	if ok, err := p.Verify(ctx, c.ID, TestAnswer); err != nil || !ok {
		t.Fatalf("Verify(TestAnswer) = %v, %v", ok, err)
	}
	if ok, _ := p.Verify(ctx, c.ID, TestAnswer); ok {
		t.Error("test captcha reused")
	}
	c, err = p.New(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := p.Verify(ctx, c.ID, "000001"); ok {
		t.Error("wrong answer accepted")
	}
	if ok, _ := p.Verify(ctx, c.ID, TestAnswer); ok {
		t.Error("accepted after a wrong answer")
	}
}

func TestExpiredChallengesArePruned(t *testing.T) {
	ctx := context.Background()
	db := pgtest.NewDB(t)
	p, err := NewProvider(KindTest, false, db)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := p.New(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`UPDATE captcha_challenges SET expires_at = now() - interval '1 minute'`); err != nil {
		t.Fatal(err)
	}
	if _, err := p.New(ctx); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM captcha_challenges`); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("%d challenges left, want 1 (the live one)", n)
	}
}

func TestRandomDigits(t *testing.T) {
	var seen [10]int
	for i := 0; i < 200; i++ {
		d, err := randomDigits(Length)
		if err != nil {
			t.Fatal(err)
		}
		if len(d) != Length {
			t.Fatalf("got %d digits", len(d))
		}
		for _, x := range d {
			if x > 9 {
				t.Fatalf("digit %d out of range", x)
			}
			seen[x]++
		}
	}
	for digit, n := range seen {
		if n == 0 {
			t.Errorf("digit %d never drawn in 1200", digit)
		}
	}
}

func TestDataURLs(t *testing.T) {
	if got := PNGDataURL([]byte{1, 2, 3}); got != "data:image/png;base64,AQID" {
		t.Errorf("PNGDataURL = %q", got)
	}
	if got := WAVDataURL([]byte{1, 2, 3}); got != "data:audio/wav;base64,AQID" {
		t.Errorf("WAVDataURL = %q", got)
	}
}

func BenchmarkImageProviderNew(b *testing.B) {
	p, err := NewProvider(KindImage, false, pgtest.NewDB(b))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if _, err := p.New(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func TestValidID(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"0123456789abcdef0123456789abcdef", true},
		{"0123456789ABCDEF0123456789ABCDEF", false},
		{"0123456789abcdef0123456789abcde", false},
		{"0123456789abcdef0123456789abcdefa", false},
		{"0123456789abcdef0123456789abcdeg", false},
		{"' OR '1'='1", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidID(tt.id); got != tt.want {
			t.Errorf("ValidID(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

// NewGuarded stores and renders a challenge only when the guard's CTE
// allows it; otherwise it returns the guard's own error and stores nothing.
func TestNewGuarded(t *testing.T) {
	t.Parallel()
	errRefused := errors.New("refused by the guard")
	refused := func(retry int64) error { return fmt.Errorf("%w after %d", errRefused, retry) }
	tests := []struct {
		name      string
		cte       string
		args      []any
		wantErr   string // "" when the challenge is issued
		wantSaved int
	}{
		{"allowed", guardCTE, []any{true, 7}, "", 1},
		{"refused", guardCTE, []any{false, 7}, "refused by the guard after 7", 0},
		{"no row is refused", `g AS (SELECT true AS ok, 1::bigint AS wait WHERE false)`, nil, "refused by the guard after 0", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			db := pgtest.NewDB(t)
			for _, kind := range []string{KindTest, KindImage} {
				p, err := NewProvider(kind, false, db)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.Exec(`DELETE FROM captcha_challenges`); err != nil {
					t.Fatal(err)
				}
				c, err := p.NewGuarded(context.Background(), Guard{Name: "g", CTE: tt.cte, Args: tt.args,
					Allowed: "ok", Retry: "wait", Refused: refused})
				if tt.wantErr == "" {
					if err != nil || !ValidID(c.ID) || len(c.ImagePNG) == 0 {
						t.Fatalf("%s: NewGuarded = %q, %v; want an issued challenge", kind, c.ID, err)
					}
				} else if !errors.Is(err, errRefused) || err.Error() != tt.wantErr {
					t.Fatalf("%s: NewGuarded err = %v, want %q", kind, err, tt.wantErr)
				}
				var n int
				if err := db.Get(&n, `SELECT count(*) FROM captcha_challenges`); err != nil {
					t.Fatal(err)
				}
				if n != tt.wantSaved {
					t.Errorf("%s: %d challenges stored, want %d", kind, n, tt.wantSaved)
				}
				// A refused first challenge renders nothing, not even the test provider's one picture.
				if tp, ok := p.(*TestProvider); ok && tt.wantErr != "" && tp.img != nil {
					t.Errorf("test provider rendered for a refused challenge")
				}
			}
		})
	}
}

// guardCTE is a Guard's CTE named "g" that allows when its first argument
// is true and passes its second as the retry.
var guardCTE = `g AS (SELECT $` + strconv.Itoa(GuardFirst) + `::boolean AS ok, $` + strconv.Itoa(GuardFirst+1) +
	`::bigint AS wait FROM ` + GuardAfter + `)`

// VerifyGuarded consumes a challenge only when the guard's CTE allows it:
// refused, the challenge stays as it was (it can still be answered) and the
// error is the guard's own; allowed, it is Verify (consumed right or wrong,
// a malformed answer too). The guard is checked once per call, whatever the
// ID looks like.
func TestVerifyGuarded(t *testing.T) {
	t.Parallel()
	errRefused := errors.New("refused by the guard")
	refused := func(retry int64) error { return fmt.Errorf("%w after %d", errRefused, retry) }
	guard := func(ok bool) Guard {
		return Guard{Name: "g", CTE: guardCTE, Args: []any{ok, 7}, Allowed: "ok", Retry: "wait", Refused: refused}
	}
	noRow := Guard{Name: "g", CTE: `g AS (SELECT true AS ok, 1::bigint AS wait WHERE false)`, Allowed: "ok", Retry: "wait", Refused: refused}
	const malformedID = "' OR 1=1 --"
	tests := []struct {
		name      string
		id        string // "" for the issued challenge's
		answer    string // "" for the right answer
		g         Guard
		want      bool
		wantErr   string // "" when the guard allows
		wantAfter bool   // whether the right answer is still accepted afterwards
	}{
		{"allowed, right answer", "", "", guard(true), true, "", false},
		{"allowed, wrong answer", "", "999999", guard(true), false, "", false},
		{"allowed, malformed answer consumes", "", "12345", guard(true), false, "", false},
		{"refused, right answer: not consumed", "", "", guard(false), false, "refused by the guard after 7", true},
		{"refused, wrong answer: not consumed", "", "999999", guard(false), false, "refused by the guard after 7", true},
		{"refused, malformed answer: not consumed", "", "12345", guard(false), false, "refused by the guard after 7", true},
		{"no row is refused", "", "", noRow, false, "refused by the guard after 0", true},
		{"malformed ID: allowed", malformedID, "", guard(true), false, "", true},
		{"malformed ID: still refused", malformedID, "", guard(false), false, "refused by the guard after 7", true},
		{"unknown ID: refused", strings.Repeat("0", 32), "", guard(false), false, "refused by the guard after 7", true},
	}
	db := pgtest.NewDB(t)
	for _, kind := range []string{KindTest, KindImage} {
		p, err := NewProvider(kind, false, db)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			t.Run(kind+"/"+tt.name, func(t *testing.T) {
				ctx := context.Background()
				id, right := issueKnown(t, p, db)
				if tt.id != "" {
					id = tt.id
				}
				answer := right
				if tt.answer != "" {
					answer = tt.answer
				}
				ok, err := p.VerifyGuarded(ctx, id, answer, tt.g)
				if tt.wantErr == "" {
					if err != nil || ok != tt.want {
						t.Fatalf("VerifyGuarded = %v, %v; want %v, nil", ok, err, tt.want)
					}
				} else if ok || !errors.Is(err, errRefused) || err.Error() != tt.wantErr {
					t.Fatalf("VerifyGuarded = %v, %v; want false, %q", ok, err, tt.wantErr)
				}
				if tt.id != "" {
					// The issued challenge was not the one asked about.
					id = ""
				}
				if id != "" {
					if after, err := p.Verify(ctx, id, right); err != nil || after != tt.wantAfter {
						t.Fatalf("then Verify(right answer) = %v, %v; want %v", after, err, tt.wantAfter)
					}
				}
			})
		}
	}
}

// issueKnown issues a challenge through p and returns its ID and its right
// answer (read back for the image provider: the test sets the answer).
func issueKnown(t *testing.T, p Provider, db *sqlx.DB) (id, answer string) {
	t.Helper()
	c, err := p.New(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := p.(*TestProvider); ok {
		return c.ID, TestAnswer
	}
	const a = "314159"
	if _, err := db.Exec(`UPDATE captcha_challenges SET answer_hash = $2 WHERE id = $1`, c.ID, answerHash(c.ID, a)); err != nil {
		t.Fatal(err)
	}
	return c.ID, a
}

// Of concurrent guarded verifies of one challenge, exactly one is right,
// and the guard acts once for each (here: it writes one row each, in the
// statement that consumes, refused or not). A refused verify leaves the
// challenge to the others.
func TestVerifyGuardedConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.NewDB(t)
	if _, err := db.Exec(`CREATE TABLE guard_events (allowed boolean NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	// The guard writes its decision (its first argument), once per call,
	// and allows when it is true.
	g := func(allow bool) Guard {
		return Guard{Name: "g", CTE: `g AS (INSERT INTO guard_events (allowed) SELECT $` + strconv.Itoa(GuardFirst) +
			`::boolean FROM ` + GuardAfter + ` RETURNING allowed AS ok, 0::bigint AS wait)`,
			Args: []any{allow}, Allowed: "ok", Retry: "wait", Refused: func(int64) error { return errors.New("refused") }}
	}
	for _, kind := range []string{KindTest, KindImage} {
		p, err := NewProvider(kind, false, db)
		if err != nil {
			t.Fatal(err)
		}
		id, right := issueKnown(t, p, db)
		const n = 20
		var wins, refusals atomic.Int32
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := p.VerifyGuarded(ctx, id, right, g(i%2 == 0))
				switch {
				case err != nil && i%2 == 1:
					refusals.Add(1)
				case err != nil:
					t.Error(err)
				case ok:
					wins.Add(1)
				}
			}()
		}
		wg.Wait()
		if wins.Load() != 1 || refusals.Load() != n/2 {
			t.Errorf("%s: %d verifies right and %d refused, want 1 and %d", kind, wins.Load(), refusals.Load(), n/2)
		}
		var events int
		if err := db.Get(&events, `SELECT count(*) FROM guard_events`); err != nil {
			t.Fatal(err)
		}
		if events != n {
			t.Errorf("%s: the guard acted %d times in %d calls, want once each", kind, events, n)
		}
		if _, err := db.Exec(`DELETE FROM guard_events`); err != nil {
			t.Fatal(err)
		}
	}
}
