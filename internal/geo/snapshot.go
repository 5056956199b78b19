package geo

import (
	"context"
	"sync"
	"time"
)

// snapshotTTL bounds how long a process serves the units it read: they
// change only when an operator imports a new list.
const snapshotTTL = time.Minute

type snapshot struct {
	mu    sync.Mutex
	at    time.Time
	units []Province
}

// All returns every province with its wards, from an in-memory copy that is
// re-read at most once a minute (the address pickers ask for it on every
// page). Callers must not modify the result.
func (s *Store) All(ctx context.Context) ([]Province, error) {
	s.snap.mu.Lock()
	defer s.snap.mu.Unlock()
	if s.snap.units != nil && time.Since(s.snap.at) < snapshotTTL {
		return s.snap.units, nil
	}
	ps, err := s.Provinces(ctx)
	if err != nil {
		return nil, err
	}
	wards, err := s.WardsByProvince(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Province, len(ps))
	for i, p := range ps {
		out[i] = Province{Unit: p, Wards: wards[p.Code]}
	}
	s.snap.units, s.snap.at = out, time.Now()
	return out, nil
}
