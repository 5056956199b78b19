package identity

import (
	"context"
	"strings"
	"testing"
)

// testArgon2 is cheap, for tests that hash many times; the production
// parameters are tested in TestPasswordHasherDefaultParams.
var testArgon2 = Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestPasswordHasherDefaultParams(t *testing.T) {
	h, err := NewPasswordHasher(DefaultArgon2Params, 1)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	phc, err := h.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(phc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("PHC string %q does not carry the OWASP parameters", phc)
	}
	for _, tc := range []struct {
		phc, password string
		want          bool
	}{
		{phc, "correct horse battery", true},
		{phc, "correct horse batterY", false},
		{phc, "", false},
		{"", "correct horse battery", false}, // unknown account: the dummy hash never matches
	} {
		got, err := h.Verify(ctx, tc.phc, tc.password)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("Verify(%q) = %v, want %v", tc.password, got, tc.want)
		}
	}
}

func TestPasswordHasherSaltsEachHash(t *testing.T) {
	h, err := NewPasswordHasher(testArgon2, 2)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := h.Hash(context.Background(), "same password")
	b, _ := h.Hash(context.Background(), "same password")
	if a == b {
		t.Fatal("two hashes of one password are equal: no salt")
	}
}

func TestDecodePHCRefusesMalformed(t *testing.T) {
	for _, s := range []string{
		"",
		"plain",
		"$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
		"$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
		"$argon2id$v=19$m=0,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
		"$argon2id$v=19$m=64,t=1,p=1$!!!$aGFzaGhhc2g",
		"$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$",
		"$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g$extra",
	} {
		if _, _, _, err := decodePHC(s); err == nil {
			t.Errorf("decodePHC(%q) accepted a malformed string", s)
		}
	}
}

func TestPasswordHasherHonoursCancellation(t *testing.T) {
	h, err := NewPasswordHasher(testArgon2, 1)
	if err != nil {
		t.Fatal(err)
	}
	h.sem <- struct{}{} // the only slot is taken
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(ctx, "whatever password"); err == nil {
		t.Fatal("Hash with no free slot and a cancelled context succeeded")
	}
	<-h.sem
}

func BenchmarkArgon2idHash(b *testing.B) {
	h, err := NewPasswordHasher(DefaultArgon2Params, 0)
	if err != nil {
		b.Fatal(err)
	}
	phc, _ := h.Hash(context.Background(), "benchmark password")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if ok, err := h.Verify(context.Background(), phc, "benchmark password"); err != nil || !ok {
			b.Fatal("verify failed", err)
		}
	}
}
