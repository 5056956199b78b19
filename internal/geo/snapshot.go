package geo

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// snapshotTTL bounds how long a process serves the units it read: they
// change only when an operator imports a new list. An import or a load in
// this process drops the snapshot at once (read your own writes); another
// process sees it within snapshotTTL.
const snapshotTTL = time.Minute

// snapshot is the in-memory copy of the units: every province with its
// wards, and both indexed by code. It is never modified once built.
type snapshot struct {
	at        time.Time
	units     []Province
	provinces map[string]Unit
	wards     map[string]ward
}

// ward is a ward and the province it belongs to.
type ward struct {
	Unit
	province string
}

// snapshots holds the current snapshot and serialises its rebuilds.
type snapshots struct {
	cur atomic.Pointer[snapshot]
	mu  sync.Mutex
}

// snapshot returns the current snapshot, reading the units again when there
// is none or it is older than snapshotTTL.
func (s *Store) snapshot(ctx context.Context) (*snapshot, error) {
	if cur := s.snap.cur.Load(); cur != nil && time.Since(cur.at) < snapshotTTL {
		return cur, nil
	}
	s.snap.mu.Lock()
	defer s.snap.mu.Unlock()
	if cur := s.snap.cur.Load(); cur != nil && time.Since(cur.at) < snapshotTTL {
		return cur, nil // another caller rebuilt it while we waited
	}
	at := time.Now()
	ps, err := s.Provinces(ctx)
	if err != nil {
		return nil, err
	}
	wards, err := s.WardsByProvince(ctx)
	if err != nil {
		return nil, err
	}
	snap := &snapshot{at: at, units: make([]Province, len(ps)), provinces: make(map[string]Unit, len(ps)), wards: map[string]ward{}}
	for i, p := range ps {
		snap.units[i] = Province{Unit: p, Wards: wards[p.Code]}
		snap.provinces[p.Code] = p
		for _, w := range wards[p.Code] {
			snap.wards[w.Code] = ward{Unit: w, province: p.Code}
		}
	}
	s.snap.cur.Store(snap)
	return snap, nil
}

// dropSnapshot makes the next read load the units again (after this
// process changed them).
func (s *Store) dropSnapshot() {
	s.snap.mu.Lock()
	s.snap.cur.Store(nil)
	s.snap.mu.Unlock()
}

// All returns every province with its wards, from the in-memory snapshot
// (the address pickers ask for it on every page). Callers must not modify
// the result.
func (s *Store) All(ctx context.Context) ([]Province, error) {
	snap, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return snap.units, nil
}
