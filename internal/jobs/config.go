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
	// Listening: the driver LISTENs (Driver with a URL), so inserts wake the
	// queues and polling is only a back-up.
	Listening bool
}

// How often the queues look for jobs: without LISTEN every 100 ms (an OTP
// SMS leaves within ~100 ms of its commit, at ~40 queries a second for four
// queues when idle); with LISTEN an insert wakes its queue at once and the
// poll only catches what a notification missed. River sends at most one
// insert notification per queue per FetchCooldown (ListenFetchCooldown), so
// a job committed just after another one's wake-up fetch waits for the next
// poll: the OTP queue polls every OTPListenPollInterval to bound that case,
// the bulk queues every ListenPollInterval.
const (
	PollOnlyInterval      = 100 * time.Millisecond
	ListenPollInterval    = 5 * time.Second
	OTPListenPollInterval = 500 * time.Millisecond
	ListenFetchCooldown   = 20 * time.Millisecond
)

// RescueAfter is how long a job may stay running before the rescuer retries
// it: the longest of the timeouts plus RescueGrace.
func RescueAfter(timeouts ...time.Duration) time.Duration {
	var longest time.Duration
	for _, t := range timeouts {
		longest = max(longest, t)
	}
	return longest + RescueGrace
}

// RiverConfig returns River's configuration: the fetch poll interval (see
// PollOnlyInterval), the queues when this process works, the
// job timeout, and a rescue of stuck jobs within minutes of a crash (River's
// default is an hour) that never comes before a job's own timeout.
func RiverConfig(c Config) *river.Config {
	if c.JobTimeout <= 0 {
		c.JobTimeout = time.Minute
	}
	cfg := &river.Config{
		Workers:              c.Workers,
		FetchPollInterval:    PollOnlyInterval,
		Logger:               c.Logger,
		PeriodicJobs:         c.PeriodicJobs,
		JobTimeout:           c.JobTimeout,
		RescueStuckJobsAfter: RescueAfter(append([]time.Duration{c.JobTimeout}, c.KindTimeouts...)...),
	}
	if c.Listening {
		cfg.FetchPollInterval = ListenPollInterval
		cfg.FetchCooldown = ListenFetchCooldown
	}
	if c.Work {
		cfg.Queues = QueueConfig()
		if c.Listening {
			q := cfg.Queues[QueueSMSOTP]
			q.FetchPollInterval = OTPListenPollInterval
			cfg.Queues[QueueSMSOTP] = q
		}
	}
	return cfg
}
