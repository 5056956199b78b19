package jobs

import (
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

// RescueGrace is how long after the longest job timeout a job that is still
// "running" is taken for the job of a dead process and retried. River cancels
// a job's context at its timeout, so a job of a live process has returned by
// then; a re-send is safe because every send carries its idempotency key.
const RescueGrace = 5 * time.Second

// Config is what River needs from the process wiring.
type Config struct {
	Workers      *river.Workers
	PeriodicJobs []*river.PeriodicJob
	Logger       *slog.Logger
	// Work: this process runs the queues (DVC_WORKER); false = insert only.
	Work bool
	// JobTimeout bounds one run of a job of a kind without its own Timeout
	// (DVC_JOB_TIMEOUT).
	JobTimeout time.Duration
	// KindTimeouts are the timeouts of kinds that set their own (a worker's
	// Timeout method), so the rescue never comes before any of them.
	KindTimeouts []time.Duration
}

// RescueAfter is how long a job may stay running before the rescuer retries
// it: the longest of the timeouts plus RescueGrace.
func RescueAfter(timeouts ...time.Duration) time.Duration {
	var longest time.Duration
	for _, t := range timeouts {
		longest = max(longest, t)
	}
	return longest + RescueGrace
}

// RiverConfig returns River's configuration: poll-only fetching (the
// database/sql driver has no LISTEN), the queues when this process works, the
// job timeout, and a rescue of stuck jobs within minutes of a crash (River's
// default is an hour) that never comes before a job's own timeout.
func RiverConfig(c Config) *river.Config {
	if c.JobTimeout <= 0 {
		c.JobTimeout = time.Minute
	}
	cfg := &river.Config{
		Workers:              c.Workers,
		FetchPollInterval:    100 * time.Millisecond,
		Logger:               c.Logger,
		PeriodicJobs:         c.PeriodicJobs,
		JobTimeout:           c.JobTimeout,
		RescueStuckJobsAfter: RescueAfter(append([]time.Duration{c.JobTimeout}, c.KindTimeouts...)...),
	}
	if c.Work {
		cfg.Queues = QueueConfig()
	}
	return cfg
}
