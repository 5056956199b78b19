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
// poll only catches what a notification missed.
//
// What a notification can miss, with LISTEN:
//   - an insert within InsertNotifyWindow of the previous insert into the
//     same queue by the same process: River sends one insert notification
//     per queue per window, so a job committed just after the other one's
//     wake-up fetch waits for the next poll. The window is River's minimum
//     (1 ms) rather than the queue's fetch cooldown (20 ms), so it takes two
//     inserts into one queue in the same millisecond;
//   - a retry or snooze due within River's scheduler interval (5 s: the
//     first retry of a failed job, after ~1 s): River makes it available
//     at once, with its time in the future, and sends no notification;
//   - a job made available by an UPDATE (notify's retry of a failed direct
//     send): River's own Client.JobRetry does not notify either;
//   - a notification sent while the listener reconnects.
//
// So the OTP queue polls every OTPListenPollInterval (an OTP retried leaves
// within half a second), the bulk queues every ListenPollInterval (10 s
// rather than 5 s: their jobs are not urgent; a retry of one due later than
// 5 s is notified by River's scheduler). Jobs River's scheduler makes
// available (scheduled, later retries) are notified. Each poll is one
// statement in the process and in PostgreSQL, and two wake-ups of the
// process (the poll, the end of its fetch cooldown): the idle cost of
// issue 13.
//
// ListenFetchCooldown bounds how often a queue fetches (once per cooldown
// however many notifications arrive; a notification during the cooldown
// fetches at its end, so none is lost).
const (
	PollOnlyInterval      = 100 * time.Millisecond
	ListenPollInterval    = 10 * time.Second
	OTPListenPollInterval = 500 * time.Millisecond
	ListenFetchCooldown   = 20 * time.Millisecond
	InsertNotifyWindow    = river.FetchCooldownMin
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

// RiverConfig returns River's configuration: the fetch poll intervals and
// cooldowns (see PollOnlyInterval), the queues when this process works, the
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
		// The client's FetchCooldown is also the window of its insert
		// notifications; each queue's own FetchCooldown bounds its fetches.
		cfg.FetchCooldown = InsertNotifyWindow
	}
	if c.Work {
		cfg.Queues = QueueConfig()
		if c.Listening {
			for name, q := range cfg.Queues {
				q.FetchCooldown = ListenFetchCooldown
				if name == QueueSMSOTP {
					q.FetchPollInterval = OTPListenPollInterval
				}
				cfg.Queues[name] = q
			}
		}
	}
	return cfg
}
